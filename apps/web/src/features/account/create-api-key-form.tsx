import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

export function CreateApiKeyForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const [name, setName] = useState('');
  const [write, setWrite] = useState(false);
  const [projectId, setProjectId] = useState('');
  const [days, setDays] = useState('90');
  const projects = trpc.projects.list.useQuery({});
  const utils = trpc.useUtils();
  const create = trpc.apiKeys.create.useMutation({
    onSuccess: async (result) => {
      onCreated(result.token);
      setName('');
      await utils.apiKeys.list.invalidate();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      name: name.trim(),
      scopes: write ? ['read', 'write'] : ['read'],
      projectId: projectId || undefined,
      expiresAt: days ? new Date(Date.now() + Number(days) * 86_400_000).toISOString() : undefined,
    });
  };
  return (
    <form className="card" onSubmit={submit}>
      <div className="card-header"><h2>New key</h2></div>
      <div className="card-body stack">
        {create.error && <div className="form-error" role="alert">{errorMessage(create.error)}</div>}
        <div className="fields-grid">
          <label className="field">
            <span>Name</span>
            <input className="input" required maxLength={100} placeholder="CI bot" value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <label className="field">
            <span>Project</span>
            <select className="select" value={projectId} onChange={(event) => setProjectId(event.target.value)}>
              <option value="">All my projects</option>
              {(projects.data?.items ?? []).map((project) => <option key={project.id} value={project.id}>{project.name}</option>)}
            </select>
          </label>
          <label className="field">
            <span>Expires</span>
            <select className="select" value={days} onChange={(event) => setDays(event.target.value)}>
              <option value="30">in 30 days</option>
              <option value="90">in 90 days</option>
              <option value="365">in a year</option>
              <option value="">never</option>
            </select>
          </label>
          <label className="checkbox" style={{ alignSelf: 'end', height: 36 }}>
            <input type="checkbox" checked={write} onChange={(event) => setWrite(event.target.checked)} /> Allow writes
          </label>
        </div>
        <div>
          <button type="submit" className="btn btn-primary" disabled={create.isPending || !name.trim()}>Create key</button>
        </div>
      </div>
    </form>
  );
}
