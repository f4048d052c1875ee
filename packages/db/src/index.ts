export { createDb, createPglite, type CreateDbOptions, type Database, type DatabaseMode, type DbHandle, type Schema } from './client';
export { expectedMigrationCount, hasVectorExtension, migrate, migrationsFolder, rowsOf, schemaStatus, type SchemaStatus } from './migrate';
export { DEMO_EMAIL, seedDemo, type SeedDemoOptions, type SeedDemoResult } from './seed';
export * as schema from './schema';
export * from './schema';
export * from 'drizzle-orm';
