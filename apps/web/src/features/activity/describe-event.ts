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

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return STATUS[value] ?? (value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  return typeof value === 'object' ? '…' : String(value);
}

/** "moved DM-4 · status: Ready → In progress" from an event row. */
export function describeEvent(event: { entityType: string; action: string; diff: Record<string, unknown>; itemKey?: string | null }): { verb: string; subject: string; changes: string[] } {
  const verb = ACTIONS[event.action] ?? event.action;
  const subject = event.itemKey ?? (typeof event.diff.title === 'string' ? `${event.entityType} “${event.diff.title}”` : typeof event.diff.name === 'string' ? `${event.entityType} “${event.diff.name}”` : `a ${event.entityType}`);
  const changes: string[] = [];
  if (event.action !== 'created' && event.action !== 'deleted') {
    for (const [field, change] of Object.entries(event.diff)) {
      if (field === 'position' || field === 'version' || field === 'updatedAt') continue;
      if (change && typeof change === 'object' && 'from' in change && 'to' in change) {
        const { from, to } = change as { from: unknown; to: unknown };
        changes.push(`${field}: ${show(from)} → ${show(to)}`);
      }
    }
  }
  return { verb, subject, changes };
}
