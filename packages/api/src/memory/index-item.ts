import { chunkByTokens, type PiiPolicy } from '@devmentor/ai';
import { and, asc, chunks, epics, eq, inArray, isNull, projects, sql, stories, tasks } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';
import type { AppServices } from '../trpc/context';
import { chunksOf, chunksOfSources, insertChunks, type ChunkInput, type ChunkRow } from './chunks';
import { embedderFor } from './embedder';
import { maskWith, projectPiiPolicy } from './pii-policy';
import { MEMORY_CHUNK } from './store-memory';

export const ITEM_TYPES = ['epic', 'story', 'task'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export interface ItemRef {
  itemType: ItemType;
  itemId: string;
}

/** Re-indexes several items of one project: one read, one embedding call and one write for all. */
export const INDEX_ITEMS_JOB = 'memory.index-items';
export interface IndexItemsJob {
  projectId: string;
  items: ItemRef[];
}
/** Items per index job; a project re-index (new key prefix, demo seed) becomes jobs of this many. */
export const ITEMS_PER_INDEX_JOB = 50;

/** The one-item job an earlier version enqueued; still handled, so jobs queued before an upgrade run. */
export const INDEX_ITEM_JOB = 'memory.index-item';
export interface IndexItemJob extends ItemRef {
  projectId: string;
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

/** An item as it is to be indexed now: its chunks' text and metadata, and who owns them. */
interface IndexedItem {
  itemType: ItemType;
  sourceId: string;
  ownerId: string | null;
  pieces: ChunkInput[];
}

/** The item ids of `refs`, grouped by type, so each table is read once. */
function idsByType(refs: ItemRef[]): [ItemType, string[]][] {
  const groups = new Map<ItemType, string[]>();
  for (const ref of refs) groups.set(ref.itemType, [...(groups.get(ref.itemType) ?? []), ref.itemId]);
  return [...groups];
}

/** The live (not soft-deleted) items among `refs`, built into their chunks. */
async function liveItems(db: DbOrTx, projectId: string, refs: ItemRef[], policy: PiiPolicy | false): Promise<IndexedItem[]> {
  const built: IndexedItem[] = [];
  for (const [itemType, ids] of idsByType(refs)) {
    const table = ITEM_TABLES[itemType];
    const rows = await db
      .select({ item: table, keyPrefix: projects.keyPrefix })
      .from(table)
      .innerJoin(projects, eq(projects.id, table.projectId))
      .where(and(inArray(table.id, ids), eq(table.projectId, projectId), isNull(table.deletedAt)));
    for (const { item, keyPrefix } of rows) {
      const key = `${keyPrefix}-${item.number}`;
      const text = maskWith(policy, itemText(key, item)).text;
      const metadata = { itemType, key, title: item.title, status: item.status };
      const pieces = chunkByTokens(text, MEMORY_CHUNK).map((chunk) => ({ content: chunk.text, metadata }));
      built.push({ itemType, sourceId: item.id, ownerId: item.createdById, pieces });
    }
  }
  return built;
}

/** The ids among `refs` still live now: read under the writing transaction, so a delete that committed meanwhile wins. */
async function stillLive(tx: DbOrTx, refs: ItemRef[]): Promise<Set<string>> {
  const live = new Set<string>();
  for (const [itemType, ids] of idsByType(refs)) {
    const table = ITEM_TABLES[itemType];
    const rows = await tx.select({ id: table.id }).from(table).where(and(inArray(table.id, ids), isNull(table.deletedAt)));
    for (const row of rows) live.add(row.id);
  }
  return live;
}

/**
 * Re-indexes work items from their current rows: idempotent, so duplicate or out-of-order jobs
 * converge on the latest state. A deleted (or soft-deleted) item loses its chunks. Items whose text
 * is unchanged keep their chunks and embeddings (only the metadata follows), so moves, assignments
 * and estimates cost no embedding.
 */
export async function indexItems(services: Services, job: IndexItemsJob): Promise<void> {
  const { projectId } = job;
  const policy = await projectPiiPolicy(services.db, projectId);
  const live = await liveItems(services.db, projectId, job.items, policy);
  const changed = await itemsWithNewText(services, projectId, live);
  const liveIds = new Set(live.map((item) => item.sourceId));
  const gone = job.items.filter((ref) => !liveIds.has(ref.itemId));
  if (changed.length === 0 && gone.length === 0) return;

  const embedder = embedderFor(services);
  const texts = changed.flatMap((item) => item.pieces.map((piece) => piece.content));
  const vectors = embedder && texts.length > 0 ? await embedder.embed(texts, { projectId, userId: null, purpose: 'memory.index-item', pii: policy }) : null;

  await services.db.transaction(async (tx) => {
    const stillThere = await stillLive(tx, changed.map((item) => ({ itemType: item.itemType, itemId: item.sourceId })));
    const replaced = [...gone.map((ref) => ref.itemId), ...changed.map((item) => item.sourceId)];
    await tx.delete(chunks).where(chunksOfSources(projectId, 'item', replaced));
    const rows: ChunkRow[] = [];
    let vectorIndex = 0;
    for (const item of changed) {
      for (const [chunkIndex, piece] of item.pieces.entries()) {
        const embedding = vectors?.[vectorIndex++] ?? null;
        if (!stillThere.has(item.sourceId)) continue;
        rows.push({ projectId, sourceType: 'item', sourceId: item.sourceId, ownerId: item.ownerId, chunkIndex, content: piece.content, metadata: piece.metadata ?? {}, embedding });
      }
    }
    await insertChunks(tx, rows);
  });
}

/** The one-item job of an earlier version. */
export function indexItem(services: Services, job: IndexItemJob): Promise<void> {
  return indexItems(services, { projectId: job.projectId, items: [{ itemType: job.itemType, itemId: job.itemId }] });
}

/**
 * The items whose stored chunks no longer hold exactly their text (with embeddings where the
 * database has pgvector). For the others, the stored chunks' metadata is brought up to date where it
 * differs. One read for all items.
 */
async function itemsWithNewText(services: Services, projectId: string, items: IndexedItem[]): Promise<IndexedItem[]> {
  if (items.length === 0) return [];
  const stored = await services.db
    .select({
      sourceId: chunks.sourceId,
      content: chunks.content,
      metadata: chunks.metadata,
      embedded: services.capabilities.vector ? sql<boolean>`embedding is not null` : sql<boolean>`true`,
    })
    .from(chunks)
    .where(chunksOfSources(projectId, 'item', items.map((item) => item.sourceId)))
    .orderBy(asc(chunks.sourceId), asc(chunks.chunkIndex));
  const storedBySource = new Map<string, typeof stored>();
  for (const chunk of stored) storedBySource.set(chunk.sourceId, [...(storedBySource.get(chunk.sourceId) ?? []), chunk]);
  const changed: IndexedItem[] = [];
  for (const item of items) {
    const current = storedBySource.get(item.sourceId) ?? [];
    const sameText = current.length > 0 && current.length === item.pieces.length && current.every((chunk, index) => chunk.content === item.pieces[index]!.content && chunk.embedded);
    if (!sameText) {
      changed.push(item);
      continue;
    }
    const metadata = item.pieces[0]!.metadata ?? {};
    if (current.some((chunk) => !sameFields(chunk.metadata, metadata))) {
      await services.db.update(chunks).set({ metadata }).where(chunksOf({ projectId, sourceType: 'item', sourceId: item.sourceId }));
    }
  }
  return changed;
}

/** Flat objects with the same keys and values, whatever the key order (jsonb reorders keys). */
function sameFields(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}
