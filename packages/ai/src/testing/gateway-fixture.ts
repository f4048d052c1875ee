import { AiGateway, type AiGatewayOptions } from '../gateway/gateway';
import { createOpenAiEmbedder, createOpenAiLlm } from '../providers/openai-provider';
import { createFakeClock, createMemoryAccounting } from './memory-accounting';
import type { OpenAiTestServer } from './openai-test-server';

/** A gateway on the real `openai` client pointed at the loopback test server, with a fake clock. */
export function gatewayOnTestServer(server: OpenAiTestServer, options: Partial<AiGatewayOptions> & { tokenLimits?: Record<string, number> } = {}) {
  const clock = createFakeClock();
  const accounting = createMemoryAccounting({ tokenLimits: options.tokenLimits });
  const connection = { baseURL: server.baseURL, apiKey: 'test-key' };
  const gateway = new AiGateway({
    llm: createOpenAiLlm({ ...connection, model: 'gpt-4o-mini' }),
    embedder: createOpenAiEmbedder({ ...connection, model: 'text-embedding-3-small' }),
    accounting,
    clock,
    random: () => 0.5,
    timeoutMs: 5_000,
    retry: { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 },
    breaker: { failureThreshold: 3, cooldownMs: 10_000 },
    ...options,
  });
  return { gateway, clock, accounting };
}
