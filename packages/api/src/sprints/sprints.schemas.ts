import { z } from 'zod';

const Name = z.string().trim().min(1).max(200);
const Goal = z.string().max(2000);
const IsoDate = z.iso.date();
/** Story points each member can take on, keyed by user id; only project members may appear. */
export const Capacity = z.record(z.uuid(), z.number().int().min(0).max(1000)).refine((map) => Object.keys(map).length <= 200, 'at most 200 members');

export const SprintRef = z.object({ id: z.uuid() });

export const CreateSprintInput = z.object({
  name: Name,
  goal: Goal.optional(),
  startDate: IsoDate.nullish(),
  endDate: IsoDate.nullish(),
  capacity: Capacity.optional(),
});
export type CreateSprintInput = z.infer<typeof CreateSprintInput>;

export const UpdateSprintInput = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  name: Name.optional(),
  goal: Goal.optional(),
  startDate: IsoDate.nullish(),
  endDate: IsoDate.nullish(),
  capacity: Capacity.optional(),
});
export type UpdateSprintInput = z.infer<typeof UpdateSprintInput>;

export const ListSprintsInput = z.object({
  status: z.enum(['planning', 'active', 'completed']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type ListSprintsInput = z.infer<typeof ListSprintsInput>;

export const AddSprintItemsInput = z.object({ id: z.uuid(), storyIds: z.array(z.uuid()).min(1).max(100) });
export type AddSprintItemsInput = z.infer<typeof AddSprintItemsInput>;

export const RemoveSprintItemInput = z.object({ id: z.uuid(), storyId: z.uuid() });
export type RemoveSprintItemInput = z.infer<typeof RemoveSprintItemInput>;

export const StartSprintInput = z.object({ id: z.uuid(), version: z.number().int().min(1) });
export type StartSprintInput = z.infer<typeof StartSprintInput>;

export const CompleteSprintInput = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  /** Where stories that are not done go: back to the backlog, or into the next sprint. */
  unfinished: z.enum(['backlog', 'next_sprint']),
  /** A planning sprint of the project; omitted with `next_sprint` creates one. */
  nextSprintId: z.uuid().optional(),
  /** Name of the sprint created when `nextSprintId` is omitted. */
  nextSprintName: Name.optional(),
});
export type CompleteSprintInput = z.infer<typeof CompleteSprintInput>;
