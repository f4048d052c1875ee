import { useState, type FormEvent } from 'react';
import { errorCode, errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';

interface Project {
  id: string;
  name: string;
  description: string;
  keyPrefix: string;
  version: number;
}

export function ProjectGeneralForm({ project, canEdit }: { project: Project; canEdit: boolean }) {
  const [form, setForm] = useState({ name: project.name, description: project.description, keyPrefix: project.keyPrefix });
  const utils = trpc.useUtils();
  const toast = useToast();
  const update = trpc.projects.update.useMutation({
    onSuccess: async () => {
      toast('Project saved', 'success');
      await Promise.all([utils.projects.get.invalidate({ id: project.id }), utils.projects.list.invalidate()]);
    },
    onError: async (error) => {
      if (errorCode(error) === 'CONFLICT') await utils.projects.get.invalidate({ id: project.id });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: project.id, version: project.version, name: form.name.trim(), description: form.description, keyPrefix: form.keyPrefix });
  };
  return (
    <form className="card" onSubmit={submit}>
      <div className="card-header"><h2>General</h2></div>
      <div className="card-body stack">
        {update.error && <div className="form-error" role="alert">{errorCode(update.error) === 'CONFLICT' ? 'Someone else changed the project; reload and try again.' : errorMessage(update.error)}</div>}
        <label className="field">
          <span>Name</span>
          <input className="input" value={form.name} disabled={!canEdit} maxLength={100} required onChange={(event) => setForm({ ...form, name: event.target.value })} />
        </label>
        <label className="field">
          <span>Description</span>
          <textarea className="textarea" value={form.description} disabled={!canEdit} maxLength={5000} onChange={(event) => setForm({ ...form, description: event.target.value })} />
        </label>
        <label className="field">
          <span>Key</span>
          <input className="input mono" value={form.keyPrefix} disabled={!canEdit} maxLength={6} onChange={(event) => setForm({ ...form, keyPrefix: event.target.value.toUpperCase() })} />
          <span className="hint">2 to 6 letters; item keys look like {form.keyPrefix || 'DM'}-42.</span>
        </label>
        {canEdit && (
          <div>
            <button type="submit" className="btn btn-primary" disabled={update.isPending}>Save changes</button>
          </div>
        )}
      </div>
    </form>
  );
}
