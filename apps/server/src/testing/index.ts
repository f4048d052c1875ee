export { freePort, spawnServer, startServerProcess, waitForExit, type ServerProcess } from './server-process';
export { createTestClient, startTestServer, type TestServer } from './test-server';
export { collectEvents, liveClient } from '../live/live-client';
