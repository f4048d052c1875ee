import { skipToken } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
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

/**
 * One question at a time over `chat.ask`: the streamed text grows with each `delta`; `done` hands the
 * stored answer over. The subscription is closed as soon as the answer is done or failed, so a
 * reconnecting socket never asks the same question again.
 */
export function useChatAsk(projectId: string, handlers: Handlers) {
  const [asking, setAsking] = useState<{ threadId: string | undefined; message: string } | null>(null);
  const [stream, setStream] = useState<ChatStream | null>(null);
  const threadOfStream = useRef<string | null>(null);
  const question = useRef<{ id: string | null; content: string }>({ id: null, content: '' });
  const finish = () => {
    setAsking(null);
    setStream(null);
  };
  trpc.chat.ask.useSubscription(asking ? { projectId, threadId: asking.threadId, message: asking.message } : skipToken, {
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
      finish();
      handlers.onError(error, threadOfStream.current);
    },
  });
  const ask = useCallback((threadId: string | undefined, message: string) => {
    threadOfStream.current = threadId ?? null;
    question.current = { id: null, content: message };
    setAsking({ threadId, message });
    setStream({ question: message, threadId: threadId ?? null, userMessageId: null, text: '' });
  }, []);
  return { ask, stream, busy: asking !== null };
}
