import { rowsOf, sql, type Database } from '@devmentor/db';
import { vectorLiteral } from './chunks';
import { vectorSearchSettings } from './hnsw-settings';
import { compareIds } from './rrf';
import { candidateColumns, sourceFilter, tsQuery } from './search-sql';
import type { CandidateRow, SearchOptions } from './search-types';

/** Chunks ranked by `ts_rank_cd` over `websearch_to_tsquery` (or its OR form), one project only. */
export async function fulltextCandidates(db: Database, options: SearchOptions, k: number): Promise<CandidateRow[]> {
  return rowsOf<CandidateRow>(await db.execute(fulltextQuery(options, k)));
}

export function fulltextQuery(options: SearchOptions, k: number) {
  return sql`
    select ${candidateColumns}, ts_rank_cd(tsv, search.q) as rank
    from chunks, (select ${tsQuery(options)} as q) as search
    where project_id = ${options.projectId} and tsv @@ search.q${sourceFilter(options.sourceTypes)}
    order by rank desc, id
    limit ${k}`;
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
