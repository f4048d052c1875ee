import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

/** Suggests a key from the name: "Dev Mentor" -> "DM". */
export function suggestKey(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const key = words.length > 1 ? words.map((word) => word[0]).join('') : (words[0] ?? '').slice(0, 3);
  return key.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 6);
}

export function CreateProjectForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [keyTouched, setKeyTouched] = useState(false);
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const create = trpc.projects.create.useMutation({
    onSuccess: async (project) => {
      await utils.projects.list.invalidate();
      onDone();
      void navigate(`/projects/${project.id}/board`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), key: (keyTouched ? key : suggestKey(name)) || undefined });
  };
  return (
    <form className="stack" onSubmit={submit}>
      {create.error && <div className="form-error" role="alert">{errorMessage(create.error)}</div>}
      <label className="field">
        <span>Name</span>
        <input className="input" name="name" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} autoFocus />
      </label>
      <label className="field">
        <span>Key</span>
        <input
          className="input mono"
          name="key"
          maxLength={10}
          value={keyTouched ? key : suggestKey(name)}
          onChange={(event) => {
            setKeyTouched(true);
            setKey(event.target.value.toUpperCase());
          }}
        />
        <span className="hint">Prefix of item numbers, like {(keyTouched ? key : suggestKey(name)) || 'DM'}-42.</span>
      </label>
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
        <button type="submit" className="btn btn-primary" disabled={create.isPending || !name.trim()}>
          {create.isPending ? 'Creating…' : 'Create project'}
        </button>
      </div>
    </form>
  );
}
