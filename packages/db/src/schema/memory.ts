import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, id, updatedAt, version } from './columns';
import { projects } from './projects';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const chunkSource = pgEnum('chunk_source', ['memory', 'item', 'document', 'chat']);
export const memoryType = pgEnum('memory_type', ['note', 'decision', 'fact', 'preference', 'lesson', 'context']);
export const documentStatus = pgEnum('document_status', ['queued', 'processing', 'done', 'failed']);

/**
 * Everything searchable, cut into chunks. `tsv` is generated from `content` (GIN index).
 * The `embedding vector(384)` column and its HNSW cosine index are added by the custom migration
 * `memory_vector` only where the `vector` extension is installed, so they are not declared here:
 * services read and write them with `sql`.
 */
export const chunks = pgTable(
  'chunks',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    sourceType: chunkSource().notNull(),
    /** Id of the memory, work item, document or chat message the chunk was cut from. */
    sourceId: text().notNull(),
    /** Who wrote the source, when known. */
    ownerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    chunkIndex: integer().notNull(),
    content: text().notNull(),
    tsv: tsvector()
      .notNull()
      .generatedAlwaysAs((): ReturnType<typeof sql> => sql`to_tsvector('english', ${chunks.content})`),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (table) => [
    // fastupdate off: PGlite has no autovacuum, so a GIN pending list (up to 4 MB) would be scanned
    // linearly by every full-text query; on the 10k bench corpus it tripled the buffers per query.
    index('chunks_tsv_idx').using('gin', table.tsv).with({ fastupdate: false }),
    index('chunks_source_idx').on(table.projectId, table.sourceType, table.sourceId, table.chunkIndex),
  ],
);

export const memories = pgTable(
  'memories',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    content: text().notNull(),
    type: memoryType().notNull(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /** 0-1, set by people or agents; weights retrieval. */
    relevance: real().notNull().default(0.5),
    accessCount: integer().notNull().default(0),
    lastAccessedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('memories_project_idx').on(table.projectId, table.createdAt)],
);

/** What the assistant keeps about one user's work in one project (focus, preferences, recent items). */
export const memoryContexts = pgTable(
  'memory_contexts',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    version: version(),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.projectId] })],
);

export const documents = pgTable(
  'documents',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    mimeType: text().notNull(),
    sizeBytes: integer().notNull(),
    /** The uploaded bytes, kept so ingestion can run (or re-run) as a job. */
    content: bytea().notNull(),
    status: documentStatus().notNull().default('queued'),
    failureReason: text(),
    chunkCount: integer().notNull().default(0),
    uploadedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (table) => [index('documents_project_idx').on(table.projectId, table.createdAt)],
);
