import { useState } from 'react';

/** A title that turns into an input on click (or Enter); saves on Enter/blur, Escape cancels. */
export function InlineTitle({ value, canEdit, onSave, className }: { value: string; canEdit: boolean; onSave: (next: string) => void; className?: string }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  if (!editing) {
    return (
      <span
        className={`${className ?? ''} grow truncate`}
        role={canEdit ? 'button' : undefined}
        tabIndex={canEdit ? 0 : undefined}
        title={canEdit ? 'Click to rename' : undefined}
        style={canEdit ? { cursor: 'text' } : undefined}
        onClick={() => canEdit && (setDraft(value), setEditing(true))}
        onKeyDown={(event) => canEdit && event.key === 'Enter' && (setDraft(value), setEditing(true))}
      >
        {value}
      </span>
    );
  }
  const commit = () => {
    setEditing(false);
    if (draft.trim() && draft.trim() !== value) onSave(draft.trim());
  };
  return (
    <input
      className="input input-sm grow"
      autoFocus
      aria-label="Title"
      maxLength={200}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') setEditing(false);
      }}
    />
  );
}
