import { and, eq, isNull } from '@devmentor/db';
import { processDocument } from '../documents/process-document';
import { INGEST_DOCUMENT_JOB, type IngestDocumentJob } from '../documents/document-rows';
import { createEventConsumer, type EventConsumer, type EventConsumerOptions } from '../events/event-consumer';
import type { DbOrTx, ProjectEvent } from '../events/project-events';
import type { AppServices } from '../trpc/context';
import { INDEX_ITEM_JOB, ITEM_TABLES, ITEM_TYPES, indexItem, type IndexItemJob, type ItemType } from './index-item';

type Services = Pick<AppServices, 'db' | 'bus' | 'jobs' | 'capabilities' | 'ai'>;

/** Registers the memory and document job handlers on `services.jobs`. */
export function registerMemoryJobs(services: Services): void {
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

/** Every live (not soft-deleted) item of the project, as index jobs. */
async function everyItemOf(tx: DbOrTx, projectId: string): Promise<IndexItemJob[]> {
  const jobs: IndexItemJob[] = [];
  for (const [itemType, table] of Object.entries(ITEM_TABLES) as [ItemType, (typeof ITEM_TABLES)[ItemType]][]) {
    const rows = await tx.select({ id: table.id }).from(table).where(and(eq(table.projectId, projectId), isNull(table.deletedAt)));
    jobs.push(...rows.map((row) => ({ projectId, itemType, itemId: row.id })));
  }
  return jobs;
}

/**
 * The durable consumer of the event log that keeps item chunks current: every epic, story or task
 * event enqueues one re-index job for that item (deduplicated per batch). Enqueueing happens inside
 * the consumer's batch, so a failed enqueue rolls the cursor back and the batch is retried.
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
      const seen = new Set<string>();
      for (const event of batch) {
        if (!event.projectId) continue;
        const jobs = reindexesEveryItem(event)
          ? await everyItemOf(tx, event.projectId)
          : (ITEM_TYPES as readonly string[]).includes(event.entityType)
            ? [{ projectId: event.projectId, itemType: event.entityType as ItemType, itemId: event.entityId }]
            : [];
        for (const job of jobs) {
          const key = `${job.itemType}:${job.itemId}`;
          if (seen.has(key)) continue;
          seen.add(key);
          await services.jobs.enqueue<IndexItemJob>(INDEX_ITEM_JOB, job, { attempts: 5, backoffMs: 1000 });
        }
      }
    },
  });
}
