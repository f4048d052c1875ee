import { AiGateway, createOfflineEmbedder, createOfflineLlm } from '@devmentor/ai';
import type { DbHandle } from '@devmentor/db';
import { createTestServices } from '../../testing';
import type { AppServices } from '../../trpc/context';

/**
 * Test services with an AI gateway on the offline providers (real hashing embeddings), and the
 * vector capability as the database really has it.
 */
export function createMemoryTestServices(handle: DbHandle, vector: boolean): AppServices {
  const services = createTestServices(handle) as AppServices & { ai?: unknown };
  const ai = services.ai ?? new AiGateway({ llm: createOfflineLlm(), embedder: createOfflineEmbedder() });
  return { ...services, ai, capabilities: { ...services.capabilities, vector } } as AppServices;
}
