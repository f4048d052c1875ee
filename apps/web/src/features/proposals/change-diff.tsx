import type { ReactNode } from 'react';
import type { RouterOutputs } from '../../lib/router-types';

export type PreviewChange = RouterOutputs['proposals']['preview']['changes'][number];
type Named = { id: string | null; ref: string | null; key: string | null; title: string | null } | null | undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const KIND_LABELS: Record<string, string> = {
  create_epic: 'New epic',
  create_story: 'New story',
  create_task: 'New task',
  update_item: 'Update',
  add_to_sprint: 'Add to sprint',
  create_dependency: 'New dependency',
  move_item: 'Move',
};

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  priority: 'Priority',
  estimate: 'Estimate',
  confidence: 'Confidence',
  assigneeId: 'Assignee',
  acceptanceCriteria: 'Acceptance criteria',
  parent: 'Parent',
  sprintId: 'Sprint',
  type: 'Type',
  status: 'Status',
};

/** What an item is called in a change: its key and title, or the title of the item the proposal creates. */
export function NamedItem({ item, onOpen }: { item: Named; onOpen?: ((id: string) => void) | undefined }) {
  if (!item) return <span className="muted">—</span>;
  const label = (
    <>
      {item.key && <span className="item-key">{item.key}</span>} {item.title ?? (item.ref ? `new item ${item.ref}` : 'unknown item')}
      {!item.id && <span className="badge badge-accent" style={{ marginLeft: 6 }}>new</span>}
    </>
  );
  if (item.id && onOpen) {
    const id = item.id;
    return (
      <button type="button" className="link-btn" onClick={() => onOpen(id)}>
        {label}
      </button>
    );
  }
  return <span>{label}</span>;
}

function formatValue(field: string, value: unknown, names: ReadonlyMap<string, string>): ReactNode {
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  if ((field === 'assigneeId' || field === 'sprintId') && typeof value === 'string') return names.get(value) ?? (UUID.test(value) ? <span className="muted">unknown</span> : value);
  if (field === 'confidence' && typeof value === 'number') return `${value}%`;
  if (field === 'status' && typeof value === 'string') return value.replace('_', ' ');
  if (Array.isArray(value)) {
    return (
      <ul className="diff-list">
        {value.map((entry, i) => (
          <li key={i}>{String(entry)}</li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object') return <NamedItem item={value as Named} />;
  return String(value);
}

function rows(change: PreviewChange): { field: string; current: unknown; proposed: unknown }[] {
  const proposed = (change.proposed ?? {}) as Record<string, unknown>;
  const current = (change.current ?? null) as Record<string, unknown> | null;
  if (change.effect === 'create') {
    return Object.entries(proposed)
      .filter(([field, value]) => !['ref', 'epic', 'story'].includes(field) && value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0))
      .map(([field, value]) => ({ field, current: null, proposed: value }));
  }
  if (change.effect === 'add') return [{ field: 'sprintId', current: current?.sprintId ?? null, proposed: proposed.sprintName ?? proposed.sprintId }];
  if (change.effect === 'link') return [];
  return Object.keys(proposed).map((field) => ({ field, current: current?.[field] ?? null, proposed: proposed[field] }));
}

/** One proposed change as a diff: what is there now next to what would be there after applying. */
export function ChangeDiff({ change, names, onOpen }: { change: PreviewChange; names: ReadonlyMap<string, string>; onOpen?: (id: string) => void }) {
  const proposed = (change.proposed ?? {}) as Record<string, unknown>;
  const target = 'target' in change ? (change.target as Named) : null;
  const table = rows(change).filter((row) => row.field !== 'title' || change.effect !== 'create');
  const showCurrent = change.effect !== 'create';
  return (
    <div className="change-diff">
      <div className="change-head">
        <span className={`badge ${change.effect === 'missing' ? 'badge-danger' : change.effect === 'create' ? 'badge-success' : 'badge-info'}`}>{KIND_LABELS[change.kind] ?? change.kind}</span>
        {change.effect === 'create' && <strong className="grow">{String(proposed.title ?? '')}</strong>}
        {(change.effect === 'update' || change.effect === 'move' || change.effect === 'add' || change.effect === 'missing') && (
          <span className="grow">
            <NamedItem item={target} onOpen={onOpen} />
          </span>
        )}
        {change.effect === 'link' && (
          <span className="grow">
            <NamedItem item={proposed.source as Named} onOpen={onOpen} /> <span className="muted">{String(proposed.type)}</span> <NamedItem item={proposed.target as Named} onOpen={onOpen} />
          </span>
        )}
        {change.applied && <span className="badge badge-success">applied</span>}
      </div>
      {change.effect === 'missing' && <p className="form-error">The item or sprint this change names no longer exists.</p>}
      {table.length > 0 && (
        <table className="diff-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              {showCurrent && <th scope="col">Now</th>}
              <th scope="col">{showCurrent ? 'Proposed' : 'Value'}</th>
            </tr>
          </thead>
          <tbody>
            {table.map((row) => (
              <tr key={row.field}>
                <th scope="row">{FIELD_LABELS[row.field] ?? row.field}</th>
                {showCurrent && <td className="diff-old">{formatValue(row.field, row.current, names)}</td>}
                <td className="diff-new">{formatValue(row.field, row.proposed, names)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
