import { countTokens } from '../text/tokens';
import { EMBEDDING_DIMENSION, type EmbeddingBatch, type EmbeddingProvider } from './types';

export const OFFLINE_EMBEDDING_MODEL = 'hashing-ngrams-v1';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** 32-bit FNV-1a over the UTF-8 bytes: the same number in every process, on every platform. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** Avalanche finaliser (murmur3 fmix32), so the sign bit is independent of the bucket. */
function mix(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.7;
const CHAR_WEIGHT = 0.35;
const CHAR_NGRAMS = [3, 4] as const;

function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function addFeature(vector: Float64Array, feature: string, weight: number): void {
  const hash = fnv1a32(feature);
  const bucket = hash % vector.length;
  vector[bucket] = (vector[bucket] ?? 0) + (mix(hash) & 1 ? weight : -weight);
}

/**
 * Feature hashing of word unigrams, word bigrams and character 3/4-grams of each word (padded
 * with `<` and `>`), signed by a second hash and L2-normalised. Texts that share words and word
 * pieces get close vectors; it knows nothing of synonyms. Pure arithmetic on FNV-1a, so the same
 * text gives the same vector in any process.
 */
export function hashingEmbedding(text: string, dimension = EMBEDDING_DIMENSION): number[] {
  const vector = new Float64Array(dimension);
  const tokens = words(text);
  tokens.forEach((word, i) => {
    addFeature(vector, `w:${word}`, WORD_WEIGHT);
    const next = tokens[i + 1];
    if (next !== undefined) addFeature(vector, `b:${word} ${next}`, BIGRAM_WEIGHT);
    const padded = `<${word}>`;
    for (const n of CHAR_NGRAMS) {
      for (let at = 0; at + n <= padded.length; at += 1) addFeature(vector, `c${n}:${padded.slice(at, at + n)}`, CHAR_WEIGHT);
    }
  });
  // An empty text still gets a unit vector: a zero vector has no cosine distance to anything.
  if (tokens.length === 0) addFeature(vector, 'empty:', 1);
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  // Rounded so the stored float4 equals what any process computes.
  return Array.from(vector, (value) => Math.round((value / norm) * 1e7) / 1e7);
}

/** The built-in embedder: no network, no key, deterministic. */
export function createOfflineEmbedder(): EmbeddingProvider {
  return {
    name: 'offline',
    model: OFFLINE_EMBEDDING_MODEL,
    offline: true,
    dimension: EMBEDDING_DIMENSION,
    async embed(texts: string[]): Promise<EmbeddingBatch> {
      return {
        vectors: texts.map((text) => hashingEmbedding(text)),
        promptTokens: texts.reduce((sum, text) => sum + countTokens(text), 0),
        provider: 'offline',
        model: OFFLINE_EMBEDDING_MODEL,
        offline: true,
      };
    },
  };
}
