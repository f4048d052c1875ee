import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { timeAgo } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { LoadMore } from '../../ui/load-more';

/** The caller's threads in this project (private to them), newest activity first; rename and delete. */
export function ChatThreads({ projectId, threadId }: { projectId: string; threadId: string | undefined }) {
  const threads = trpc.chat.threads.useInfiniteQuery({ projectId, limit: 30 }, { getNextPageParam: (page) => page.nextCursor ?? undefined });
  const utils = trpc.useUtils();
  const toast = useToast();
  const navigate = useNavigate();
  const onError = (error: unknown) => toast(errorMessage(error), 'error');
  const rename = trpc.chat.renameThread.useMutation({ onSuccess: () => utils.chat.threads.invalidate({ projectId }), onError });
  const remove = trpc.chat.deleteThread.useMutation({
    onSuccess: async (_result, input) => {
      await utils.chat.threads.invalidate({ projectId });
      if (input.threadId === threadId) void navigate(`/projects/${projectId}/chat`);
    },
    onError,
  });
  const items = threads.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <nav className="card chat-threads" aria-label="Chat threads">
      <div className="chat-threads-head">
        <Link to={`/projects/${projectId}/chat`} className="btn btn-primary btn-sm btn-block">
          + New chat
        </Link>
      </div>
      {threads.isLoading && <Loading />}
      {threads.error && <ErrorState error={threads.error} onRetry={() => void threads.refetch()} />}
      {threads.data && items.length === 0 && <p className="muted" style={{ padding: '12px 16px', fontSize: 13 }}>No conversations yet. Ask about the project: risks, who works on what, what to do next.</p>}
      <ul className="card-list">
        {items.map((thread) => (
          <li key={thread.id} className={thread.id === threadId ? 'chat-thread selected' : 'chat-thread'} data-testid="chat-thread">
            <Link to={`/projects/${projectId}/chat/${thread.id}`} className="chat-thread-link">
              <span className="truncate" style={{ fontWeight: 550 }}>{thread.title}</span>
              <span className="muted" style={{ fontSize: 12 }}>{timeAgo(thread.lastMessageAt)}</span>
            </Link>
            <span className="chat-thread-actions">
              <button
                type="button"
                className="icon-btn"
                aria-label={`Rename ${thread.title}`}
                onClick={() => {
                  const title = window.prompt('Rename the conversation', thread.title)?.trim();
                  if (title && title !== thread.title) rename.mutate({ projectId, threadId: thread.id, title: title.slice(0, 200) });
                }}
              >
                ✎
              </button>
              <button type="button" className="icon-btn" aria-label={`Delete ${thread.title}`} onClick={() => window.confirm(`Delete “${thread.title}” and its messages?`) && remove.mutate({ projectId, threadId: thread.id })}>
                ✕
              </button>
            </span>
          </li>
        ))}
      </ul>
      <LoadMore list={threads} />
    </nav>
  );
}
