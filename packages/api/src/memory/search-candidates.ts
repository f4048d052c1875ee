import { rowsOf, sql, type Database } from '@devmentor/db';
import { vectorLiteral } from './chunks';
import { vectorSearchSettings } from './hnsw-settings';
import { compareIds } from './rrf';
import { candidateColumns, joinedCandidateColumns, rankedMatches, sourceFilter } from './search-sql';
import type { CandidateRow, SearchOptions } from './search-types';

/** Chunks ranked by `ts_rank_cd` over `websearch_to_tsquery` (or its OR form), one project only (`rankedMatches`). */
export async function fulltextCandidates(db: Database, options: SearchOptions, k: number): Promise<CandidateRow[]> {
  return rowsOf<CandidateRow>(await db.execute(fulltextQuery(options, k)));
}

export function fulltextQuery(options: SearchOptions, k: number) {
  return sql`
    select ${joinedCandidateColumns}, ranked.rank
    from (${rankedMatches(options, k)}) as ranked join chunks c on c.id = ranked.id
    order by ranked.rank desc, ranked.id`;
}

/**
 * Nearest chunks by cosine distance through the HNSW index, with the settings of `vectorSearchSettings`
 * (iterative scan for project filtering; relaxed order, hence the final sort, ties by id as in SQL).
 */
export async function vectorCandidates(db: Database, options: SearchOptions, embedding: number[], k: number): Promise<CandidateRow[]> {
  return db.transaction(async (tx) => {
    await tx.execute(vectorSearchSettings(k));
    const result = await tx.execute(vectorQuery(options, embedding, k));
    return rowsOf<CandidateRow & { distance: number }>(result).sort((a, b) => Number(a.distance) - Number(b.distance) || compareIds(a.id, b.id));
  });
}

/** `vectorCandidates`' statement, run after `vectorSearchSettings(k)`. */
export function vectorQuery(options: SearchOptions, embedding: number[], k: number) {
  return sql`
    select ${candidateColumns}, embedding <=> ${vectorLiteral(embedding)}::vector as distance
    from chunks
    where project_id = ${options.projectId} and embedding is not null${sourceFilter(options.sourceTypes)}
    order by embedding <=> ${vectorLiteral(embedding)}::vector
    limit ${k}`;
}
