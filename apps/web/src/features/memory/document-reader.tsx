import { trpc } from '../../lib/trpc';
import { Modal } from '../../ui/modal';
import { EmptyState, ErrorState, Loading } from '../../ui/states';

/** The text the AI read from a document, passage by passage, so people can check what chat cites. */
export function DocumentReader({ projectId, documentId, onClose }: { projectId: string; documentId: string; onClose: () => void }) {
  const read = trpc.documents.passages.useQuery({ projectId, id: documentId });
  const document = read.data?.document;
  return (
    <Modal title={document?.name ?? 'Document'} onClose={onClose} wide>
      {read.isLoading && <Loading />}
      {read.error && <ErrorState error={read.error} onRetry={() => void read.refetch()} />}
      {read.data && read.data.passages.length === 0 && (
        <EmptyState icon="▤" title="No text to show">{document?.status === 'failed' ? 'Reading this file failed; its reason is in the list.' : 'It is still being read.'}</EmptyState>
      )}
      {read.data && read.data.passages.length > 0 && (
        <div className="stack document-passages" data-testid="document-passages">
          <p className="hint">What the AI teammate read, in the passages it searches (neighbouring passages overlap a little).</p>
          {read.data.passages.map((passage) => <p key={passage.index} className="memory-text">{passage.content}</p>)}
          {read.data.truncated && <p className="hint">The first {read.data.passages.length} passages are shown; search covers them all.</p>}
        </div>
      )}
    </Modal>
  );
}
