import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { timeAgo } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { LoadMore } from '../../ui/load-more';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { MEMORY_TYPE_LABELS, NoteForm, type MemoryType } from './note-form';

/** The project's memories, newest first, filtered by kind; members add and delete them. */
export function NotesPanel({ projectId, canWrite, names }: { projectId: string; canWrite: boolean; names: ReadonlyMap<string, string> }) {
  const [type, setType] = useState<MemoryType | ''>('');
  const list = trpc.memory.list.useInfiniteQuery({ projectId, type: type || undefined, limit: 20 }, { getNextPageParam: (page) => page.nextCursor ?? undefined });
  const utils = trpc.useUtils();
  const toast = useToast();
  const remove = trpc.memory.delete.useMutation({
    onSuccess: () => Promise.all([utils.memory.list.invalidate({ projectId }), utils.memory.search.invalidate({ projectId })]),
    onError: (error) => toast(errorMessage(error), 'error'),
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card" aria-label="Notes and decisions">
      <div className="card-header">
        <h2>Notes and decisions</h2>
        <select className="select input-sm" aria-label="Show kind" value={type} onChange={(event) => setType(event.target.value as MemoryType | '')} style={{ width: 'auto' }}>
          <option value="">All kinds</option>
          {Object.entries(MEMORY_TYPE_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </div>
      {canWrite && <NoteForm projectId={projectId} />}
      {list.isLoading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && items.length === 0 && <EmptyState icon="◈" title="Nothing remembered yet">Decisions and facts kept here are what chat cites when someone asks why.</EmptyState>}
      <ul className="card-list">
        {items.map((memory) => (
          <li key={memory.id} data-testid="memory-note">
            <div className="grow stack" style={{ gap: 4, minWidth: 0 }}>
              <div className="row" style={{ flexWrap: 'wrap' }}>
                <span className="badge badge-accent">{MEMORY_TYPE_LABELS[memory.type]}</span>
                {memory.tags.map((tag) => <span key={tag} className="chip">#{tag}</span>)}
                <span className="grow" />
                <span className="muted" style={{ fontSize: 12 }}>
                  {(memory.createdById && names.get(memory.createdById)) ?? 'A former member'} · {timeAgo(memory.createdAt)}
                  {memory.accessCount > 0 && ` · used ${memory.accessCount}×`}
                </span>
              </div>
              <p className="memory-text">{memory.content}</p>
            </div>
            {canWrite && (
              <button type="button" className="btn btn-ghost btn-sm" aria-label="Forget this" disabled={remove.isPending} onClick={() => window.confirm('Forget this memory? Chat will no longer find it.') && remove.mutate({ projectId, id: memory.id })}>
                Forget
              </button>
            )}
          </li>
        ))}
      </ul>
      <LoadMore list={list} label="Show older" />
    </section>
  );
}
