import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { ErrorState, Loading } from '../../ui/states';
import { ItemDrawer } from '../items/item-drawer';
import { useOpenItem } from '../items/use-open-item';
import { useProject } from '../projects/use-project';
import { AnswerText, ChatMessageView, keyIndex, UserLine, type ChatMessage } from './chat-message';
import { ChatThreads } from './chat-threads';
import { useChatAsk } from './use-chat-ask';

const MAX_QUESTION = 4000;
const SUGGESTIONS = ['What is at risk in the current sprint?', 'What should I work on next?', 'Which stories are blocked, and by what?'];

type Shown = { threadId: string; question: { id: string | null; content: string }; answer: ChatMessage };

/** Project chat: threads on the left, the conversation on the right, answers streamed as they are written. */
export default function ChatPage() {
  const { projectId = '', threadId } = useParams();
  const navigate = useNavigate();
  const project = useProject(projectId);
  const utils = trpc.useUtils();
  const [draft, setDraft] = useState('');
  // Answers already streamed, shown until the refetched history has them.
  const [answered, setAnswered] = useState<Shown[]>([]);
  const [failure, setFailure] = useState<{ threadId: string | null; text: string } | null>(null);
  const history = trpc.chat.history.useInfiniteQuery({ projectId, threadId: threadId ?? '', limit: 30 }, { enabled: Boolean(threadId), getNextPageParam: (page) => page.nextCursor ?? undefined });
  const chat = useChatAsk(projectId, {
    onStarted: (id) => {
      if (id !== threadId) void navigate(`/projects/${projectId}/chat/${id}`, { replace: !threadId });
      void utils.chat.threads.invalidate({ projectId });
    },
    onDone: (id, answer, question) => {
      setAnswered((current) => [...current, { threadId: id, question, answer }]);
      void utils.chat.history.invalidate({ projectId, threadId: id });
      void utils.chat.threads.invalidate({ projectId });
    },
    onError: (error, id) => {
      setFailure({ threadId: id, text: errorMessage(error) });
      if (id) void utils.chat.history.invalidate({ projectId, threadId: id });
    },
  });

  // Each page holds the newest messages before the previous page, oldest first.
  const stored = [...(history.data?.pages ?? [])].reverse().flatMap((page) => page.items);
  const storedIds = new Set(stored.map((message) => message.id));
  const pending = answered.filter((shown) => shown.threadId === threadId && !storedIds.has(shown.answer.id));
  const streaming = chat.stream && (chat.stream.threadId ?? undefined) === threadId ? chat.stream : null;
  const shownFailure = failure && (failure.threadId ?? undefined) === threadId ? failure.text : null;
  const itemIds = new Map(stored.flatMap((message) => [...keyIndex(message.citations)]));
  const { itemId: openItemId, openItem, closeItem } = useOpenItem();
  const messageProps = { projectId, keyPrefix: project.data?.keyPrefix ?? null, itemIds, onOpenItem: openItem };

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  useEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [stored.length, pending.length, streaming?.text, shownFailure]);

  const send = (text: string) => {
    const message = text.trim();
    if (!message || chat.busy) return;
    setFailure(null);
    atBottom.current = true;
    chat.ask(threadId, message);
    setDraft('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(draft);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send(draft);
    }
  };
  const empty = !threadId && !streaming;

  return (
    <>
      <div className={threadId ? 'page-header hide-mobile' : 'page-header'}>
        <div>
          <h1>Chat</h1>
          <p>Ask about the project. Answers cite the items they use; suggested changes become proposals you review.</p>
        </div>
      </div>
      <div className={threadId ? 'chat-layout has-thread' : 'chat-layout'}>
        <ChatThreads projectId={projectId} threadId={threadId} />
        <section className="card chat-panel" aria-label="Conversation">
          {threadId && (
            <div className="chat-panel-head show-mobile">
              <Link to={`/projects/${projectId}/chat`}>← Conversations</Link>
            </div>
          )}
          <div className="chat-scroll" ref={scroller} onScroll={(event) => { const el = event.currentTarget; atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40; }} data-testid="chat-messages">
            {history.hasNextPage && (
              <div style={{ textAlign: 'center' }}>
                <button type="button" className="btn btn-sm" disabled={history.isFetchingNextPage} onClick={() => { atBottom.current = false; void history.fetchNextPage(); }}>
                  {history.isFetchingNextPage ? 'Loading…' : 'Load earlier messages'}
                </button>
              </div>
            )}
            {threadId && history.isLoading && <Loading />}
            {history.error && <ErrorState error={history.error} onRetry={() => void history.refetch()} />}
            {empty && (
              <div className="chat-empty">
                <div className="state-icon">✦</div>
                <h3>Ask the AI teammate</h3>
                <p className="muted">It knows the board, the sprint, open insights, recent activity and the project's documents.</p>
                <div className="chat-suggestions">
                  {SUGGESTIONS.map((suggestion) => (
                    <button key={suggestion} type="button" className="filter-pill" onClick={() => send(suggestion)}>
                      {suggestion}
                    </button>
                  ))}
                </div>
              </div>
            )}
            {stored.map((message) => (
              <ChatMessageView key={message.id} message={message} {...messageProps} />
            ))}
            {pending.map((shown) => (
              <div key={shown.answer.id} className="stack" style={{ gap: 'inherit' }}>
                {(!shown.question.id || !storedIds.has(shown.question.id)) && <UserLine content={shown.question.content} />}
                <ChatMessageView message={shown.answer} {...messageProps} />
              </div>
            ))}
            {streaming && (
              <>
                {(!streaming.userMessageId || !storedIds.has(streaming.userMessageId)) && <UserLine content={streaming.question} />}
                <div className="chat-msg chat-msg-assistant" data-testid="chat-streaming" aria-live="polite">
                  <div className="chat-avatar" aria-hidden="true">✦</div>
                  <div className="chat-answer">
                    {streaming.text ? <AnswerText text={streaming.text} {...messageProps} /> : <span className="muted">Reading the project…</span>}
                    <span className="chat-caret" aria-hidden="true" />
                  </div>
                </div>
              </>
            )}
            {shownFailure && (
              <p className="form-error" role="alert" data-testid="chat-error">
                {shownFailure}
              </p>
            )}
          </div>
          <form className="chat-composer" onSubmit={submit}>
            <textarea
              className="textarea"
              rows={2}
              maxLength={MAX_QUESTION}
              aria-label="Message"
              placeholder="Ask about the project…"
              title="Enter sends; Shift+Enter starts a new line"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onKeyDown}
            />
            <button type="submit" className="btn btn-primary" disabled={chat.busy || !draft.trim()}>
              {chat.busy ? 'Answering…' : 'Send'}
            </button>
          </form>
        </section>
      </div>
      {openItemId && <ItemDrawer projectId={projectId} itemId={openItemId} canEdit={Boolean(project.data && project.data.role !== 'viewer' && !project.data.archivedAt)} onClose={closeItem} />}
    </>
  );
}
