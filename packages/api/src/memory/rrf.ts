import type { CandidateRow, SearchHit } from './search-types';

/** Reciprocal rank fusion constant (Cormack et al. 2009): dampens the weight of top ranks. */
export const RRF_K = 60;

/** Fuses ranked lists: each chunk scores the sum of 1 / (RRF_K + rank) over the lists that hold it. */
export function reciprocalRankFusion(lists: { name: 'fulltext' | 'vector'; rows: CandidateRow[] }[], limit: number): SearchHit[] {
  const hits = new Map<string, SearchHit>();
  for (const { name, rows } of lists) {
    rows.forEach((row, index) => {
      const rank = index + 1;
      const hit = hits.get(row.id) ?? hitFromRow(row, { score: 0, fulltextRank: null, vectorRank: null });
      hit.score += 1 / (RRF_K + rank);
      if (name === 'fulltext') hit.fulltextRank = rank;
      else hit.vectorRank = rank;
      hits.set(row.id, hit);
    });
  }
  return [...hits.values()].sort((a, b) => b.score - a.score || compareIds(a.chunkId, b.chunkId)).slice(0, limit);
}

/** Code-unit order, which for lowercase UUID text is PostgreSQL's uuid order (the fused SQL's tie-break). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A search hit from a chunk row as the search statements return it, with its fusion figures. */
export function hitFromRow(row: CandidateRow, fusion: Pick<SearchHit, 'score' | 'fulltextRank' | 'vectorRank'>): SearchHit {
  return {
    chunkId: row.id,
    sourceType: row.source_type,
    sourceId: row.source_id,
    chunkIndex: Number(row.chunk_index),
    content: row.content,
    metadata: row.metadata ?? {},
    ...fusion,
  };
}
