export { callerFor, contextFor, createTestProject, createTestServices, createTestUser, type TestUser } from './fixtures';
export { countingDb } from './counting-db';
