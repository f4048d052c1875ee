import { CALENDAR_DATE, count, formatDate, formatDateTime } from '../../lib/format';

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

const STATUS: Record<string, string> = {
  backlog: 'Backlog',
  ready: 'Ready',
  in_progress: 'In progress',
  review: 'In review',
  done: 'Done',
  todo: 'To do',
  planning: 'Planning',
  active: 'Active',
  completed: 'Completed',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function show(value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && UUID.test(value)) return names.get(value) ?? 'someone or something removed';
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) return formatDate(value);
  if (typeof value === 'string' && TIMESTAMP.test(value)) return formatDateTime(value);
  if (typeof value === 'string') return STATUS[value] ?? (value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return count(value.length, 'item');
  return typeof value === 'object' ? '…' : String(value);
}

const FIELD: Record<string, string> = { startedAt: 'started', completedAt: 'completed', archivedAt: 'archived' };

/** "assigneeId" -> "assignee", "endDate" -> "end date", "acceptanceCriteria" -> "acceptance criteria". */
function fieldLabel(field: string): string {
  return FIELD[field] ?? field.replace(/Id$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

/**
 * "moved DM-4 · status: Ready → In progress" from an event row; `names` turns ids (people, epics,
 * sprints) into names.
 */
export function describeEvent(
  event: { entityType: string; entityId?: string; action: string; diff: Record<string, unknown>; itemKey?: string | null },
  names: ReadonlyMap<string, string> = new Map(),
): { verb: string; subject: string; changes: string[] } {
  const verb = ACTIONS[event.action] ?? event.action;
  const named = typeof event.diff.title === 'string' ? event.diff.title : typeof event.diff.name === 'string' ? event.diff.name : event.entityId ? names.get(event.entityId) : undefined;
  const entity = named === undefined ? article(event.entityType) : `${event.entityType} “${named}”`;
  const stories = sprintStories(event);
  if (stories !== null) {
    return { verb, subject: `${count(stories, 'story', 'stories')} ${event.action === 'added' ? 'to' : 'from'} ${entity}`, changes: [] };
  }
  const subject = event.itemKey ?? entity;
  const changes: string[] = [];
  if (event.action !== 'created' && event.action !== 'deleted') {
    for (const [field, change] of Object.entries(event.diff)) {
      if (field === 'position' || field === 'version' || field === 'updatedAt') continue;
      if (change && typeof change === 'object' && 'from' in change && 'to' in change) {
        const { from, to } = change as { from: unknown; to: unknown };
        changes.push(`${fieldLabel(field)}: ${show(from, names)} → ${show(to, names)}`);
      }
    }
  }
  return { verb, subject, changes };
}

/** How many stories a sprint's `added` or `removed` event moved, or null for any other event. */
function sprintStories(event: { entityType: string; action: string; diff: Record<string, unknown> }): number | null {
  if (event.entityType !== 'sprint' || (event.action !== 'added' && event.action !== 'removed')) return null;
  return Array.isArray(event.diff.storyIds) ? event.diff.storyIds.length : null;
}
