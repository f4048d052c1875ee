import { processDocument } from '../documents/process-document';
import { INGEST_DOCUMENT_JOB, type IngestDocumentJob } from '../documents/document-rows';
import { createEventConsumer, type EventConsumer, type EventConsumerOptions } from '../events/event-consumer';
import type { AppServices } from '../trpc/context';
import { INDEX_ITEM_JOB, ITEM_TYPES, indexItem, type IndexItemJob, type ItemType } from './index-item';

type Services = Pick<AppServices, 'db' | 'bus' | 'jobs' | 'capabilities' | 'ai'>;

/** Registers the memory and document job handlers on `services.jobs`. */
export function registerMemoryJobs(services: Services): void {
  services.jobs.register<IndexItemJob>(INDEX_ITEM_JOB, (job) => indexItem(services, job));
  services.jobs.register<IngestDocumentJob>(INGEST_DOCUMENT_JOB, (job, info) => processDocument(services, job, info));
}

export const ITEM_INDEXER_CONSUMER = 'memory-item-indexer';

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
    handle: async (batch) => {
      const seen = new Set<string>();
      for (const event of batch) {
        if (!event.projectId || !(ITEM_TYPES as readonly string[]).includes(event.entityType)) continue;
        const key = `${event.entityType}:${event.entityId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        await services.jobs.enqueue<IndexItemJob>(
          INDEX_ITEM_JOB,
          { projectId: event.projectId, itemType: event.entityType as ItemType, itemId: event.entityId },
          { attempts: 5, backoffMs: 1000 },
        );
      }
    },
  });
}
