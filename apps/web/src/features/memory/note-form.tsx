import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';
import { MEMORY_TYPE_LABELS, type MemoryType } from './memory-types';


/** "auth, security , " -> ["auth", "security"]: at most 20 tags of 50 characters, as the server takes. */
function parseTags(value: string): string[] {
  return [...new Set(value.split(',').map((tag) => tag.trim().slice(0, 50)).filter(Boolean))].slice(0, 20);
}

/** Tells the AI teammate something worth remembering: a decision and its reason, a fact, a lesson. */
export function NoteForm({ projectId }: { projectId: string }) {
  const [content, setContent] = useState('');
  const [type, setType] = useState<MemoryType>('decision');
  const [tags, setTags] = useState('');
  const utils = trpc.useUtils();
  const toast = useToast();
  const store = trpc.memory.store.useMutation({
    onSuccess: async () => {
      setContent('');
      setTags('');
      toast('Remembered', 'success');
      await utils.memory.list.invalidate({ projectId });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    store.mutate({ projectId, content: content.trim(), type, tags: parseTags(tags) });
  };
  return (
    <form className="card-body stack" style={{ borderBottom: '1px solid var(--border)' }} onSubmit={submit} aria-label="Remember something">
      {store.error && <div className="form-error" role="alert">{errorMessage(store.error)}</div>}
      <label className="field">
        <span>Remember</span>
        <textarea className="textarea" rows={3} required maxLength={20_000} placeholder="We picked argon2id for passwords: memory-hard, and the OWASP default." value={content} onChange={(event) => setContent(event.target.value)} />
      </label>
      <div className="row">
        <select className="select" aria-label="Kind" value={type} onChange={(event) => setType(event.target.value as MemoryType)} style={{ width: 'auto' }}>
          {Object.entries(MEMORY_TYPE_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
        <input className="input grow" aria-label="Tags" placeholder="Tags, comma separated" value={tags} onChange={(event) => setTags(event.target.value)} />
        <button type="submit" className="btn btn-primary" disabled={store.isPending || !content.trim()}>{store.isPending ? 'Saving…' : 'Remember'}</button>
      </div>
      <p className="hint">Emails, phone numbers and keys are masked before anything is stored, unless the project turned masking off.</p>
    </form>
  );
}
