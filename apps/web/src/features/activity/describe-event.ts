import { count } from '../../lib/format';

const ACTIONS: Record<string, string> = {
  created: 'created',
  updated: 'updated',
  moved: 'moved',
  deleted: 'deleted',
  restored: 'restored',
  status_changed: 'changed the status of',
  started: 'started',
  completed: 'completed',
  added: 'added',
  removed: 'removed',
  role_changed: 'changed the role of',
  archived: 'archived',
};

const STATUS: Record<string, string> = { backlog: 'Backlog', ready: 'Ready', in_progress: 'In progress', review: 'In review', done: 'Done', todo: 'To do' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function show(value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && UUID.test(value)) return names.get(value) ?? 'someone or something removed';
  if (typeof value === 'string') return STATUS[value] ?? (value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return count(value.length, 'item');
  return typeof value === 'object' ? '…' : String(value);
}

const FIELD: Record<string, string> = { assigneeId: 'assignee', epicId: 'epic', sprintId: 'sprint', storyId: 'story', acceptanceCriteria: 'acceptance criteria' };

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

/**
 * "moved DM-4 · status: Ready → In progress" from an event row; `names` turns ids (people, epics,
 * sprints) into names.
 */
export function describeEvent(
  event: { entityType: string; action: string; diff: Record<string, unknown>; itemKey?: string | null },
  names: ReadonlyMap<string, string> = new Map(),
): { verb: string; subject: string; changes: string[] } {
  const verb = ACTIONS[event.action] ?? event.action;
  const subject = event.itemKey ?? (typeof event.diff.title === 'string' ? `${event.entityType} “${event.diff.title}”` : typeof event.diff.name === 'string' ? `${event.entityType} “${event.diff.name}”` : article(event.entityType));
  const changes: string[] = [];
  if (event.action !== 'created' && event.action !== 'deleted') {
    for (const [field, change] of Object.entries(event.diff)) {
      if (field === 'position' || field === 'version' || field === 'updatedAt') continue;
      if (change && typeof change === 'object' && 'from' in change && 'to' in change) {
        const { from, to } = change as { from: unknown; to: unknown };
        changes.push(`${FIELD[field] ?? field}: ${show(from, names)} → ${show(to, names)}`);
      }
    }
  }
  return { verb, subject, changes };
}
