export { createTestDatabaseUrl, createTestDb } from './test-db';
