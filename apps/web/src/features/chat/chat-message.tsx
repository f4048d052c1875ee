import { Link } from 'react-router';
import type { RouterOutputs } from '../../lib/router-types';
import { ProposalStatus } from '../proposals/proposal-meta';
import { splitItemKeys } from './item-keys';

export type ChatMessage = RouterOutputs['chat']['history']['items'][number];
export interface CitedItem {
  id: string;
  itemType: string;
}

/** Where an item key leads: a story opens in the drawer; an epic is on the backlog; anything else is found on the board. */
function ItemKeyLink({ itemKey, item, projectId, onOpenItem }: { itemKey: string; item: CitedItem | undefined; projectId: string; onOpenItem: (id: string) => void }) {
  if (item?.itemType === 'story') {
    return (
      <button type="button" className="item-link" onClick={() => onOpenItem(item.id)}>
        {itemKey}
      </button>
    );
  }
  const to = item?.itemType === 'epic' ? `/projects/${projectId}/backlog` : `/projects/${projectId}/board?q=${encodeURIComponent(itemKey)}`;
  return (
    <Link className="item-link" to={to}>
      {itemKey}
    </Link>
  );
}

interface Props {
  projectId: string;
  keyPrefix: string | null;
  /** Cited items by key (from the thread's citations). */
  itemIds: ReadonlyMap<string, CitedItem>;
  onOpenItem: (id: string) => void;
}

/** Answer text with the project's item keys as links: cited items open in the drawer, others on the board. */
export function AnswerText({ text, projectId, keyPrefix, itemIds, onOpenItem }: Props & { text: string }) {
  return (
    <div className="chat-text">
      {splitItemKeys(text, keyPrefix).map((part, i) => {
        if ('text' in part) return <span key={i}>{part.text}</span>;
        return <ItemKeyLink key={i} itemKey={part.key} item={itemIds.get(part.key)} projectId={projectId} onOpenItem={onOpenItem} />;
      })}
    </div>
  );
}

export function keyIndex(citations: ChatMessage['citations']): Map<string, CitedItem> {
  return new Map(citations.flatMap((citation) => (citation.type === 'item' ? [[citation.key, { id: citation.id, itemType: citation.itemType }] as const] : [])));
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
                <CitationChip key={`i:${citation.id}`} citation={citation} projectId={props.projectId} onOpenItem={props.onOpenItem} />
              ) : (
                <Link key={`m:${citation.id}`} className="chip chip-link" title={`${citation.sourceType}: ${citation.title}`} to={`/projects/${props.projectId}/memory?${citation.sourceType === 'document' ? 'document' : 'memory'}=${citation.id}`}>
                  ❖ <span className="truncate chip-title">{citation.title}</span>
                </Link>
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

function CitationChip({ citation, projectId, onOpenItem }: { citation: Extract<ChatMessage['citations'][number], { type: 'item' }>; projectId: string; onOpenItem: (id: string) => void }) {
  const label = (
    <>
      <span className="item-key">{citation.key}</span> <span className="truncate chip-title">{citation.title}</span>
    </>
  );
  if (citation.itemType === 'story') {
    return (
      <button type="button" className="chip chip-link" title={citation.title} onClick={() => onOpenItem(citation.id)}>
        {label}
      </button>
    );
  }
  const to = citation.itemType === 'epic' ? `/projects/${projectId}/backlog` : `/projects/${projectId}/board?q=${encodeURIComponent(citation.key)}`;
  return (
    <Link className="chip chip-link" title={citation.title} to={to}>
      {label}
    </Link>
  );
}
