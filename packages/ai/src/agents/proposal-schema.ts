import { z } from 'zod';

/** An item the change names: one that exists (`id`) or one a change of the same proposal creates (`ref`). */
export const ItemRef = z.union([z.object({ id: z.uuid() }), z.object({ ref: z.string().min(1).max(64) })]);
export type ItemRef = z.infer<typeof ItemRef>;

const ChangeId = z.string().min(1).max(64);
const Title = z.string().trim().min(1).max(200);
const Description = z.string().max(20_000);
const Priority = z.enum(['low', 'medium', 'high', 'critical']);
const Estimate = z.number().int().min(0).max(1000);

export const CreateEpicChange = z.object({ changeId: ChangeId, kind: z.literal('create_epic'), ref: z.string().min(1).max(64), title: Title, description: Description.optional() });
export const CreateStoryChange = z.object({
  changeId: ChangeId,
  kind: z.literal('create_story'),
  ref: z.string().min(1).max(64),
  title: Title,
  description: Description.optional(),
  epic: ItemRef.nullable().optional(),
  priority: Priority.optional(),
  estimate: Estimate.nullable().optional(),
  /** How sure the estimate is, 0-100. */
  confidence: z.number().int().min(0).max(100).nullable().optional(),
  acceptanceCriteria: z.array(z.string().trim().min(1).max(1000)).max(50).optional(),
});
export const CreateTaskChange = z.object({
  changeId: ChangeId,
  kind: z.literal('create_task'),
  ref: z.string().min(1).max(64),
  title: Title,
  description: Description.optional(),
  story: ItemRef.nullable().optional(),
  estimate: Estimate.nullable().optional(),
});
export const UpdateItemChange = z.object({
  changeId: ChangeId,
  kind: z.literal('update_item'),
  itemType: z.enum(['epic', 'story', 'task']),
  itemId: z.uuid(),
  fields: z
    .object({
      title: Title.optional(),
      description: Description.optional(),
      priority: Priority.optional(),
      estimate: Estimate.nullable().optional(),
      confidence: z.number().int().min(0).max(100).nullable().optional(),
      assigneeId: z.uuid().nullable().optional(),
    })
    .strict(),
});
/** The statuses of each item type, as the database enums define them. */
export const ITEM_STATUSES = {
  epic: ['open', 'in_progress', 'done'],
  story: ['backlog', 'ready', 'in_progress', 'review', 'done'],
  task: ['todo', 'in_progress', 'done'],
} as const;

/** A status change, applied through the same move service (and workflow rules) people use. */
export const MoveItemChange = z
  .object({
    changeId: ChangeId,
    kind: z.literal('move_item'),
    itemType: z.enum(['epic', 'story', 'task']),
    itemId: z.uuid(),
    status: z.enum(['open', 'backlog', 'ready', 'todo', 'in_progress', 'review', 'done']),
  })
  .refine((change) => (ITEM_STATUSES[change.itemType] as readonly string[]).includes(change.status), { message: 'Not a status of this item type', path: ['status'] });
export const AddToSprintChange = z.object({ changeId: ChangeId, kind: z.literal('add_to_sprint'), sprintId: z.uuid(), story: ItemRef });
export const CreateDependencyChange = z.object({
  changeId: ChangeId,
  kind: z.literal('create_dependency'),
  source: ItemRef,
  target: ItemRef,
  type: z.enum(['blocks', 'requires']),
});

/** One proposed change, with an id stable for the life of the proposal (apply a subset by id). */
export const ProposalChange = z.discriminatedUnion('kind', [CreateEpicChange, CreateStoryChange, CreateTaskChange, UpdateItemChange, MoveItemChange, AddToSprintChange, CreateDependencyChange]);
export type ProposalChange = z.infer<typeof ProposalChange>;

/** What every agent produces: changes plus per-agent notes (skipped duplicates, plan metrics...). */
export const ProposalPayload = z.object({
  changes: z.array(ProposalChange).max(500),
  notes: z.record(z.string(), z.unknown()).optional(),
});
export type ProposalPayload = z.infer<typeof ProposalPayload>;

/** The client refs a change needs to exist first (created by other changes of the proposal). */
export function refsNeeded(change: ProposalChange): string[] {
  const refs: (ItemRef | null | undefined)[] = [];
  if (change.kind === 'create_story') refs.push(change.epic);
  if (change.kind === 'create_task') refs.push(change.story);
  if (change.kind === 'add_to_sprint') refs.push(change.story);
  if (change.kind === 'create_dependency') refs.push(change.source, change.target);
  return refs.flatMap((ref) => (ref && 'ref' in ref ? [ref.ref] : []));
}

/** The existing item ids a change touches (for conflict detection). */
export function idsTouched(change: ProposalChange): string[] {
  const refs: (ItemRef | null | undefined)[] = [];
  const ids: string[] = [];
  if (change.kind === 'create_story') refs.push(change.epic);
  if (change.kind === 'create_task') refs.push(change.story);
  if (change.kind === 'update_item' || change.kind === 'move_item') ids.push(change.itemId);
  if (change.kind === 'add_to_sprint') {
    refs.push(change.story);
    ids.push(change.sprintId);
  }
  if (change.kind === 'create_dependency') refs.push(change.source, change.target);
  return [...ids, ...refs.flatMap((ref) => (ref && 'id' in ref ? [ref.id] : []))];
}
