import { and, epics, eq, projectMembers, projects, sql, stories, tasks, users } from '@devmentor/db';
import type { DbOrTx, ProjectEvent } from '../events/project-events';
import { excerpt, mayMentionSomeone, newlyMentioned, type Mentionable } from './mentions';
import type { NotificationKind } from './notification-view';

export interface NotificationDraft {
  userId: string;
  projectId: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  entityType: string;
  entityId: string;
  actorId: string | null;
  sourceEventId: number;
}

const ITEM_TABLES = { epic: epics, story: stories, task: tasks } as const;
type ItemType = keyof typeof ITEM_TABLES;
const isItem = (entityType: string): entityType is ItemType => entityType in ITEM_TABLES;

/** `DM-42 Title` for work items; null when the item is gone. */
async function itemLabel(tx: DbOrTx, event: ProjectEvent): Promise<string | null> {
  if (!isItem(event.entityType) || !event.projectId) return null;
  const table = ITEM_TABLES[event.entityType];
  const [row] = await tx
    .select({ number: table.number, title: table.title, keyPrefix: projects.keyPrefix })
    .from(table)
    .innerJoin(projects, eq(projects.id, table.projectId))
    .where(and(eq(table.id, event.entityId), eq(table.projectId, event.projectId)));
  return row ? `${row.keyPrefix}-${row.number} ${row.title}` : null;
}

async function members(tx: DbOrTx, projectId: string): Promise<Mentionable[]> {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId));
}

async function nameOf(tx: DbOrTx, userId: string | null): Promise<string> {
  if (!userId) return 'Someone';
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? 'Someone';
}

/** The new assignee of a change (`{from,to}`) or of a created item (the row's value). */
function assigneeOf(event: ProjectEvent): string | null {
  const value = event.diff.assigneeId;
  if (event.action === 'created') return typeof value === 'string' ? value : null;
  if (value && typeof value === 'object' && 'to' in value && typeof value.to === 'string') return value.to;
  return null;
}

/**
 * The notifications one event produces: assigned to me, mentioned (`@name` / `@email` of a member,
 * newly added to a title, description or comment), invited (an invitation to an existing account),
 * AI proposal ready. A person is never notified of their own change, and at most once per event
 * (assignment wins over a mention).
 */
export async function deriveNotifications(tx: DbOrTx, event: ProjectEvent): Promise<NotificationDraft[]> {
  const drafts = new Map<string, NotificationDraft>();
  const base = { projectId: event.projectId, entityType: event.entityType, entityId: event.entityId, actorId: event.actorId, sourceEventId: event.id };
  const add = (userId: string, kind: NotificationKind, title: string, body: string) => {
    if (drafts.has(userId)) return;
    if (userId === event.actorId && kind !== 'proposal_ready') return;
    drafts.set(userId, { ...base, userId, kind, title: title.slice(0, 300), body: body.slice(0, 1000) });
  };

  const assignee = assigneeOf(event);
  const assignedBySomeoneElse = assignee !== null && assignee !== event.actorId;
  const mayNotify = assignedBySomeoneElse || mayMentionSomeone(event.diff);
  // Most item events (moves, estimates, plain edits) notify nobody: the members are read only when one might.
  if (isItem(event.entityType) && event.projectId && event.action !== 'deleted' && mayNotify) {
    const people = await members(tx, event.projectId);
    const mentioned = newlyMentioned(event.diff, people);
    if (assignedBySomeoneElse || mentioned.some((person) => person.id !== event.actorId)) {
      const [label, actor] = await Promise.all([itemLabel(tx, event), nameOf(tx, event.actorId)]);
      const item = label ?? event.entityType;
      if (assignee && people.some((person) => person.id === assignee)) add(assignee, 'assigned', `Assigned to you: ${item}`, `${actor} assigned ${item} to you`);
      for (const person of mentioned) add(person.id, 'mentioned', `${actor} mentioned you in ${item}`, excerpt(event.diff));
    }
  }

  if (event.entityType === 'invitation' && event.action === 'created' && typeof event.diff.email === 'string' && event.projectId) {
    const [invitee] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${event.diff.email})`);
    if (invitee) {
      const [project] = await tx.select({ name: projects.name }).from(projects).where(eq(projects.id, event.projectId));
      const role = typeof event.diff.role === 'string' ? event.diff.role : 'member';
      add(invitee.id, 'invitation', `Invitation to ${project?.name ?? 'a project'}`, `${await nameOf(tx, event.actorId)} invited you as ${role}`);
    }
  }

  // An AI proposal is made for the person who asked: it is news to them even though they are the actor.
  if (event.entityType === 'proposal' && (event.action === 'created' || event.action === 'completed')) {
    const requester = typeof event.diff.requestedById === 'string' ? event.diff.requestedById : event.actorId;
    const summary = typeof event.diff.summary === 'string' ? event.diff.summary : typeof event.diff.title === 'string' ? event.diff.title : '';
    if (requester && event.projectId) {
      const [member] = await tx
        .select({ userId: projectMembers.userId })
        .from(projectMembers)
        .where(and(eq(projectMembers.projectId, event.projectId), eq(projectMembers.userId, requester)));
      if (member) add(requester, 'proposal_ready', 'AI proposal ready', summary);
    }
  }
  return [...drafts.values()];
}
