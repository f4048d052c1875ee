import { useState, type FormEvent } from 'react';

/** "+ Add story" that becomes a one-line form. */
export function InlineCreate({ label, onCreate, pending }: { label: string; onCreate: (title: string) => Promise<unknown>; pending: boolean }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    await onCreate(title.trim());
    setTitle('');
  };
  if (!open) {
    return (
      <div className="inline-create">
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => setOpen(true)}>+ {label}</button>
      </div>
    );
  }
  return (
    <form className="inline-create" onSubmit={(event) => void submit(event)}>
      <input className="input input-sm grow" autoFocus placeholder="Title" aria-label={label} maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} onKeyDown={(event) => event.key === 'Escape' && setOpen(false)} />
      <button type="submit" className="btn btn-primary btn-sm" disabled={pending || !title.trim()}>Add</button>
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => setOpen(false)}>Cancel</button>
    </form>
  );
}
