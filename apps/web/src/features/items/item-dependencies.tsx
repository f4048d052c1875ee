import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';

/** Links touching this item, as "blocks"/"blocked by", with add and remove. */
export function ItemDependencies({ projectId, itemId, canEdit }: { projectId: string; itemId: string; canEdit: boolean }) {
  const deps = trpc.dependencies.list.useQuery({ projectId, itemId });
  const stories = trpc.stories.list.useQuery({ projectId, limit: 100 }, { enabled: canEdit });
  const utils = trpc.useUtils();
  const toast = useToast();
  const [type, setType] = useState<'blocks' | 'requires'>('blocks');
  const [targetId, setTargetId] = useState('');
  const refresh = () => utils.dependencies.list.invalidate({ projectId });
  const create = trpc.dependencies.create.useMutation({ onSuccess: refresh, onError: (error) => toast(errorMessage(error), 'error') });
  const remove = trpc.dependencies.delete.useMutation({ onSuccess: refresh, onError: (error) => toast(errorMessage(error), 'error') });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (targetId) create.mutate({ projectId, sourceId: itemId, targetId, type }, { onSuccess: () => setTargetId('') });
  };
  const items = deps.data?.items ?? [];
  return (
    <section>
      <div className="section-title">Dependencies</div>
      {deps.isLoading && <p className="muted">Loading…</p>}
      {deps.error && <p className="form-error">{errorMessage(deps.error)}</p>}
      <ul className="checklist">
        {items.map((dep) => {
          const blocking = dep.blockerId === itemId;
          const other = dep.source.id === itemId ? dep.target : dep.source;
          return (
            <li key={dep.id} className="row">
              <span className={blocking ? 'badge badge-warning' : 'badge badge-danger'}>{blocking ? 'Blocks' : 'Blocked by'}</span>
              <span className="item-key">{other.key}</span>
              <span className="grow truncate">{other.title}</span>
              {other.done && <span className="badge badge-success">done</span>}
              {canEdit && (
                <button type="button" className="icon-btn" aria-label="Remove dependency" onClick={() => remove.mutate({ projectId, id: dep.id })}>
                  ✕
                </button>
              )}
            </li>
          );
        })}
        {deps.data && items.length === 0 && <li className="muted">No dependencies.</li>}
      </ul>
      {canEdit && (
        <form className="row" style={{ marginTop: 8, flexWrap: 'wrap' }} onSubmit={submit}>
          <select className="select input-sm" style={{ width: 'auto' }} aria-label="Dependency type" value={type} onChange={(event) => setType(event.target.value as 'blocks' | 'requires')}>
            <option value="blocks">Blocks</option>
            <option value="requires">Requires</option>
          </select>
          <select className="select input-sm grow" aria-label="Other story" value={targetId} onChange={(event) => setTargetId(event.target.value)}>
            <option value="">Choose a story…</option>
            {(stories.data?.items ?? [])
              .filter((story) => story.id !== itemId)
              .map((story) => (
                <option key={story.id} value={story.id}>{story.key} {story.title}</option>
              ))}
          </select>
          <button type="submit" className="btn btn-sm" disabled={!targetId || create.isPending}>Link</button>
        </form>
      )}
    </section>
  );
}
