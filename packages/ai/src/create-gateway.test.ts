import { parseEnv } from '@devmentor/config';
import { describe, expect, it } from 'vitest';
import { aiConfigFromEnv, createAiGateway } from './create-gateway';

describe('AI configuration from the environment', () => {
  it('runs offline when nothing is configured', () => {
    const gateway = createAiGateway(aiConfigFromEnv(parseEnv({})));
    expect(gateway.status()).toMatchObject({
      chat: { provider: 'offline', offline: true },
      embeddings: { provider: 'offline', offline: true, dimension: 384 },
      fallback: true,
      embeddingFallback: false,
    });
  });

  it('talks to any OpenAI-compatible server given a base URL, with per-capability overrides and prices', () => {
    const env = parseEnv({
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      AI_CHAT_MODEL: 'llama3.1',
      AI_EMBEDDING_PROVIDER: 'offline',
      AI_PRICE_PROMPT_PER_MTOK: '1',
      AI_FALLBACK: 'false',
    });
    const config = aiConfigFromEnv(env);
    expect(config.prices['llama3.1']).toEqual({ prompt: 1, completion: 0 });
    expect(createAiGateway(config).status()).toMatchObject({
      chat: { provider: 'openai-compatible', model: 'llama3.1', offline: false },
      embeddings: { provider: 'offline' },
      fallback: false,
    });
  });

  it('uses OpenAI itself with just an API key', () => {
    const status = createAiGateway(aiConfigFromEnv(parseEnv({ OPENAI_API_KEY: 'sk-test' }))).status();
    expect(status).toMatchObject({ chat: { provider: 'openai', model: 'gpt-4o-mini' }, embeddings: { provider: 'openai', model: 'text-embedding-3-small' } });
  });
});
