import type { DbHandle } from '@devmentor/db';
import { createMemoryQueue } from '../../jobs';
import { createTestServices } from '../../testing';
import type { AppServices } from '../../trpc/context';
import { registerMemoryJobs } from '../indexing';

/**
 * Test services (AI gateway on the offline providers: real hashing embeddings) with the vector
 * capability as the database really has it, and the memory job handlers registered on their own queue.
 */
export function createMemoryTestServices(handle: DbHandle, vector: boolean, env: Record<string, string> = {}): AppServices {
  const jobs = createMemoryQueue({ concurrency: 1 });
  const base = createTestServices(handle, { jobs, env });
  const services: AppServices = { ...base, capabilities: { ...base.capabilities, vector } };
  registerMemoryJobs(services);
  return services;
}
