import { Link } from 'react-router';
import type { RouterOutputs } from '../../lib/router-types';
import { ProposalStatus } from '../proposals/proposal-meta';
import { splitItemKeys } from './item-keys';

export type ChatMessage = RouterOutputs['chat']['history']['items'][number];

interface Props {
  projectId: string;
  keyPrefix: string | null;
  /** Item ids by key, from this answer's citations. */
  itemIds: ReadonlyMap<string, string>;
  onOpenItem: (id: string) => void;
}

/** Answer text with the project's item keys as links: cited items open in the drawer, others on the board. */
export function AnswerText({ text, projectId, keyPrefix, itemIds, onOpenItem }: Props & { text: string }) {
  return (
    <div className="chat-text">
      {splitItemKeys(text, keyPrefix).map((part, i) => {
        if ('text' in part) return <span key={i}>{part.text}</span>;
        const id = itemIds.get(part.key);
        return id ? (
          <button key={i} type="button" className="item-link" onClick={() => onOpenItem(id)}>
            {part.key}
          </button>
        ) : (
          <Link key={i} className="item-link" to={`/projects/${projectId}/board?q=${encodeURIComponent(part.key)}`}>
            {part.key}
          </Link>
        );
      })}
    </div>
  );
}

export function keyIndex(citations: ChatMessage['citations']): Map<string, string> {
  return new Map(citations.flatMap((citation) => (citation.type === 'item' ? [[citation.key, citation.id] as const] : [])));
}

/** One message of the thread; an answer lists its citations, the proposals it made and whether it ran offline. */
export function ChatMessageView({ message, ...props }: Props & { message: ChatMessage }) {
  if (message.role === 'user') return <UserLine content={message.content} />;
  const proposals = message.proposals.length ? message.proposals : message.proposal ? [message.proposal] : [];
  return (
    <div className="chat-msg chat-msg-assistant" data-testid="chat-message" data-role="assistant" data-status={message.status}>
      <div className="chat-avatar" aria-hidden="true">✦</div>
      <div className="chat-answer">
        {message.content && <AnswerText text={message.content} {...props} itemIds={new Map([...props.itemIds, ...keyIndex(message.citations)])} />}
        {message.status === 'failed' && <p className="form-error">The answer could not be completed{message.errorCode ? ` (${message.errorCode})` : ''}. Ask again in a moment.</p>}
        {message.citations.length > 0 && (
          <div className="chat-citations" aria-label="Sources">
            <span className="section-title" style={{ margin: 0 }}>Sources</span>
            {message.citations.map((citation) =>
              citation.type === 'item' ? (
                <button key={`i:${citation.id}`} type="button" className="chip chip-link" title={citation.title} onClick={() => props.onOpenItem(citation.id)}>
                  <span className="item-key">{citation.key}</span> <span className="truncate chip-title">{citation.title}</span>
                </button>
              ) : (
                <span key={`m:${citation.id}`} className="chip" title={`${citation.sourceType}: ${citation.title}`}>
                  ❖ <span className="truncate chip-title">{citation.title}</span>
                </span>
              ),
            )}
          </div>
        )}
        {proposals.map((proposal) => (
          <Link key={proposal.id} to={`/projects/${props.projectId}/proposals/${proposal.id}`} className="chat-proposal" data-testid="chat-proposal">
            ✦ Proposal: <strong className="truncate">{proposal.title}</strong> <ProposalStatus status={proposal.status} /> <span className="muted">Review →</span>
          </Link>
        ))}
        {message.droppedActions.length > 0 && (
          <p className="hint">
            Not proposed: {message.droppedActions.map((dropped) => `${dropped.action} (${dropped.reason})`).join('; ')}
          </p>
        )}
        <div className="chat-meta">
          {message.offline && (
            <span className="badge badge-warning" data-testid="offline-marker" title="Answered by the built-in offline provider: templated text from the project's data">
              offline
            </span>
          )}
          {!message.offline && message.model && <span className="muted">{message.model}</span>}
        </div>
      </div>
    </div>
  );
}

export function UserLine({ content }: { content: string }) {
  return (
    <div className="chat-msg chat-msg-user" data-testid="chat-message" data-role="user">
      <div className="chat-bubble">{content}</div>
    </div>
  );
}
