import { startOpenAiTestServer, type OpenAiTestServer } from '@devmentor/ai/testing';
import { eq, epics, stories, type DbHandle } from '@devmentor/db';
import { createTestDb } from '@devmentor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, insertStory } from '../sprints/testing/work-items';
import { callerFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { indexItem } from '../memory/index-item';

const SPEC = `# Shop
## Checkout
- Customer can pay by card
  - Card is charged once
  - Task: integrate the payment provider
- Customer gets a receipt mail after pay by card
## Catalogue
- Browse products by category
`;

describe('ai.generateBacklog', () => {
  let handle: DbHandle;
  let server: OpenAiTestServer;
  let services: AppServices;
  let remote: AppServices;
  let owner: TestUser, member: TestUser, outsider: TestUser;

  beforeAll(async () => {
    handle = await createTestDb();
    server = await startOpenAiTestServer();
    services = createTestServices(handle);
    remote = createTestServices(handle, { env: { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test-key', AI_MAX_RETRIES: '0', AI_FALLBACK: 'false' } });
    [owner, member, outsider] = (await Promise.all(['Owner', 'Member', 'Outsider'].map((name) => createTestUser(services, { name })))) as [TestUser, TestUser, TestUser];
  });
  afterAll(async () => {
    await server.close();
    await handle.close();
  });
  const newProject = async () => (await createTestProject(services, owner, [{ user: member, role: 'member' }], { keyPrefix: 'BL' })).id;

  it('offline: a deterministic proposal that skips what the project has, and applies into a linked backlog', async () => {
    const projectId = await newProject();
    const existing = await insertStory(services, projectId, { title: 'Browse products by category' });
    const first = await callerFor(services, member).ai.generateBacklog({ projectId, idea: SPEC, constraints: { teamSize: 3, timelineWeeks: 4 } });
    const second = await callerFor(services, member).ai.generateBacklog({ projectId, idea: SPEC, constraints: { teamSize: 3, timelineWeeks: 4 } });
    expect(second.payload).toEqual(first.payload);
    expect(first).toMatchObject({ agent: 'backlog', offline: true, status: 'pending' });
    expect(first.payload.notes?.skipped).toEqual([{ title: 'Browse products by category', type: 'story', existing: { id: existing.id, key: `BL-${existing.number}`, title: existing.title }, similarity: 1 }]);
    expect(first.explanation).toContain(`BL-${existing.number}`);

    await callerFor(services, member).proposals.applyChanges({ projectId, id: first.id });
    const created = await services.db.select().from(stories).where(eq(stories.projectId, projectId));
    expect(created.map((story) => story.title).sort()).toEqual(['Browse products by category', 'Customer can pay by card', 'Customer gets a receipt mail after pay by card']);
    const card = created.find((story) => story.title === 'Customer can pay by card')!;
    expect(card.acceptanceCriteria).toEqual([{ text: 'Card is charged once', done: false }]);
    expect(card.estimate).toBeGreaterThan(0);
    expect((await services.db.select().from(epics).where(eq(epics.projectId, projectId))).map((epic) => epic.title).sort()).toEqual(['Catalogue', 'Checkout']);
    const links = await callerFor(services, member).dependencies.list({ projectId });
    expect(links.items.map((link) => [link.source.title, link.type, link.target.title])).toEqual([['Customer gets a receipt mail after pay by card', 'requires', 'Customer can pay by card']]);
  });

  it('memory search finds near-duplicates that share fewer title words', async () => {
    const projectId = await newProject();
    const existing = await insertStory(services, projectId, { title: 'Customer can pay by card online quickly' });
    const unindexed = await callerFor(services, member).ai.generateBacklog({ projectId, idea: SPEC });
    expect(unindexed.payload.notes?.skipped).toEqual([]);
    await indexItem(services, { projectId, itemType: 'story', itemId: existing.id });
    const proposal = await callerFor(services, member).ai.generateBacklog({ projectId, idea: SPEC });
    expect(proposal.payload.notes?.skipped).toMatchObject([{ title: 'Customer can pay by card', existing: { id: existing.id } }]);
  });

  it('remote: the draft comes from structured output validated by the same schema', async () => {
    const projectId = await newProject();
    const draft = {
      epics: [
        {
          ref: 'e1',
          title: 'Accounts',
          description: 'Sign-in',
          stories: [{ ref: 's1', title: 'Sign in with email', description: '', acceptanceCriteria: ['Wrong password is refused'], priority: 'high', estimate: 3, confidence: 80, tasks: [], dependsOn: [] }],
        },
      ],
    };
    server.enqueue('chat', { kind: 'chat', content: JSON.stringify(draft) });
    const proposal = await callerFor(remote, member).ai.generateBacklog({ projectId, idea: 'Accounts for the shop' });
    expect(proposal).toMatchObject({ offline: false, model: remote.env.AI_CHAT_MODEL });
    expect(proposal.payload.changes.map((change) => change.kind)).toEqual(['create_epic', 'create_story']);
    expect(proposal.payload.changes[1]).toMatchObject({ title: 'Sign in with email', estimate: 3, confidence: 80 });
    const request = server.requests.findLast((recorded) => recorded.path.endsWith('/chat/completions'))!;
    expect(request.body.response_format).toBeDefined();
  });

  it('outsiders get NOT_FOUND and nothing is proposed', async () => {
    const projectId = await newProject();
    expect(await codeOf(callerFor(services, outsider).ai.generateBacklog({ projectId, idea: SPEC }))).toBe('NOT_FOUND');
    expect((await callerFor(services, member).proposals.list({ projectId })).items).toEqual([]);
  });
});
