import { skipToken } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorDetails } from '../../lib/errors';
import { newRequestId } from '../../lib/request-id';
import { trpc } from '../../lib/trpc';
import type { ChatMessage } from './chat-message';

export interface ChatStream {
  question: string;
  threadId: string | null;
  userMessageId: string | null;
  text: string;
}

interface Handlers {
  onStarted: (threadId: string) => void;
  /** The stored answer, and the question it answers (shown until the history refetch has both). */
  onDone: (threadId: string, message: ChatMessage, question: { id: string | null; content: string }) => void;
  onError: (error: unknown, threadId: string | null) => void;
}

/** How often, and how many times, to ask again for an answer another connection is still writing. */
const IN_PROGRESS_RETRY_MS = 2000;
const IN_PROGRESS_RETRIES = 45;

/**
 * One question at a time over `chat.ask`: the streamed text grows with each `delta`; `done` hands the
 * stored answer over. Each question carries a `requestId` made once when it is sent: the WebSocket
 * link re-sends the open subscription after a reconnect, and the server then replays the stored
 * answer instead of asking again. If the first connection's answer is still being written
 * (`answer_in_progress`), the same request is re-sent every few seconds until it replays.
 */
export function useChatAsk(projectId: string, handlers: Handlers) {
  const [asking, setAsking] = useState<{ threadId: string | undefined; message: string; requestId: string } | null>(null);
  const [waiting, setWaiting] = useState(false);
  const retries = useRef(0);
  const [stream, setStream] = useState<ChatStream | null>(null);
  const threadOfStream = useRef<string | null>(null);
  const question = useRef<{ id: string | null; content: string }>({ id: null, content: '' });
  const finish = () => {
    setAsking(null);
    setWaiting(false);
    setStream(null);
  };
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setWaiting(false), IN_PROGRESS_RETRY_MS);
    return () => clearTimeout(timer);
  }, [waiting]);
  const input = asking && !waiting ? { projectId, threadId: asking.threadId, message: asking.message, requestId: asking.requestId } : skipToken;
  trpc.chat.ask.useSubscription(input, {
    onData: (event) => {
      if (event.type === 'started') {
        threadOfStream.current = event.threadId;
        question.current = { ...question.current, id: event.userMessageId };
        setStream((current) => (current ? { ...current, threadId: event.threadId, userMessageId: event.userMessageId } : current));
        handlers.onStarted(event.threadId);
      } else if (event.type === 'delta') {
        setStream((current) => (current ? { ...current, text: current.text + event.text } : current));
      } else {
        finish();
        handlers.onDone(threadOfStream.current ?? '', event.message, question.current);
      }
    },
    onError: (error) => {
      if (errorDetails(error)?.reason === 'answer_in_progress' && retries.current < IN_PROGRESS_RETRIES) {
        retries.current += 1;
        setWaiting(true);
        return;
      }
      finish();
      handlers.onError(error, threadOfStream.current);
    },
  });
  const ask = useCallback((threadId: string | undefined, message: string) => {
    threadOfStream.current = threadId ?? null;
    question.current = { id: null, content: message };
    retries.current = 0;
    setAsking({ threadId, message, requestId: newRequestId() });
    setStream({ question: message, threadId: threadId ?? null, userMessageId: null, text: '' });
  }, []);
  return { ask, stream, busy: asking !== null };
}
