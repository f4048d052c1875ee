import { createTestDb } from '@devmentor/db/testing';
import { hasVectorExtension, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryTestServices } from '../memory/testing/memory-services';
import { callerFor, contextFor, createTestProject, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { assembleChatContext, memoryRank } from './chat-context';

describe('chat context: memory weight', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createMemoryTestServices(handle, await hasVectorExtension(handle));
    owner = await createTestUser(services);
    projectId = (await createTestProject(services, owner)).id;
  });
  afterAll(async () => {
    await services.jobs.close();
    await handle.close();
  });

  it('keeps a memory within the search hits, higher with more weight', () => {
    expect(memoryRank(0, 0.5)).toBe(80);
    expect(memoryRank(3, 1)).toBe(81);
    expect(memoryRank(0, 0.2)).toBeCloseTo(77.6);
    expect(memoryRank(7, 0)).toBeGreaterThan(60);
  });

  it("ranks a memory people weighted high above an equally matching one, and a low one below", async () => {
    const api = callerFor(services, owner);
    const notes = [];
    for (const text of ['Release freeze starts on Thursday noon.', 'Release freeze starts on Thursday evening.', 'Release freeze starts on Thursday morning.']) {
      notes.push(await api.memory.store({ projectId, content: text, type: 'decision' }));
    }
    const ranks = async () => {
      const pieces = await assembleChatContext({ ...contextFor(services, owner), auth: { user: { id: owner.id } } }, { projectId, question: 'When does the release freeze start?' });
      return new Map(pieces.filter((piece) => piece.kind === 'memory').map((piece) => [piece.ref?.id, piece.rank]));
    };
    const before = await ranks();
    expect(before.size).toBe(3);
    const [high, low] = [notes[2]!, notes[0]!];
    await api.memory.setRelevance({ projectId, id: high.id, relevance: 1, version: high.version });
    await api.memory.setRelevance({ projectId, id: low.id, relevance: 0.2, version: low.version });
    const after = await ranks();
    expect(after.get(high.id)! - before.get(high.id)!).toBe(4);
    expect(after.get(low.id)! - before.get(low.id)!).toBeCloseTo(-2.4);
    expect(after.get(notes[1]!.id)).toBe(before.get(notes[1]!.id));
  });
});
