import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { timeAgo } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { ErrorState, Loading } from '../../ui/states';
import { DocumentReader } from './document-reader';
import { MEMORY_TYPE_LABELS } from './memory-types';

/** What a chat answer cited, opened from its source chip: `?memory=<id>` or `?document=<id>`. */
export type CitedRef = { type: 'memory'; id: string } | { type: 'document'; id: string };

/** The cited source named in the URL, and a way to close it (other search parameters are kept). */
export function useCitedSource(): { cited: CitedRef | null; closeCited: () => void } {
  const [params, setParams] = useSearchParams();
  const closeCited = useCallback(() => setParams((current) => { const next = new URLSearchParams(current); next.delete('memory'); next.delete('document'); return next; }), [setParams]);
  return { cited: citedRef(params), closeCited };
}

function citedRef(params: URLSearchParams): CitedRef | null {
  const memory = params.get('memory');
  if (memory) return { type: 'memory', id: memory };
  const document = params.get('document');
  return document ? { type: 'document', id: document } : null;
}

/** The cited memory or document, shown whole above the page, with a way back to the page itself. */
export function CitedSource({ projectId, cited, onClose }: { projectId: string; cited: CitedRef; onClose: () => void }) {
  return (
    <section className="card memory-cited" aria-label="Cited source" data-testid="cited-source">
      <div className="card-header">
        <h2>Cited in chat</h2>
        <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>×</button>
      </div>
      {cited.type === 'memory' ? <CitedMemory projectId={projectId} id={cited.id} /> : <CitedDocument projectId={projectId} id={cited.id} />}
    </section>
  );
}

function CitedMemory({ projectId, id }: { projectId: string; id: string }) {
  const memory = trpc.memory.get.useQuery({ projectId, id });
  if (memory.isLoading) return <Loading />;
  if (memory.error) return <ErrorState error={memory.error} />;
  if (!memory.data) return null;
  return (
    <div className="card-body stack" style={{ gap: 6 }}>
      <div className="row" style={{ flexWrap: 'wrap' }}>
        <span className="badge badge-accent">{MEMORY_TYPE_LABELS[memory.data.type]}</span>
        {memory.data.tags.map((tag) => <span key={tag} className="chip">#{tag}</span>)}
        <span className="muted" style={{ fontSize: 12 }}>{timeAgo(memory.data.createdAt)}</span>
      </div>
      <p className="memory-text">{memory.data.content}</p>
    </div>
  );
}

function CitedDocument({ projectId, id }: { projectId: string; id: string }) {
  const document = trpc.documents.status.useQuery({ projectId, id });
  const [reading, setReading] = useState(false);
  if (document.isLoading) return <Loading />;
  if (document.error) return <ErrorState error={document.error} />;
  if (!document.data) return null;
  return (
    <div className="card-body stack" style={{ gap: 6 }}>
      <strong>{document.data.name}</strong>
      <span className="muted" style={{ fontSize: 12 }}>
        Uploaded {timeAgo(document.data.createdAt)} · {document.data.status === 'done' ? 'searchable' : document.data.status}
      </span>
      <div>
        <button type="button" className="btn btn-sm" onClick={() => setReading(true)}>Read what the AI read</button>
      </div>
      {reading && <DocumentReader projectId={projectId} documentId={id} onClose={() => setReading(false)} />}
    </div>
  );
}
