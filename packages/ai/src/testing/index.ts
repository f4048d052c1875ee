export { startOpenAiTestServer, type OpenAiTestServer, type RecordedRequest, type TestReply } from './openai-test-server';
export { createFakeClock, createMemoryAccounting } from './memory-accounting';
export { gatewayOnTestServer } from './gateway-fixture';
