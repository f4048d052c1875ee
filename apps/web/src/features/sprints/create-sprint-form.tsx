import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

export function CreateSprintForm({ projectId, onDone }: { projectId: string; onDone: (id: string) => void }) {
  const [form, setForm] = useState({ name: '', goal: '', startDate: '', endDate: '' });
  const utils = trpc.useUtils();
  const create = trpc.sprints.create.useMutation({
    onSuccess: async (sprint) => {
      await utils.sprints.list.invalidate({ projectId });
      onDone(sprint.id);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ projectId, name: form.name.trim(), goal: form.goal, startDate: form.startDate || null, endDate: form.endDate || null });
  };
  return (
    <form className="stack" onSubmit={submit}>
      {create.error && <div className="form-error" role="alert">{errorMessage(create.error)}</div>}
      <label className="field"><span>Name</span><input className="input" required maxLength={200} placeholder="Sprint 12" value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} autoFocus /></label>
      <label className="field"><span>Goal</span><textarea className="textarea" maxLength={2000} value={form.goal} onChange={(event) => setForm({ ...form, goal: event.target.value })} /></label>
      <div className="fields-grid">
        <label className="field"><span>Starts</span><input className="input" type="date" value={form.startDate} onChange={(event) => setForm({ ...form, startDate: event.target.value })} /></label>
        <label className="field"><span>Ends</span><input className="input" type="date" value={form.endDate} onChange={(event) => setForm({ ...form, endDate: event.target.value })} /></label>
      </div>
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button type="submit" className="btn btn-primary" disabled={create.isPending || !form.name.trim()}>Create sprint</button>
      </div>
    </form>
  );
}
