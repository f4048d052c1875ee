import { vectorSearchSettings } from '@devmentor/api';
import { rowsOf, sql, type Database } from '@devmentor/db';

type Query = ReturnType<typeof sql>;

interface PlanNode {
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, visit: (node: PlanNode) => void) {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/**
 * Work one statement does, as load-independent evidence beside the timings: shared buffers touched
 * (hit or read) from EXPLAIN (ANALYZE, BUFFERS), and whether the plan reads `index` at all. Runs
 * with the vector settings of k candidates, in a transaction, as the product does.
 */
export async function explainWork(db: Database, query: Query, k: number, index = 'chunks_embedding_hnsw_idx'): Promise<{ buffers: number; usesIndex: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(vectorSearchSettings(k));
    const [line] = rowsOf<Record<string, unknown>>(await tx.execute(sql`explain (analyze, buffers, format json) ${query}`));
    const raw = Object.values(line ?? {})[0];
    const plans = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    let buffers = 0;
    let usesIndex = false;
    // Top-level node counts include its children's buffers.
    buffers = (plans[0]?.Plan['Shared Hit Blocks'] ?? 0) + (plans[0]?.Plan['Shared Read Blocks'] ?? 0);
    walk(plans[0]!.Plan, (node) => {
      if (node['Index Name'] === index) usesIndex = true;
    });
    return { buffers, usesIndex };
  });
}

/** Mean buffers per statement over `queries`, and how many of them planned through the index. */
export async function meanWork(db: Database, queries: Query[], k: number): Promise<{ buffers: number; viaIndex: number }> {
  let buffers = 0;
  let viaIndex = 0;
  for (const query of queries) {
    const work = await explainWork(db, query, k);
    buffers += work.buffers;
    if (work.usesIndex) viaIndex++;
  }
  return { buffers: Math.round(buffers / Math.max(1, queries.length)), viaIndex };
}

/** The ef_search the product's settings give k candidates on this database now. */
export async function effectiveEfSearch(db: Database, k: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(vectorSearchSettings(k));
    const [row] = rowsOf<{ ef: string }>(await tx.execute(sql`select current_setting('hnsw.ef_search') as ef`));
    return Number(row?.ef);
  });
}
