import { createTestDb } from '@devmentor/db/testing';
import { rowsOf, sql, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestProject, createTestServices, createTestUser } from '../testing';
import { insertChunks } from './chunks';
import { fulltextCandidates } from './search-candidates';
import { RANK_PREFILTER } from './search-sql';

const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler${i}`).join(' ');

describe('full-text ranking', () => {
  let handle: DbHandle;
  let projectId: string;
  const search = (query: string) => ({ projectId, query, limit: 10, userId: null });

  beforeAll(async () => {
    handle = await createTestDb();
    const services = createTestServices(handle);
    projectId = (await createTestProject(services, await createTestUser(services))).id;
    const texts = [
      // Many occurrences (ts_rank prefers it), but each term in its own run.
      `${'gateway '.repeat(10)}${filler(5)} ${'timeout '.repeat(10)}`,
      // Once each, side by side: cover density (ts_rank_cd) prefers it.
      `gateway timeout seen once`,
      // More matches than the prefilter keeps.
      ...Array.from({ length: RANK_PREFILTER + 50 }, (_, i) => `bulk note ${i} about the common word ${filler(i % 7)}`),
    ];
    await insertChunks(
      handle.db,
      texts.map((content, i) => ({ projectId, sourceType: 'memory', sourceId: `note-${i}`, ownerId: null, chunkIndex: 0, content, metadata: {}, embedding: null })),
    );
  });
  afterAll(async () => {
    await handle.close();
  });

  it('ranks by cover density: adjacent terms beat repeated, distant ones', async () => {
    const [first, second] = await fulltextCandidates(handle.db, search('gateway timeout'), 10);
    expect(first!.source_id).toBe('note-1');
    expect(second!.source_id).toBe('note-0');
    const plainRanks = rowsOf<{ id: string; rank: number }>(
      await handle.db.execute(sql`select id, ts_rank(tsv, websearch_to_tsquery('english', 'gateway timeout')) as rank from chunks where id in (${first!.id}, ${second!.id})`),
    );
    // ts_rank alone would have ordered them the other way.
    expect(Number(plainRanks.find((row) => row.id === second!.id)!.rank)).toBeGreaterThan(Number(plainRanks.find((row) => row.id === first!.id)!.rank));
  });

  it('returns k matches in rank order past the prefilter, and all of them when k is larger', async () => {
    const top = await fulltextCandidates(handle.db, search('common word'), 40);
    expect(top).toHaveLength(40);
    const ranks = top.map((row) => Number((row as typeof row & { rank: number }).rank));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(await fulltextCandidates(handle.db, search('common word'), RANK_PREFILTER + 100)).toHaveLength(RANK_PREFILTER + 50);
  });
});
