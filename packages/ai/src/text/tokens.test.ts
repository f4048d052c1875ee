import { describe, expect, it } from 'vitest';
import { chunkByTokens, countTokens, decodeTokens, encodeTokens, fitToTokenBudget, truncateToTokens } from './tokens';

const paragraph = Array.from({ length: 120 }, (_, i) => `Sentence ${i} talks about the sprint board and item DM-${i}.`).join(' ');

describe('token counting', () => {
  it('counts tokens and treats special-token text as ordinary text', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('a <|endoftext|> b')).toBeGreaterThan(3);
  });

  it('truncates to a token budget', () => {
    const cut = truncateToTokens(paragraph, 20);
    expect(countTokens(cut)).toBeLessThanOrEqual(20);
    expect(paragraph.startsWith(cut)).toBe(true);
    expect(truncateToTokens('short', 20)).toBe('short');
  });
});

describe('chunkByTokens', () => {
  it('covers the text with windows of at most maxTokens that overlap by overlapTokens', () => {
    const chunks = chunkByTokens(paragraph, { maxTokens: 100, overlapTokens: 20 });
    const tokens = encodeTokens(paragraph);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks[0]!.startToken).toBe(0);
    expect(chunks.at(-1)!.endToken).toBe(tokens.length);
    for (const [i, chunk] of chunks.entries()) {
      expect(chunk.index).toBe(i);
      expect(chunk.tokenCount).toBeLessThanOrEqual(100);
      expect(chunk.tokenCount).toBe(chunk.endToken - chunk.startToken);
      expect(chunk.text).toBe(decodeTokens(tokens.slice(chunk.startToken, chunk.endToken)));
      const next = chunks[i + 1];
      if (next) {
        // The overlap: the next chunk starts exactly overlapTokens before this one ends.
        expect(next.startToken).toBe(chunk.endToken - 20);
        const shared = decodeTokens(tokens.slice(next.startToken, chunk.endToken));
        expect(chunk.text.endsWith(shared)).toBe(true);
        expect(next.text.startsWith(shared)).toBe(true);
      }
    }
  });

  it('ends chunks on word boundaries when it can', () => {
    const chunks = chunkByTokens(paragraph, { maxTokens: 60, overlapTokens: 10 });
    for (const chunk of chunks.slice(0, -1)) expect(paragraph[paragraph.indexOf(chunk.text) + chunk.text.length]).toBe(' ');
  });

  it('returns one chunk for short text and none for empty text', () => {
    expect(chunkByTokens('A short note.', { maxTokens: 50, overlapTokens: 10 })).toHaveLength(1);
    expect(chunkByTokens('')).toEqual([]);
  });

  it('rejects an overlap as large as the window', () => {
    expect(() => chunkByTokens(paragraph, { maxTokens: 10, overlapTokens: 10 })).toThrow(RangeError);
  });
});

describe('fitToTokenBudget', () => {
  it('keeps whole parts in order, truncates the next, and drops the rest', () => {
    const parts = ['first part of the context', paragraph, 'never reached'];
    const fitted = fitToTokenBudget(parts, 80);
    expect(fitted.parts[0]).toBe('first part of the context');
    expect(fitted.parts).toHaveLength(2);
    expect(fitted.truncated).toBe(true);
    expect(fitted.dropped).toBe(1);
    expect(countTokens(fitted.text)).toBeLessThanOrEqual(80);
  });

  it('keeps everything when it fits', () => {
    const fitted = fitToTokenBudget(['a', 'b'], 100);
    expect(fitted).toMatchObject({ parts: ['a', 'b'], dropped: 0, truncated: false, text: 'a\n\nb' });
  });
});
