import { describeAction, ITEM_STATUSES, type ChatAction, type DroppedAction, type ProposalChange } from '@devmentor/ai';
import { and, asc, eq, projectMembers, sprints, users } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';
import { findItemsByKeys, type ChatItem } from './chat-items';

/** Chat's suggested actions, resolved in the project: proposal changes, sprints to plan, and what was dropped. */
export interface ResolvedActions {
  changes: ProposalChange[];
  /** One line per accepted change, for the proposal's explanation. */
  lines: string[];
  plans: { sprintId: string; name: string }[];
  /** The actions that resolved (changes and plans), in the order given. */
  accepted: ChatAction[];
  dropped: DroppedAction[];
  /** Items the changes touch, for the proposal's evidence. */
  items: ChatItem[];
}

const FIELDS_BY_TYPE = { story: ['title', 'description', 'priority', 'estimate'], task: ['title', 'description', 'estimate'], epic: ['title', 'description'] } as const;

type Member = { id: string; name: string; email: string };

/** A member by email, full name, first name or email name (case-insensitive); ambiguous or unknown is null. */
function findMember(members: Member[], who: string, callerId: string): Member | null {
  const wanted = who.trim().replace(/^@/, '').toLowerCase();
  if (wanted === 'me' || wanted === 'myself') return members.find((member) => member.id === callerId) ?? null;
  const tests: ((member: Member) => boolean)[] = [
    (member) => member.email.toLowerCase() === wanted,
    (member) => member.name.toLowerCase() === wanted,
    (member) => member.name.toLowerCase().split(/\s+/)[0] === wanted,
    (member) => member.email.toLowerCase().split('@')[0] === wanted,
  ];
  for (const test of tests) {
    const found = members.filter(test);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) return null;
  }
  return null;
}

async function findSprint(db: DbOrTx, projectId: string, name: string | null) {
  const rows = await db.select({ id: sprints.id, name: sprints.name, status: sprints.status }).from(sprints).where(eq(sprints.projectId, projectId)).orderBy(asc(sprints.createdAt), asc(sprints.id));
  if (name === null) return rows.find((sprint) => sprint.status === 'planning') ?? null;
  const wanted = name.trim().toLowerCase();
  return rows.find((sprint) => sprint.name.toLowerCase() === wanted) ?? rows.find((sprint) => sprint.name.toLowerCase() === `sprint ${wanted}`) ?? null;
}

/**
 * Turns suggested actions into proposal changes against the project as it is now: keys must name
 * live items of this project, statuses must exist for the item's type, assignees must be members,
 * sprints must exist and not be completed. Anything else is dropped with a reason, never guessed.
 */
export async function resolveChatActions(db: DbOrTx, input: { projectId: string; callerId: string; actions: ChatAction[] }): Promise<ResolvedActions> {
  const resolved: ResolvedActions = { changes: [], lines: [], plans: [], accepted: [], dropped: [], items: [] };
  if (input.actions.length === 0) return resolved;
  const keys = input.actions.flatMap((action) => ('item' in action ? [action.item] : []));
  const items = await findItemsByKeys(db, input.projectId, keys);
  const members: Member[] = input.actions.some((action) => action.kind === 'assign')
    ? await db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(projectMembers)
        .innerJoin(users, eq(users.id, projectMembers.userId))
        .where(and(eq(projectMembers.projectId, input.projectId)))
    : [];

  for (const [i, action] of input.actions.entries()) {
    const changeId = `chat-${i + 1}`;
    const drop = (reason: string) => resolved.dropped.push({ action: describeAction(action), reason });
    const accept = (change: ProposalChange, item?: ChatItem) => {
      resolved.changes.push(change);
      resolved.lines.push(describeAction(action));
      resolved.accepted.push(action);
      if (item && !resolved.items.includes(item)) resolved.items.push(item);
    };
    if (action.kind === 'create') {
      accept({ changeId, kind: 'create_story', ref: `story-${i + 1}`, title: action.title, description: action.description, priority: action.priority, estimate: action.estimate });
      continue;
    }
    if (action.kind === 'plan') {
      const sprint = await findSprint(db, input.projectId, action.sprint);
      if (!sprint) drop(action.sprint ? `no sprint named "${action.sprint}"` : 'no sprint in planning');
      else if (sprint.status === 'completed') drop(`${sprint.name} is completed`);
      else if (resolved.plans.length > 0) drop('one sprint plan per answer');
      else {
        resolved.plans.push({ sprintId: sprint.id, name: sprint.name });
        resolved.accepted.push(action);
      }
      continue;
    }
    const item = items.get(action.item);
    if (!item) {
      drop(`no item ${action.item} in this project`);
      continue;
    }
    if (action.kind === 'move') {
      if (!(ITEM_STATUSES[item.type] as readonly string[]).includes(action.status)) drop(`a ${item.type} has no status ${action.status}`);
      else if (item.status === action.status) drop(`${item.key} is already ${action.status}`);
      else accept({ changeId, kind: 'move_item', itemType: item.type, itemId: item.id, status: action.status as 'done' }, item);
      continue;
    }
    if (action.kind === 'assign') {
      const member = action.assignee === null ? null : findMember(members, action.assignee, input.callerId);
      if (item.type === 'epic') drop('epics have no assignee');
      else if (action.assignee !== null && !member) drop(`no single project member matches "${action.assignee}"`);
      else accept({ changeId, kind: 'update_item', itemType: item.type, itemId: item.id, fields: { assigneeId: member?.id ?? null } }, item);
      continue;
    }
    const allowed: readonly string[] = FIELDS_BY_TYPE[item.type];
    const fields = Object.fromEntries(Object.entries({ title: action.title, description: action.description, priority: action.priority, estimate: action.estimate }).filter(([, value]) => value !== undefined));
    const refused = Object.keys(fields).filter((field) => !allowed.includes(field));
    if (refused.length > 0) drop(`a ${item.type} has no ${refused.join(', ')}`);
    else if (Object.keys(fields).length === 0) drop('nothing to update');
    else accept({ changeId, kind: 'update_item', itemType: item.type, itemId: item.id, fields }, item);
  }
  return resolved;
}
