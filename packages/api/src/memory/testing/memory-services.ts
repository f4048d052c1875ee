import { AiGateway, createOfflineEmbedder, createOfflineLlm } from '@devmentor/ai';
import type { DbHandle } from '@devmentor/db';
import { createMemoryQueue } from '../../jobs';
import { createTestServices } from '../../testing';
import type { AppServices } from '../../trpc/context';
import { registerMemoryJobs } from '../indexing';

/**
 * Test services with an AI gateway on the offline providers (real hashing embeddings), the vector
 * capability as the database really has it, and the memory job handlers registered.
 */
export function createMemoryTestServices(handle: DbHandle, vector: boolean, env: Record<string, string> = {}): AppServices {
  const jobs = createMemoryQueue({ concurrency: 1 });
  const base = createTestServices(handle, { jobs, env }) as AppServices & { ai?: unknown };
  const ai = base.ai ?? new AiGateway({ llm: createOfflineLlm(), embedder: createOfflineEmbedder() });
  const services = { ...base, ai, capabilities: { ...base.capabilities, vector } } as AppServices;
  registerMemoryJobs(services);
  return services;
}
