import { and, eq, isNull } from '@devmentor/db';
import { processDocument } from '../documents/process-document';
import { INGEST_DOCUMENT_JOB, type IngestDocumentJob } from '../documents/document-rows';
import { createEventConsumer, type EventConsumer, type EventConsumerOptions } from '../events/event-consumer';
import type { DbOrTx, ProjectEvent } from '../events/project-events';
import type { AppServices } from '../trpc/context';
import { INDEX_ITEM_JOB, INDEX_ITEMS_JOB, ITEM_TABLES, ITEM_TYPES, ITEMS_PER_INDEX_JOB, indexItem, indexItems, type IndexItemJob, type IndexItemsJob, type ItemRef, type ItemType } from './index-item';

type Services = Pick<AppServices, 'db' | 'bus' | 'jobs' | 'capabilities' | 'ai'>;

/** Registers the memory and document job handlers on `services.jobs`. */
export function registerMemoryJobs(services: Services): void {
  services.jobs.register<IndexItemsJob>(INDEX_ITEMS_JOB, (job) => indexItems(services, job));
  services.jobs.register<IndexItemJob>(INDEX_ITEM_JOB, (job) => indexItem(services, job));
  services.jobs.register<IngestDocumentJob>(INGEST_DOCUMENT_JOB, (job, info) => processDocument(services, job, info));
}

export const ITEM_INDEXER_CONSUMER = 'memory-item-indexer';

/**
 * Project events after which every item's chunks are rebuilt: the demo seed writes its items with one
 * `seeded` event instead of one per item, and a new key prefix changes every item's key (`DM-42`),
 * which is part of the indexed text.
 */
function reindexesEveryItem(event: ProjectEvent): boolean {
  if (event.entityType !== 'project') return false;
  return event.action === 'seeded' || (event.action === 'updated' && 'keyPrefix' in event.diff);
}

/** Every live (not soft-deleted) item of the project. */
async function everyItemOf(tx: DbOrTx, projectId: string): Promise<ItemRef[]> {
  const refs: ItemRef[] = [];
  for (const [itemType, table] of Object.entries(ITEM_TABLES) as [ItemType, (typeof ITEM_TABLES)[ItemType]][]) {
    const rows = await tx.select({ id: table.id }).from(table).where(and(eq(table.projectId, projectId), isNull(table.deletedAt)));
    refs.push(...rows.map((row) => ({ itemType, itemId: row.id })));
  }
  return refs;
}

/** The items a batch of events changed, per project, each item once. */
async function changedItems(tx: DbOrTx, batch: ProjectEvent[]): Promise<Map<string, Map<string, ItemRef>>> {
  const byProject = new Map<string, Map<string, ItemRef>>();
  for (const event of batch) {
    if (!event.projectId) continue;
    const refs = reindexesEveryItem(event)
      ? await everyItemOf(tx, event.projectId)
      : (ITEM_TYPES as readonly string[]).includes(event.entityType)
        ? [{ itemType: event.entityType as ItemType, itemId: event.entityId }]
        : [];
    if (refs.length === 0) continue;
    const items = byProject.get(event.projectId) ?? new Map<string, ItemRef>();
    for (const ref of refs) items.set(`${ref.itemType}:${ref.itemId}`, ref);
    byProject.set(event.projectId, items);
  }
  return byProject;
}

/**
 * The durable consumer of the event log that keeps item chunks current: the epics, stories and
 * tasks a batch of events touched are re-indexed by jobs of up to ITEMS_PER_INDEX_JOB items of one
 * project (each item once per batch), so a burst of writes is read, embedded and written together.
 * Enqueueing happens inside the consumer's batch, so a failed enqueue rolls the cursor back and the
 * batch is retried.
 */
export function createItemIndexer(
  services: Services,
  options: Pick<EventConsumerOptions, 'pollIntervalMs' | 'onError' | 'gapGraceMs'> = {},
): EventConsumer {
  return createEventConsumer({
    name: ITEM_INDEXER_CONSUMER,
    db: services.db,
    bus: services.bus,
    ...options,
    handle: async (batch, { tx }) => {
      for (const [projectId, items] of await changedItems(tx, batch)) {
        const refs = [...items.values()];
        for (let start = 0; start < refs.length; start += ITEMS_PER_INDEX_JOB) {
          const job: IndexItemsJob = { projectId, items: refs.slice(start, start + ITEMS_PER_INDEX_JOB) };
          await services.jobs.enqueue<IndexItemsJob>(INDEX_ITEMS_JOB, job, { attempts: 5, backoffMs: 1000 });
        }
      }
    },
  });
}
