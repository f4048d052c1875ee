import { sql } from '@devmentor/db';
import type { ChunkSourceType } from './chunks';
import type { SearchOptions } from './search-types';

export const candidateColumns = sql`id, source_type, source_id, chunk_index, content, metadata`;

export function sourceFilter(types: ChunkSourceType[] | undefined) {
  if (!types || types.length === 0) return sql``;
  return sql` and source_type in (${sql.join(
    types.map((type) => sql`${type}::chunk_source`),
    sql`, `,
  )})`;
}

/** `websearch_to_tsquery` (every term), or its OR form for `match: 'any'` (long contexts). */
export function tsQuery(options: Pick<SearchOptions, 'query' | 'match'>) {
  const parsed = sql`websearch_to_tsquery('english', ${options.query})`;
  return options.match === 'any' ? sql`replace(${parsed}::text, ' & ', ' | ')::tsquery` : parsed;
}
