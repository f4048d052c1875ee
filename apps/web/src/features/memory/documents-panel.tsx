import { useRef, useState, type ChangeEvent } from 'react';
import { errorCode, errorDetails, errorMessage } from '../../lib/errors';
import type { RouterOutputs } from '../../lib/router-types';
import { count, timeAgo } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { LoadMore } from '../../ui/load-more';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { DocumentReader } from './document-reader';
import { DOCUMENT_ACCEPT, documentMimeType, fileToBase64, formatBytes, pendingPoll } from './document-file';

type ProjectDocument = RouterOutputs['documents']['list']['items'][number];

/** Why an upload was refused, in words: the size limit says how large a file may be. */
function uploadError(name: string, error: unknown): string {
  const maxBytes = errorDetails(error)?.maxBytes;
  if (errorCode(error) === 'PAYLOAD_TOO_LARGE' && typeof maxBytes === 'number') return `${name} is larger than the ${formatBytes(maxBytes)} limit`;
  return `${name}: ${errorMessage(error)}`;
}

/** Uploaded Markdown, text, HTML and PDF files: ingested in the background, then searchable and cited by chat. */
export function DocumentsPanel({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const list = trpc.documents.list.useInfiniteQuery(
    { projectId, limit: 20 },
    {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      refetchInterval: (query) => pendingPoll(query.state.data?.pages ?? []),
    },
  );
  const utils = trpc.useUtils();
  const toast = useToast();
  const picker = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(0);
  const [reading, setReading] = useState<string | null>(null);
  const maxBytes = list.data?.pages[0]?.maxBytes;
  const ingest = trpc.documents.ingest.useMutation();
  const remove = trpc.documents.delete.useMutation({
    onSuccess: () => Promise.all([utils.documents.list.invalidate({ projectId }), utils.memory.search.invalidate({ projectId })]),
    onError: (error) => toast(errorMessage(error), 'error'),
  });
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    setUploading((pending) => pending + files.length);
    for (const file of files) {
      try {
        const mimeType = documentMimeType(file);
        if (!mimeType) toast(`${file.name}: only Markdown, text, HTML and PDF files can be read`, 'error');
        else if (maxBytes !== undefined && file.size > maxBytes) toast(`${file.name} is larger than the ${formatBytes(maxBytes)} limit`, 'error');
        else await ingest.mutateAsync({ projectId, name: file.name, mimeType, contentBase64: await fileToBase64(file) });
      } catch (error) {
        toast(uploadError(file.name, error), 'error');
      } finally {
        setUploading((pending) => pending - 1);
      }
    }
    await utils.documents.list.invalidate({ projectId });
  };
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card" aria-label="Documents">
      <div className="card-header">
        <h2>Documents</h2>
        {canWrite && (
          <>
            <input ref={picker} type="file" multiple accept={DOCUMENT_ACCEPT} className="sr-only" aria-label="Upload documents" onChange={(event) => void upload(event)} />
            <button type="button" className="btn btn-sm" disabled={uploading > 0} onClick={() => picker.current?.click()}>
              {uploading > 0 ? 'Uploading…' : 'Upload'}
            </button>
          </>
        )}
      </div>
      {list.isLoading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && items.length === 0 && <EmptyState icon="▤" title="No documents yet">Upload specs, runbooks and meeting notes (Markdown, text, HTML or PDF): chat finds and cites them.</EmptyState>}
      <ul className="card-list">
        {items.map((document) => (
          <li key={document.id} data-testid="document" data-status={document.status}>
            <div className="grow stack" style={{ gap: 4, minWidth: 0 }}>
              <div className="row">
                <strong className="truncate">{document.name}</strong>
                <DocumentStatus document={document} />
              </div>
              <span className="muted" style={{ fontSize: 12 }}>
                {formatBytes(document.sizeBytes)} · {timeAgo(document.createdAt)}
              </span>
              {document.status === 'failed' && document.failureReason && <p className="form-error">{document.failureReason}</p>}
            </div>
            {document.status === 'done' && (
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => setReading(document.id)}>
                Read
              </button>
            )}
            {canWrite && (
              <button type="button" className="btn btn-ghost btn-sm" disabled={remove.isPending} onClick={() => window.confirm(`Delete ${document.name}? Chat will no longer find it.`) && remove.mutate({ projectId, id: document.id })}>
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      <LoadMore list={list} label="Show older" />
      {reading && <DocumentReader projectId={projectId} documentId={reading} onClose={() => setReading(null)} />}
    </section>
  );
}

function DocumentStatus({ document }: { document: ProjectDocument }) {
  switch (document.status) {
    case 'done':
      return <span className="badge badge-success">{count(document.chunkCount ?? 0, 'passage')}</span>;
    case 'failed':
      return <span className="badge badge-danger">failed</span>;
    default:
      return (
        <span className="badge badge-info">
          <span className="spinner spinner-sm" /> {document.status === 'processing' ? 'reading' : 'queued'}
        </span>
      );
  }
}
