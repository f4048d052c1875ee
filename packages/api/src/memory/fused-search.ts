import { rowsOf, sql, type Database } from '@devmentor/db';
import { vectorLiteral } from './chunks';
import { vectorSearchSettings } from './hnsw-settings';
import { hitFromRow, RRF_K } from './rrf';
import { joinedCandidateColumns, rankedMatches, sourceFilter } from './search-sql';
import type { CandidateRow, SearchHit, SearchOptions } from './search-types';

interface FusedRow extends CandidateRow {
  score: number;
  fulltext_rank: number | null;
  vector_rank: number | null;
}

/** The statement `fusedSearch` runs after `vectorSearchSettings(k)` (exported for the bench's EXPLAIN). */
export function fusedSearchQuery(options: SearchOptions, embedding: number[], k: number) {
  const filter = sql`project_id = ${options.projectId}${sourceFilter(options.sourceTypes)}`;
  const vector = sql`${vectorLiteral(embedding)}::vector`;
  return sql`
    with fulltext as (
      select id, row_number() over (order by rank desc, id) as rank
      from (${rankedMatches(options, k)}) as ranked
    ),
    nearest as (
      -- relaxed_order iterative scan: rows may come slightly out of order, hence the ranking by distance.
      select id, row_number() over (order by distance, id) as rank
      from (
        select id, embedding <=> ${vector} as distance
        from chunks
        where ${filter} and embedding is not null
        order by embedding <=> ${vector}
        limit ${k}
      ) as scanned
    ),
    fused as (
      select coalesce(f.id, n.id) as id, f.rank as fulltext_rank, n.rank as vector_rank,
        coalesce(1::float8 / (${RRF_K} + f.rank), 0) + coalesce(1::float8 / (${RRF_K} + n.rank), 0) as score
      from fulltext f full join nearest n on n.id = f.id
      order by score desc, id
      limit ${options.limit}
    )
    select ${joinedCandidateColumns}, fused.score, fused.fulltext_rank, fused.vector_rank
    from fused join chunks c on c.id = fused.id
    order by fused.score desc, fused.id`;
}

/**
 * Hybrid search in one statement: the k best full-text and the k nearest vector candidates (ids and
 * ranks only), fused by reciprocal rank fusion in SQL, and the text of the final `limit` chunks read
 * last by primary key. One round trip for the search (two for the settings and the transaction),
 * instead of carrying every candidate's text through two queries and fusing in the application.
 * Same ranking as `reciprocalRankFusion`: float8 sums of 1 / (RRF_K + rank), ties by chunk id.
 */
export async function fusedSearch(db: Database, options: SearchOptions, embedding: number[], k: number): Promise<SearchHit[]> {
  const rows = await db.transaction(async (tx) => {
    await tx.execute(vectorSearchSettings(k));
    return rowsOf<FusedRow>(await tx.execute(fusedSearchQuery(options, embedding, k)));
  });
  return rows.map((row) =>
    hitFromRow(row, {
      score: Number(row.score),
      fulltextRank: row.fulltext_rank === null ? null : Number(row.fulltext_rank),
      vectorRank: row.vector_rank === null ? null : Number(row.vector_rank),
    }),
  );
}
