import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { RouterInputs } from '../../lib/router-types';
import { trpc } from '../../lib/trpc';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { DocumentReader } from './document-reader';
import { hitLabel, hitSnippet, type SearchHit } from './hit-label';

type Source = NonNullable<RouterInputs['memory']['search']['sources']>[number];

const SOURCES: { value: Source | ''; label: string }[] = [
  { value: '', label: 'Everything' },
  { value: 'memory', label: 'Notes and decisions' },
  { value: 'item', label: 'Work items' },
  { value: 'document', label: 'Documents' },
];

/** Searches the project's memory as the AI teammate does (hybrid: words and meaning, fused). */
export function SearchPanel({ projectId, onOpenStory }: { projectId: string; onOpenStory: (id: string) => void }) {
  const [draft, setDraft] = useState('');
  const [source, setSource] = useState<Source | ''>('');
  const [query, setQuery] = useState('');
  const [reading, setReading] = useState<string | null>(null);
  const search = trpc.memory.search.useQuery({ projectId, query, limit: 10, sources: source ? [source] : undefined }, { enabled: query.length > 0 });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(draft.trim());
  };
  const hits = search.data?.items ?? [];
  return (
    <section className="card" aria-label="Search memory">
      <form className="card-body row" style={{ flexWrap: 'wrap' }} onSubmit={submit} role="search">
        <input className="input" style={{ flex: '1 1 260px' }} type="search" aria-label="Search memory" placeholder="Why did we pick argon2id? What blocks payments?" maxLength={1000} value={draft} onChange={(event) => setDraft(event.target.value)} />
        <select className="select" aria-label="Search in" value={source} onChange={(event) => setSource(event.target.value as Source | '')} style={{ width: 'auto' }}>
          {SOURCES.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
        </select>
        <button type="submit" className="btn btn-primary" disabled={!draft.trim()}>Search</button>
      </form>
      {query && search.isLoading && <Loading label="Searching…" />}
      {search.error && <ErrorState error={search.error} onRetry={() => void search.refetch()} />}
      {search.data?.mode === 'fulltext' && (
        <p className="hint memory-mode" data-testid="search-mode">
          Words only: search by meaning (vectors) is not available on this server (no pgvector) or the embedding provider did not answer.
        </p>
      )}
      {search.data && hits.length === 0 && <EmptyState icon="◈" title="Nothing found">Try other words, or search everything.</EmptyState>}
      {hits.length > 0 && (
        <ul className="card-list" data-testid="memory-hits">
          {hits.map((hit) => <HitRow key={`${hit.sourceType}:${hit.sourceId}:${hit.chunkIndex}`} hit={hit} projectId={projectId} onOpenStory={onOpenStory} onReadDocument={setReading} />)}
        </ul>
      )}
      {reading && <DocumentReader projectId={projectId} documentId={reading} onClose={() => setReading(null)} />}
    </section>
  );
}

function HitRow({ hit, projectId, onOpenStory, onReadDocument }: HitActions & { hit: SearchHit; projectId: string }) {
  const label = hitLabel(hit);
  const snippet = hitSnippet(hit, label);
  return (
    <li data-testid="memory-hit" data-source={hit.sourceType}>
      <div className="grow stack" style={{ gap: 4, minWidth: 0 }}>
        <div className="row" style={{ flexWrap: 'wrap' }}>
          <span className="badge">{label.kind}</span>
          <HitTitle hit={hit} label={label} projectId={projectId} onOpenStory={onOpenStory} onReadDocument={onReadDocument} />
          {label.detail && <span className="muted" style={{ fontSize: 12 }}>{label.detail}</span>}
          <span className="grow" />
          {hit.matchedBy.fulltext && <span className="chip" title="Matched the words of the search">words</span>}
          {hit.matchedBy.vector && <span className="chip" title="Close in meaning to the search">meaning</span>}
        </div>
        {snippet && <p className="memory-snippet">{snippet}</p>}
      </div>
    </li>
  );
}

interface HitActions {
  onOpenStory: (id: string) => void;
  onReadDocument: (id: string) => void;
}

/** A story opens in the drawer, a document in the reader, a task or an epic on its board or backlog. */
function HitTitle({ hit, label, projectId, onOpenStory, onReadDocument }: HitActions & { hit: SearchHit; label: ReturnType<typeof hitLabel>; projectId: string }) {
  const { item } = label;
  if (hit.sourceType === 'document' && label.title) {
    return <button type="button" className="link-btn truncate" onClick={() => onReadDocument(hit.sourceId)}>{label.title}</button>;
  }
  if (!item) return label.title ? <strong className="truncate">{label.title}</strong> : null;
  if (item.type === 'story') {
    return <button type="button" className="link-btn truncate" onClick={() => onOpenStory(item.id)}>{label.title}</button>;
  }
  const to = item.type === 'epic' ? `/projects/${projectId}/backlog` : `/projects/${projectId}/board?q=${encodeURIComponent(item.key)}`;
  return <Link className="truncate" to={to}>{label.title}</Link>;
}
