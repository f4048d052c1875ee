import { epicStatus, priority, storyStatus, taskStatus } from '@devmentor/db';
import { z } from 'zod';

const Id = z.uuid();
const Title = z.string().trim().min(1).max(200);
const Description = z.string().max(20_000);
const Labels = z.array(z.string().trim().min(1).max(50)).max(20);
const Version = z.number().int().min(1);
const Estimate = z.number().int().min(0).max(1000).nullable();
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/);

export const AcceptanceCriterion = z.object({ text: z.string().trim().min(1).max(1000), done: z.boolean() });

/** Inputs shared by the three kinds (`projectId` comes from `projectProcedure`). */
export const ItemId = z.object({ id: Id });
export const DeleteItem = z.object({ id: Id, version: Version.optional() });
export type DeleteItem = z.infer<typeof DeleteItem>;

/**
 * A move changes status and/or parent and/or position in one call. `afterId` is the item that will
 * sit directly above the moved one, `beforeId` the one directly below (either or both); with
 * neither, a status or parent change appends to the end of the target column.
 */
const MoveBase = z.object({ id: Id, version: Version, afterId: Id.optional(), beforeId: Id.optional() });

export const ListBase = z.object({
  assigneeId: Id.optional(),
  label: z.string().max(50).optional(),
  q: z.string().trim().max(200).optional(),
  includeDeleted: z.boolean().optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.number().int().min(1).max(100).default(50),
  /** `field:asc|desc`; default `number:asc`. Fields: number, position, title, createdAt, updatedAt (+ priority for stories). */
  sort: z.string().max(40).optional(),
});

export const EpicCreate = z.object({
  title: Title,
  description: Description.optional(),
  labels: Labels.optional(),
  status: z.enum(epicStatus.enumValues).optional(),
  color: Color.optional(),
});
export const EpicUpdate = z.object({ id: Id, version: Version, title: Title.optional(), description: Description.optional(), labels: Labels.optional(), color: Color.optional() });
export const EpicMove = MoveBase.extend({ status: z.enum(epicStatus.enumValues).optional() });
export const EpicList = ListBase.omit({ assigneeId: true }).extend({ status: z.array(z.enum(epicStatus.enumValues)).max(3).optional() });

const StoryFields = {
  priority: z.enum(priority.enumValues).optional(),
  estimate: Estimate.optional(),
  confidence: z.number().int().min(0).max(100).nullable().optional(),
  acceptanceCriteria: z.array(AcceptanceCriterion).max(50).optional(),
  assigneeId: Id.nullable().optional(),
};
export const StoryCreate = z.object({
  title: Title,
  description: Description.optional(),
  labels: Labels.optional(),
  status: z.enum(storyStatus.enumValues).optional(),
  epicId: Id.nullable().optional(),
  ...StoryFields,
});
export const StoryUpdate = z.object({ id: Id, version: Version, title: Title.optional(), description: Description.optional(), labels: Labels.optional(), ...StoryFields });
export const StoryMove = MoveBase.extend({ status: z.enum(storyStatus.enumValues).optional(), epicId: Id.nullable().optional() });
export const StoryList = ListBase.extend({
  status: z.array(z.enum(storyStatus.enumValues)).max(5).optional(),
  epicId: Id.optional(),
  sprintId: Id.optional(),
});
/** The complete new order of one status column, each story with the version read. */
export const StoryReorder = z.object({
  status: z.enum(storyStatus.enumValues),
  items: z.array(z.object({ id: Id, version: Version })).min(1).max(200),
});
export type StoryReorder = z.infer<typeof StoryReorder>;

const TaskFields = { estimate: Estimate.optional(), assigneeId: Id.nullable().optional() };
export const TaskCreate = z.object({
  title: Title,
  description: Description.optional(),
  labels: Labels.optional(),
  status: z.enum(taskStatus.enumValues).optional(),
  storyId: Id.nullable().optional(),
  parentTaskId: Id.nullable().optional(),
  ...TaskFields,
});
export const TaskUpdate = z.object({ id: Id, version: Version, title: Title.optional(), description: Description.optional(), labels: Labels.optional(), ...TaskFields });
export const TaskMove = MoveBase.extend({ status: z.enum(taskStatus.enumValues).optional(), storyId: Id.nullable().optional() });
export const TaskList = ListBase.extend({
  status: z.array(z.enum(taskStatus.enumValues)).max(3).optional(),
  storyId: Id.optional(),
  sprintId: Id.optional(),
});

/** The shapes the shared services accept, whatever the kind. */
export interface CreateItemInput {
  projectId: string;
  title: string;
  description?: string | undefined;
  labels?: string[] | undefined;
  status?: string | undefined;
  [field: string]: unknown;
}
export interface UpdateItemInput {
  projectId: string;
  id: string;
  version: number;
  [field: string]: unknown;
}
export interface MoveItemInput {
  projectId: string;
  id: string;
  version: number;
  status?: string | undefined;
  epicId?: string | null | undefined;
  storyId?: string | null | undefined;
  afterId?: string | undefined;
  beforeId?: string | undefined;
}
export interface ListItemsInput {
  projectId: string;
  status?: string[] | undefined;
  assigneeId?: string | undefined;
  epicId?: string | undefined;
  storyId?: string | undefined;
  sprintId?: string | undefined;
  label?: string | undefined;
  q?: string | undefined;
  includeDeleted?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
  sort?: string | undefined;
}
