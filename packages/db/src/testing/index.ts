export { createTestDatabaseUrl, createTestDb } from './test-db';
export { createSocketServedTestDb } from './socket-db';
