import { trpc } from '../../lib/trpc';
import { describeEvent } from '../activity/describe-event';

export interface ChangedEvent {
  eventId: number;
  entityType: string;
  entityId: string;
  action: string;
  actorId: string | null;
  diff: unknown;
}

/**
 * What changed on the board since the proposal was made, on the items it touches (from the preview's
 * `conflicts`, or a CONFLICT's `details.changed`): "Ada updated DM-4 · status: Ready → Done".
 */
export function ConflictList({ projectId, changed, names, itemKeys, title }: { projectId: string; changed: ChangedEvent[]; names: ReadonlyMap<string, string>; itemKeys: ReadonlyMap<string, string>; title: string }) {
  // Stories the proposal itself created are not named by the preview: look their keys up.
  const unnamed = [...new Set(changed.filter((event) => event.entityType === 'story' && event.action !== 'deleted' && !itemKeys.has(event.entityId)).map((event) => event.entityId))];
  const looked = trpc.useQueries((t) => unnamed.map((id) => t.stories.get({ projectId, id }, { staleTime: 60_000 })));
  const keys = new Map(itemKeys);
  for (const query of looked) if (query.data) keys.set(query.data.id, query.data.key);
  return (
    <div className="conflict-box" role="alert" data-testid="proposal-conflicts">
      <strong>{title}</strong>
      <ul>
        {changed.map((event) => {
          const diff = event.diff && typeof event.diff === 'object' ? (event.diff as Record<string, unknown>) : {};
          const text = describeEvent({ entityType: event.entityType, action: event.action, diff, itemKey: keys.get(event.entityId) ?? names.get(event.entityId) ?? null }, names);
          const actor = event.actorId ? (names.get(event.actorId) ?? 'Someone') : 'The system';
          return (
            <li key={event.eventId}>
              {actor} {text.verb} <strong>{text.subject}</strong>
              {text.changes.length > 0 && <span className="muted"> · {text.changes.join(' · ')}</span>}
            </li>
          );
        })}
      </ul>
      <span className="hint">Ask the agent for a fresh proposal, or apply only the changes that do not touch these items.</span>
    </div>
  );
}
