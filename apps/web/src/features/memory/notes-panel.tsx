import { useState } from 'react';
import { trpc } from '../../lib/trpc';
import { LoadMore } from '../../ui/load-more';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { MEMORY_TYPE_LABELS, type MemoryType } from './memory-types';
import { NoteForm } from './note-form';
import { NoteRow } from './note-row';

/** The project's memories, newest first, filtered by kind; members add, weigh and forget them. */
export function NotesPanel({ projectId, canWrite, names }: { projectId: string; canWrite: boolean; names: ReadonlyMap<string, string> }) {
  const [type, setType] = useState<MemoryType | ''>('');
  const list = trpc.memory.list.useInfiniteQuery({ projectId, type: type || undefined, limit: 20 }, { getNextPageParam: (page) => page.nextCursor ?? undefined });
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
          <NoteRow key={memory.id} projectId={projectId} memory={memory} canWrite={canWrite} author={(memory.createdById && names.get(memory.createdById)) ?? 'A former member'} />
        ))}
      </ul>
      <LoadMore list={list} label="Show older" />
    </section>
  );
}
