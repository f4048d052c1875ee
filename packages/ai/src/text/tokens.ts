import { decode, encode } from 'gpt-tokenizer';

// User text may contain strings like `<|endoftext|>`: count and cut them as ordinary text.
const ORDINARY = { disallowedSpecial: new Set<string>() };

/**
 * Tokens of `text` in the o200k_base encoding (the GPT-4o family). Other models tokenize
 * differently; the count is a close estimate for them, which is what budgets and chunk sizes need.
 */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : encode(text, ORDINARY).length;
}

export function encodeTokens(text: string): number[] {
  return encode(text, ORDINARY);
}

export function decodeTokens(tokens: number[]): string {
  return decode(tokens);
}

/** The first `maxTokens` tokens of `text` (the whole text when it fits). */
export function truncateToTokens(text: string, maxTokens: number): string {
  const tokens = encodeTokens(text);
  return tokens.length <= maxTokens ? text : decode(tokens.slice(0, Math.max(0, maxTokens)));
}

export interface TextChunk {
  index: number;
  text: string;
  tokenCount: number;
  /** Token offsets in the source text: [startToken, endToken). */
  startToken: number;
  endToken: number;
}

export interface ChunkOptions {
  /** Largest chunk, in tokens (default 400). */
  maxTokens?: number;
  /** Tokens repeated at the start of the next chunk (default 50; less than maxTokens). */
  overlapTokens?: number;
}

/** How far back (as a share of the window) a chunk end may move to land on a word boundary. */
const BOUNDARY_SLACK = 0.15;

/**
 * Splits text into windows of at most `maxTokens` tokens, each starting `overlapTokens` before
 * the previous one ended, so a sentence cut at a boundary is whole in one of the two chunks.
 * Chunk ends move back (a little) to a token that starts with whitespace, so words stay whole.
 */
export function chunkByTokens(text: string, options: ChunkOptions = {}): TextChunk[] {
  const maxTokens = options.maxTokens ?? 400;
  const overlap = options.overlapTokens ?? 50;
  if (maxTokens < 1) throw new RangeError('maxTokens must be at least 1');
  if (overlap < 0 || overlap >= maxTokens) throw new RangeError('overlapTokens must be in [0, maxTokens)');
  const tokens = encodeTokens(text);
  if (tokens.length === 0) return [];

  const chunks: TextChunk[] = [];
  let start = 0;
  while (start < tokens.length) {
    let end = Math.min(start + maxTokens, tokens.length);
    if (end < tokens.length) end = wordBoundaryBefore(tokens, start, end, maxTokens, overlap);
    const piece = tokens.slice(start, end);
    chunks.push({ index: chunks.length, text: decode(piece), tokenCount: piece.length, startToken: start, endToken: end });
    if (end >= tokens.length) break;
    start = end - overlap;
  }
  return chunks;
}

function wordBoundaryBefore(tokens: number[], start: number, end: number, maxTokens: number, overlap: number): number {
  // Never move back so far that the next window would not advance.
  const floor = Math.max(start + overlap + 1, end - Math.floor(maxTokens * BOUNDARY_SLACK));
  for (let candidate = end; candidate >= floor; candidate -= 1) {
    const next = tokens[candidate];
    if (next !== undefined && /^\s/.test(decode([next]))) return candidate;
  }
  return end;
}

export interface FittedContext {
  /** The parts kept, in the order given; the last one may be truncated. */
  parts: string[];
  text: string;
  tokens: number;
  /** Parts left out entirely. */
  dropped: number;
  truncated: boolean;
}

/**
 * Fits context parts (most important first) into a token budget: whole parts while they fit,
 * then the next one truncated if at least `minPartialTokens` remain, and nothing after it.
 */
export function fitToTokenBudget(parts: string[], budget: number, options: { separator?: string; minPartialTokens?: number } = {}): FittedContext {
  const separator = options.separator ?? '\n\n';
  const minPartial = options.minPartialTokens ?? 32;
  const separatorTokens = countTokens(separator);
  const kept: string[] = [];
  let used = 0;
  let truncated = false;
  for (const part of parts) {
    const cost = countTokens(part) + (kept.length > 0 ? separatorTokens : 0);
    if (used + cost <= budget) {
      kept.push(part);
      used += cost;
      continue;
    }
    const room = budget - used - (kept.length > 0 ? separatorTokens : 0);
    if (room >= minPartial) {
      const cut = truncateToTokens(part, room);
      kept.push(cut);
      used += countTokens(cut) + (kept.length > 1 ? separatorTokens : 0);
      truncated = true;
    }
    break;
  }
  return { parts: kept, text: kept.join(separator), tokens: used, dropped: parts.length - kept.length, truncated };
}
