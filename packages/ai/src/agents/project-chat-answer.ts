import { OFFLINE_NOTICE } from '../providers/offline-llm';
import { describeAction, ITEM_KEY, type ChatAction, type DroppedAction } from './project-chat-actions';
import { rankPieces, type ChatContextPiece } from './project-chat';

const BRACKETED = /\[([A-Z]\d{1,4})\]/g;

/**
 * The context pieces an answer cites, in order of first mention: item keys (`DM-42`) and
 * bracketed handles (`[M3]`) that were in the context given to the model. Keys the model made up
 * (or copied from somewhere else) are ignored.
 */
export function extractCitations(answer: string, context: ChatContextPiece[]): ChatContextPiece[] {
  const byHandle = new Map(context.map((piece) => [piece.handle.toUpperCase(), piece]));
  const mentions: { at: number; handle: string }[] = [];
  for (const match of answer.matchAll(ITEM_KEY)) mentions.push({ at: match.index, handle: match[0].toUpperCase() });
  for (const match of answer.matchAll(BRACKETED)) mentions.push({ at: match.index, handle: match[1]!.toUpperCase() });
  const cited: ChatContextPiece[] = [];
  const seen = new Set<string>();
  for (const { handle } of mentions.sort((a, b) => a.at - b.at)) {
    const piece = byHandle.get(handle);
    if (!piece || seen.has(handle)) continue;
    seen.add(handle);
    cited.push(piece);
  }
  return cited;
}

const MAX_LISTED = 5;
const CITABLE = new Set<ChatContextPiece['kind']>(['item', 'memory', 'document', 'insight']);

function terms(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function cite(piece: ChatContextPiece): string {
  return piece.kind === 'item' ? piece.handle : `[${piece.handle}]`;
}

export interface OfflineChatAnswerInput {
  question: string;
  /** The context as placed in the prompt. */
  context: ChatContextPiece[];
  /** Actions parsed from the user's message. */
  actions: ChatAction[];
  /** Why no proposal will be made (e.g. the caller is a viewer), when that is so. */
  actionsRefused?: string | null;
  dropped?: DroppedAction[];
}

/**
 * The deterministic answer without a language model: marked offline, it lists the most relevant
 * context (the question's own keys first, then shared words, then rank) with their keys, and the
 * changes the user asked for, which become a proposal.
 */
export function offlineChatAnswer(input: OfflineChatAnswerInput): string {
  const wanted = terms(input.question);
  const named = new Set([...input.question.matchAll(ITEM_KEY)].map((match) => match[0].toUpperCase()));
  const scored = rankPieces(input.context)
    .filter((piece) => CITABLE.has(piece.kind))
    .map((piece, order) => {
      let overlap = 0;
      for (const term of terms(`${piece.title} ${piece.text}`)) if (wanted.has(term)) overlap += 1;
      return { piece, order, score: (named.has(piece.handle.toUpperCase()) ? 1000 : 0) + overlap };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, MAX_LISTED);

  const lines = [OFFLINE_NOTICE, `You asked: "${oneLine(input.question, 240)}".`];
  if (scored.length > 0) {
    lines.push('', 'The most relevant project context (quoted as written in the project):');
    for (const { piece } of scored) lines.push(`- ${cite(piece)} ${oneLine(piece.title, 120)}: ${oneLine(piece.text, 160)}`);
  } else {
    lines.push('', 'Nothing in the project matched the question.');
  }
  const overview = input.context.filter((piece) => piece.kind === 'board' || piece.kind === 'sprint');
  for (const piece of overview) lines.push('', `${piece.title}: ${oneLine(piece.text, 300)}`);
  if (input.actions.length > 0) {
    lines.push('', input.actionsRefused ? `Changes you asked for (not proposed: ${input.actionsRefused}):` : 'Changes you asked for (they become a proposal to review; nothing changes until someone applies it):');
    for (const action of input.actions) lines.push(`- ${describeAction(action)}`);
  }
  for (const dropped of input.dropped ?? []) lines.push(`- Not proposed: ${dropped.action} (${dropped.reason})`);
  return lines.join('\n');
}
