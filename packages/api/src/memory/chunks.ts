import { and, asc, chunks, eq, inArray, sql, type chunkSource } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';

export type ChunkSourceType = (typeof chunkSource.enumValues)[number];

export interface ChunkInput {
  content: string;
  metadata?: Record<string, unknown>;
}

export interface SourceRef {
  projectId: string;
  sourceType: ChunkSourceType;
  sourceId: string;
}

/** pgvector's text form, e.g. `[0.1,0.2]`; numbers only, so it is safe as a bound parameter. */
export function vectorLiteral(values: number[]): string {
  return `[${values.map((value) => (Number.isFinite(value) ? value : 0)).join(',')}]`;
}

/**
 * Replaces a source's chunks with `pieces` (and their embeddings when given). Run it inside the
 * caller's transaction, so a source is never half indexed: readers see the old chunks or the new.
 */
export async function replaceSourceChunks(
  tx: DbOrTx,
  source: SourceRef & { ownerId: string | null },
  pieces: ChunkInput[],
  embeddings: number[][] | null,
): Promise<number> {
  await deleteSourceChunks(tx, source);
  if (pieces.length === 0) return 0;
  const rows: ChunkRow[] = pieces.map((piece, index) => ({
    ...source,
    chunkIndex: index,
    content: piece.content,
    metadata: piece.metadata ?? {},
    embedding: embeddings?.[index] ?? null,
  }));
  await insertChunks(tx, rows);
  return rows.length;
}

export interface ChunkRow extends SourceRef {
  ownerId: string | null;
  chunkIndex: number;
  content: string;
  metadata: Record<string, unknown>;
  /** Only written where pgvector is installed; pass null otherwise. */
  embedding: number[] | null;
}

/** Inserts chunk rows in one statement; the embedding column exists only with pgvector, hence raw SQL. */
export async function insertChunks(tx: DbOrTx, rows: ChunkRow[]): Promise<void> {
  if (rows.length === 0) return;
  const withVectors = rows.some((row) => row.embedding !== null);
  const values = rows.map(
    (row) =>
      sql`(${row.projectId}::uuid, ${row.sourceType}::chunk_source, ${row.sourceId}, ${row.ownerId}::uuid, ${row.chunkIndex}::int, ${row.content}, ${JSON.stringify(row.metadata)}::jsonb${
        withVectors ? sql`, ${row.embedding ? vectorLiteral(row.embedding) : null}::vector` : sql``
      })`,
  );
  await tx.execute(
    sql`insert into chunks (project_id, source_type, source_id, owner_id, chunk_index, content, metadata${withVectors ? sql`, embedding` : sql``}) values ${sql.join(values, sql`, `)}`,
  );
}

/** The condition that selects one source's chunks. */
export function chunksOf(source: SourceRef) {
  return and(eq(chunks.projectId, source.projectId), eq(chunks.sourceType, source.sourceType), eq(chunks.sourceId, source.sourceId));
}

/** The condition that selects the chunks of several sources of one type in one project. */
export function chunksOfSources(projectId: string, sourceType: ChunkSourceType, sourceIds: string[]) {
  return and(eq(chunks.projectId, projectId), eq(chunks.sourceType, sourceType), inArray(chunks.sourceId, sourceIds));
}

export async function deleteSourceChunks(tx: DbOrTx, source: SourceRef): Promise<void> {
  await tx.delete(chunks).where(chunksOf(source));
}

/** A source's chunks in order (index and text), at most `limit`. */
export async function sourceChunks(db: DbOrTx, source: SourceRef, limit: number): Promise<{ index: number; content: string }[]> {
  return db
    .select({ index: chunks.chunkIndex, content: chunks.content })
    .from(chunks)
    .where(chunksOf(source))
    .orderBy(asc(chunks.chunkIndex))
    .limit(limit);
}
