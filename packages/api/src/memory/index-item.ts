import { chunkByTokens } from '@devmentor/ai';
import { and, eq, epics, projects, stories, tasks } from '@devmentor/db';
import type { AppServices } from '../trpc/context';
import { deleteSourceChunks, replaceSourceChunks } from './chunks';
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

const tables = { epic: epics, story: stories, task: tasks } as const;

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
  const table = tables[job.itemType];
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
  const embedder = embedderFor(services);
  const vectors = embedder ? await embedder.embed(pieces.map((piece) => piece.content), { projectId: job.projectId, userId: null, purpose: 'memory.index-item', pii: policy }) : null;
  await services.db.transaction(async (tx) => {
    // Re-check under the transaction: a delete that committed meanwhile must win.
    const [current] = await tx.select({ deletedAt: table.deletedAt }).from(table).where(eq(table.id, job.itemId));
    if (!current || current.deletedAt) await deleteSourceChunks(tx, source);
    else await replaceSourceChunks(tx, { ...source, ownerId: item.createdById }, pieces, vectors);
  });
}
