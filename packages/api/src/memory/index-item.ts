import { chunkByTokens } from '@devmentor/ai';
import { and, asc, chunks, eq, epics, projects, sql, stories, tasks } from '@devmentor/db';
import type { AppServices } from '../trpc/context';
import { chunksOf, deleteSourceChunks, replaceSourceChunks, type ChunkInput, type SourceRef } from './chunks';
import { embedderFor } from './embedder';
import { maskWith, projectPiiPolicy } from './pii-policy';
import { MEMORY_CHUNK } from './store-memory';

export const ITEM_TYPES = ['epic', 'story', 'task'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const INDEX_ITEM_JOB = 'memory.index-item';
export interface IndexItemJob {
  projectId: string;
  itemType: ItemType;
  itemId: string;
}

type Services = Pick<AppServices, 'db' | 'capabilities' | 'ai'>;

export const ITEM_TABLES = { epic: epics, story: stories, task: tasks } as const;

/** The searchable text of an item: key, title, description, labels and acceptance criteria. */
function itemText(key: string, item: { title: string; description: string; labels: string[]; acceptanceCriteria?: { text: string }[] }): string {
  const parts = [`${key} ${item.title}`, item.description];
  if (item.labels.length > 0) parts.push(`Labels: ${item.labels.join(', ')}`);
  if (item.acceptanceCriteria && item.acceptanceCriteria.length > 0) {
    parts.push(`Acceptance criteria:\n${item.acceptanceCriteria.map((criterion) => `- ${criterion.text}`).join('\n')}`);
  }
  return parts.filter((part) => part.trim().length > 0).join('\n\n');
}

/**
 * Re-indexes one work item from its current row: idempotent, so duplicate or out-of-order jobs
 * converge on the latest state. A deleted (or soft-deleted) item loses its chunks.
 */
export async function indexItem(services: Services, job: IndexItemJob): Promise<void> {
  const source = { projectId: job.projectId, sourceType: 'item' as const, sourceId: job.itemId };
  const table = ITEM_TABLES[job.itemType];
  const [row] = await services.db
    .select({ item: table, keyPrefix: projects.keyPrefix })
    .from(table)
    .innerJoin(projects, eq(projects.id, table.projectId))
    .where(and(eq(table.id, job.itemId), eq(table.projectId, job.projectId)));
  if (!row || row.item.deletedAt) {
    await deleteSourceChunks(services.db, source);
    return;
  }
  const { item } = row;
  const policy = await projectPiiPolicy(services.db, job.projectId);
  const key = `${row.keyPrefix}-${item.number}`;
  const text = maskWith(policy, itemText(key, item)).text;
  const metadata = { itemType: job.itemType, key, title: item.title, status: item.status };
  const pieces = chunkByTokens(text, MEMORY_CHUNK).map((chunk) => ({ content: chunk.text, metadata }));
  // Most events (moves, assignments, estimates) leave the text as it was: no new embeddings then.
  if (await refreshedInPlace(services, source, pieces)) return;
  const embedder = embedderFor(services);
  const vectors = embedder ? await embedder.embed(pieces.map((piece) => piece.content), { projectId: job.projectId, userId: null, purpose: 'memory.index-item', pii: policy }) : null;
  await services.db.transaction(async (tx) => {
    // Re-check under the transaction: a delete that committed meanwhile must win.
    const [current] = await tx.select({ deletedAt: table.deletedAt }).from(table).where(eq(table.id, job.itemId));
    if (!current || current.deletedAt) await deleteSourceChunks(tx, source);
    else await replaceSourceChunks(tx, { ...source, ownerId: item.createdById }, pieces, vectors);
  });
}

/**
 * When the stored chunks already hold exactly `pieces`' text (with embeddings where the database
 * has pgvector), brings their metadata up to date, if it differs, and returns true.
 */
async function refreshedInPlace(services: Services, source: SourceRef, pieces: ChunkInput[]): Promise<boolean> {
  const where = chunksOf(source);
  const stored = await services.db
    .select({ content: chunks.content, metadata: chunks.metadata, embedded: services.capabilities.vector ? sql<boolean>`embedding is not null` : sql<boolean>`true` })
    .from(chunks)
    .where(where)
    .orderBy(asc(chunks.chunkIndex));
  const sameText = stored.length === pieces.length && stored.every((chunk, index) => chunk.content === pieces[index]!.content && chunk.embedded);
  if (!sameText || stored.length === 0) return false;
  const metadata = pieces[0]!.metadata ?? {};
  if (stored.some((chunk) => !sameFields(chunk.metadata, metadata))) await services.db.update(chunks).set({ metadata }).where(where);
  return true;
}

/** Flat objects with the same keys and values, whatever the key order (jsonb reorders keys). */
function sameFields(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}
