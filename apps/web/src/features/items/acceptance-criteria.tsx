import { useState, type FormEvent } from 'react';

interface Criterion {
  text: string;
  done: boolean;
}

/** The checklist: tick, add, remove. Every change is saved as the whole list. */
export function AcceptanceCriteria({ value, canEdit, onChange }: { value: Criterion[]; canEdit: boolean; onChange: (next: Criterion[]) => void }) {
  const [draft, setDraft] = useState('');
  const done = value.filter((criterion) => criterion.done).length;
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    onChange([...value, { text: draft.trim(), done: false }]);
    setDraft('');
  };
  return (
    <section>
      <div className="section-title">
        Acceptance criteria {value.length > 0 && <span>· {done}/{value.length}</span>}
      </div>
      {value.length > 0 && (
        <div className="progress" style={{ marginBottom: 10 }}>
          <div style={{ width: `${(done / value.length) * 100}%` }} />
        </div>
      )}
      <ul className="checklist">
        {value.map((criterion, index) => (
          <li key={`${index}-${criterion.text}`} className="row">
            <label className="checkbox grow">
              <input
                type="checkbox"
                checked={criterion.done}
                disabled={!canEdit}
                onChange={() => onChange(value.map((item, i) => (i === index ? { ...item, done: !item.done } : item)))}
              />
              <span style={criterion.done ? { textDecoration: 'line-through', color: 'var(--muted)' } : undefined}>{criterion.text}</span>
            </label>
            {canEdit && (
              <button type="button" className="icon-btn" aria-label={`Remove "${criterion.text}"`} onClick={() => onChange(value.filter((_, i) => i !== index))}>
                ✕
              </button>
            )}
          </li>
        ))}
        {value.length === 0 && <li className="muted">No criteria yet.</li>}
      </ul>
      {canEdit && (
        <form className="row" style={{ marginTop: 8 }} onSubmit={add}>
          <input className="input input-sm" placeholder="Add a criterion…" aria-label="New acceptance criterion" maxLength={1000} value={draft} onChange={(event) => setDraft(event.target.value)} />
          <button type="submit" className="btn btn-sm">Add</button>
        </form>
      )}
    </section>
  );
}
