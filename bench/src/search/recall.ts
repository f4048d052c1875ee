import { vectorCandidates } from '@devmentor/api';
import { rowsOf, sql, type Database } from '@devmentor/db';

/** Nearest neighbours without any index: the exact answer recall is measured against. */
export async function exactNeighbours(db: Database, projectId: string, embedding: number[], k: number): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_indexscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    const rows = await tx.execute(sql`
      select id from chunks where project_id = ${projectId} and embedding is not null
      order by embedding <=> ${`[${embedding.join(',')}]`}::vector limit ${k}`);
    return rowsOf<{ id: string }>(rows).map((r) => r.id);
  });
}

/**
 * recall@`at` of the product's `vectorCandidates(k)` (its own settings) against the exact answer,
 * averaged over the queries. `truths` caches the exact answers across calls (an exact scan of 100k
 * chunks is the slow part).
 */
export async function hnswRecall(db: Database, projectId: string, vectors: number[][], k: number, at: number, truths: Map<number, Set<string>>): Promise<number> {
  let total = 0;
  for (const [q, vector] of vectors.entries()) {
    let truth = truths.get(q);
    if (!truth) {
      truth = new Set(await exactNeighbours(db, projectId, vector, at));
      truths.set(q, truth);
    }
    const got = (await vectorCandidates(db, { projectId, query: '', limit: at, userId: null }, vector, k)).slice(0, at);
    total += got.filter((r) => truth.has(r.id)).length / Math.max(1, truth.size);
  }
  return total / Math.max(1, vectors.length);
}
