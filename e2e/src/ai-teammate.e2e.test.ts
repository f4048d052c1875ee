import { createTestClient, type TestServer } from '@devmentor/server/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, createProject, shot, signUp, watchConsole } from './app-helpers';
import { browserAvailable } from './browser';
import { openTwoPeople, type TwoPeople } from './two-people';

const owner = { name: 'Margaret Hamilton', email: 'margaret@example.com', password: 'apollo-guidance-11' };
const teammate = { name: 'Katherine Johnson', email: 'katherine@example.com', password: 'orbital-mechanics-62' };

const SPEC = [
  '# Checkout',
  '- Shopper must be able to pay by card',
  '  - Card is charged once',
  '  - A declined card shows why',
  '- Shopper gets a receipt by email',
  '  - Receipt lists every item',
  '- Gift cards at checkout, nice to have later',
].join('\n');

describe.runIf(browserAvailable())('the AI teammate in Chromium', () => {
  let people: TwoPeople | undefined;
  let server: TestServer;
  let ownerContext: BrowserContext;
  let ownerPage: Page;
  let teammatePage: Page;
  let projectId = '';
  let consoleErrors: string[][] = [];

  beforeAll(async () => {
    people = await openTwoPeople();
    ({ server, ownerContext, ownerPage, teammatePage } = people);
    // The owner's apply after the teammate's change is refused on purpose (409).
    consoleErrors = [watchConsole(ownerPage, [/409 \(Conflict\)/]), watchConsole(teammatePage)];
  });
  afterAll(async () => {
    await people?.close();
  });

  const inProject = (page: Page, path: string) => page.goto(`${server.url}/projects/${projectId}/${path}`);

  it('a teammate joins the project and watches its overview live', async () => {
    await signUp(ownerPage, server.url, owner);
    projectId = await createProject(ownerPage, 'Teammate', 'TM');
    await signUp(teammatePage, server.url, teammate);
    await inProject(ownerPage, 'settings');
    await ownerPage.getByLabel('Email to invite').fill(teammate.email);
    await ownerPage.getByRole('button', { name: 'Invite' }).click();
    await ownerPage.getByText(teammate.email).first().waitFor();
    const api = createTestClient(server);
    const outbox = await api.client.devOutbox.list.query({ limit: 20 });
    api.close();
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(outbox.items.find((item) => item.to === teammate.email)?.text ?? '')?.[1];
    expect(token).toBeTruthy();
    await teammatePage.goto(`${server.url}/invitations/${token}`);
    await teammatePage.getByRole('button', { name: 'Accept' }).click();
    await teammatePage.waitForURL(/\/board/);

    // The project's home is the overview now.
    await teammatePage.goto(`${server.url}/projects/${projectId}`);
    await teammatePage.waitForURL(/\/overview$/);
    await teammatePage.getByText('No open insights').waitFor();
    await expect.poll(() => teammatePage.getByTestId('live-status').getAttribute('data-status')).toBe('live');
  });

  it('generates a backlog from a spec: every member sees the agent run live, the proposal opens as a diff', async () => {
    // Everything the teammate's agent indicator shows while the run goes on.
    await teammatePage.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { agentRuns: string[] }).agentRuns = seen;
      new MutationObserver(() => {
        for (const node of document.querySelectorAll('[data-testid="agent-run"]')) seen.push(`${node.getAttribute('data-state')}: ${node.textContent}`);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await inProject(ownerPage, 'backlog');
    await ownerPage.getByRole('button', { name: /Generate from an idea/ }).click();
    const dialog = ownerPage.getByRole('dialog', { name: 'Generate a backlog' });
    await dialog.getByLabel('Idea or specification').fill(SPEC);
    await dialog.getByLabel('Team size').fill('3');
    await dialog.getByLabel('Timeline (weeks)').fill('6');
    await shot(ownerPage, '20-generate-backlog-dialog');
    await dialog.getByRole('button', { name: 'Generate proposal' }).click();
    await ownerPage.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);

    // The teammate did not click anything: the run shows on her screen from the project stream.
    const run = teammatePage.getByTestId('agent-run').filter({ hasText: 'Backlog generator' });
    await expect.poll(() => run.getAttribute('data-state'), { timeout: 10_000 }).toBe('completed');
    expect(await run.textContent()).toContain('proposal ready');
    expect(await run.textContent()).toContain(`Started by ${owner.name}`);
    const shown = await teammatePage.evaluate(() => (window as unknown as { agentRuns: string[] }).agentRuns);
    expect(shown.some((text) => text.startsWith('running: Backlog generator running'))).toBe(true);
    expect(shown.some((text) => /running: .*\(\d\/3\)/.test(text)), shown.join('\n')).toBe(true);
    await shot(teammatePage, '21-agent-run-teammate');

    const detail = ownerPage.getByTestId('proposal-detail');
    await detail.getByTestId('proposal-change').first().waitFor();
    expect(await detail.getByTestId('offline-marker').count()).toBe(1);
    const changes = detail.getByTestId('proposal-change');
    await expect.poll(() => changes.count()).toBeGreaterThanOrEqual(4);
    expect(await changes.filter({ hasText: 'Shopper must be able to pay by card' }).first().textContent()).toContain('Card is charged once');
    await expect.poll(() => ownerPage.getByTestId('pending-proposals').textContent()).toBe('1');
    await shot(ownerPage, '22-proposal-preview');
  });

  it('applies a chosen subset: the unchecked story stays out, the others appear on the board', async () => {
    const detail = ownerPage.getByTestId('proposal-detail');
    const changes = detail.getByTestId('proposal-change');
    const total = await changes.count();
    await changes.filter({ hasText: 'Gift cards' }).getByRole('checkbox').uncheck();
    await detail.getByText(`${total - 1} of ${total} selected`).waitFor();
    await detail.getByRole('button', { name: `Apply selected (${total - 1})` }).click();
    await detail.getByText('Partly applied').first().waitFor();
    await expect.poll(() => changes.filter({ hasText: 'Shopper must be able to pay by card' }).first().getByText('applied', { exact: true }).count()).toBe(1);
    await expect.poll(() => ownerPage.getByTestId('pending-proposals').count()).toBe(0);
    await shot(ownerPage, '23-proposal-partly-applied');

    // Applied changes reach the teammate's board live.
    await teammatePage.goto(`${server.url}/projects/${projectId}/board`);
    await card(teammatePage, 'Shopper must be able to pay by card').waitFor();
    await card(teammatePage, 'Shopper gets a receipt by email').waitFor();
    expect(await card(teammatePage, 'Gift cards').count()).toBe(0);
    await shot(teammatePage, '24-board-after-apply');
  });

  it('plans a sprint; applying after a teammate changed a planned story is refused with what changed; reject', async () => {
    await inProject(ownerPage, 'sprints');
    await ownerPage.getByRole('button', { name: '+ New sprint' }).click();
    const dialog = ownerPage.getByRole('dialog', { name: 'New sprint' });
    await dialog.getByLabel('Name').fill('Sprint 1');
    await dialog.getByRole('button', { name: 'Create sprint' }).click();
    await ownerPage.getByRole('heading', { name: 'Sprint 1' }).waitFor();
    const capacity = ownerPage.getByLabel(`Capacity of ${owner.name}`);
    const saved = ownerPage.waitForResponse((response) => response.url().includes('sprints.update'));
    await capacity.fill('20');
    await capacity.blur();
    expect((await saved).ok()).toBe(true);
    await ownerPage.getByRole('button', { name: /Plan this sprint/ }).click();
    await ownerPage.waitForURL(/\/proposals\/[0-9a-f-]{36}/);
    const detail = ownerPage.getByTestId('proposal-detail');
    await detail.getByRole('heading', { name: /Plan Sprint 1: 2 stories/ }).waitFor();
    await expect.poll(() => detail.getByTestId('proposal-change').count()).toBe(2);

    // Meanwhile the teammate raises the priority of one planned story.
    await card(teammatePage, 'Shopper must be able to pay by card').click();
    const drawer = teammatePage.getByRole('dialog', { name: 'Story details' });
    await drawer.getByLabel('Priority').selectOption('critical');
    await expect.poll(() => drawer.getByLabel('Priority').inputValue()).toBe('critical');
    await teammatePage.keyboard.press('Escape');

    await detail.getByRole('button', { name: /Apply selected/ }).click();
    const conflicts = detail.getByTestId('proposal-conflicts');
    await conflicts.waitFor();
    expect(await conflicts.textContent()).toContain(`${teammate.name} updated`);
    expect(await conflicts.textContent()).toMatch(/priority: high → critical/);
    expect(await detail.getByText('Pending').count()).toBeGreaterThan(0);
    await shot(ownerPage, '25a-proposal-conflict');

    await detail.getByRole('button', { name: 'Reject' }).click();
    await detail.getByText('Rejected').first().waitFor();
    expect(await detail.getByRole('button', { name: /Apply selected/ }).count()).toBe(0);

    await inProject(ownerPage, 'proposals?status=rejected');
    await expect.poll(() => ownerPage.getByTestId('proposal-row').count()).toBe(1);
    expect(await ownerPage.getByTestId('proposal-row').textContent()).toContain('Plan Sprint 1');
    await ownerPage.getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => ownerPage.getByTestId('proposal-row').count()).toBe(2);
    await shot(ownerPage, '25-proposals-inbox');
  });

  it('runs the analyst: insights with severity, linked stories open in the drawer, acknowledge', async () => {
    await teammatePage.goto(`${server.url}/projects/${projectId}/overview`);
    await inProject(ownerPage, 'overview');
    await ownerPage.getByRole('button', { name: 'Run analysis' }).click();
    const insight = ownerPage.getByTestId('insight').filter({ hasText: 'Shopper must be able to pay by card' });
    await insight.first().waitFor();
    expect(await insight.first().getAttribute('data-severity')).toBe('warning');
    // The teammate's panel refreshes from the insight events, and she saw the analyst run.
    await teammatePage.getByTestId('insight').filter({ hasText: 'Shopper must be able to pay by card' }).first().waitFor();
    await expect.poll(() => teammatePage.getByTestId('agent-run').filter({ hasText: 'Project analyst' }).getAttribute('data-state')).toBe('completed');
    await shot(ownerPage, '26-overview-insights');

    await insight.first().getByRole('button', { name: /^TM-\d+$/ }).click();
    const drawer = ownerPage.getByRole('dialog', { name: 'Story details' });
    await expect.poll(() => drawer.getByLabel('Title').inputValue()).toBe('Shopper must be able to pay by card');
    await ownerPage.keyboard.press('Escape');
    await insight.first().getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => insight.count()).toBe(0);
  });

  it('chat streams an answer whose item keys open the item', async () => {
    await teammatePage.goto(`${server.url}/projects/${projectId}/board`);
    const storyKey = await card(teammatePage, 'Shopper must be able to pay by card').getAttribute('data-key');
    expect(storyKey).toMatch(/^TM-\d+$/);

    await inProject(ownerPage, 'chat');
    await ownerPage.getByText('Ask the AI teammate').waitFor();
    // Record what the streaming answer shows while it is written.
    await ownerPage.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { streamed: string[] }).streamed = seen;
      new MutationObserver(() => {
        const node = document.querySelector('[data-testid="chat-streaming"]');
        if (node?.textContent) seen.push(node.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await ownerPage.getByLabel('Message').fill(`What is the status of ${storyKey}?`);
    await ownerPage.getByLabel('Message').press('Enter');
    await ownerPage.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    const answer = ownerPage.locator('[data-testid="chat-message"][data-role="assistant"]');
    await answer.first().waitFor({ timeout: 15_000 });
    const streamed = await ownerPage.evaluate(() => (window as unknown as { streamed: string[] }).streamed);
    // Streamed text was on screen before the stored answer replaced it.
    expect(streamed.some((text) => text.includes('Offline mode'))).toBe(true);
    expect(await answer.first().getByTestId('offline-marker').count()).toBe(1);
    await ownerPage.getByTestId('chat-thread').first().waitFor();
    await shot(ownerPage, '27-chat');

    await answer.first().getByRole('button', { name: storyKey! }).first().click();
    const drawer = ownerPage.getByRole('dialog', { name: 'Story details' });
    await expect.poll(() => drawer.getByLabel('Title').inputValue()).toBe('Shopper must be able to pay by card');
    await ownerPage.keyboard.press('Escape');
  });

  it('renders the AI screens at phone width without console errors', async () => {
    const phone = await ownerContext.newPage();
    const errors = watchConsole(phone);
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      ['overview', '28-overview-phone'],
      ['proposals?status=all', '29-proposals-phone'],
      ['chat', '30-chat-phone'],
    ] as const) {
      await phone.goto(`${server.url}/projects/${projectId}/${path}`);
      await phone.getByRole('heading', { level: 1 }).waitFor();
      await phone.waitForLoadState('networkidle');
      await shot(phone, name);
    }
    await phone.getByTestId('chat-thread').first().click();
    await phone.locator('[data-testid="chat-message"][data-role="assistant"]').first().waitFor();
    await shot(phone, '31-chat-thread-phone');
    await phone.goto(`${server.url}/projects/${projectId}/proposals?status=all`);
    await phone.getByTestId('proposal-row').filter({ hasText: 'Backlog' }).click();
    await phone.getByTestId('proposal-detail').waitFor();
    await shot(phone, '32-proposal-phone');
    expect([...consoleErrors.flat(), ...errors], JSON.stringify(consoleErrors)).toEqual([]);
  });
  it('a viewer reads proposals, insights and memory but gets no review, agent or memory-writing controls', async () => {
    await inProject(ownerPage, 'settings');
    await ownerPage.getByLabel(`Role of ${teammate.name}`).selectOption('viewer');
    await expect.poll(() => ownerPage.getByLabel(`Role of ${teammate.name}`).inputValue()).toBe('viewer');

    await teammatePage.goto(`${server.url}/projects/${projectId}/proposals?status=partially_applied`);
    await teammatePage.getByTestId('proposal-row').first().click();
    const detail = teammatePage.getByTestId('proposal-detail');
    await detail.getByTestId('proposal-change').first().waitFor();
    expect(await detail.getByRole('checkbox').count()).toBe(0);
    expect(await detail.getByRole('button', { name: 'Reject' }).count()).toBe(0);
    expect(await detail.getByRole('button', { name: /Apply selected/ }).count()).toBe(0);
    await teammatePage.goto(`${server.url}/projects/${projectId}/overview`);
    await teammatePage.getByTestId('ai-status').waitFor();
    expect(await teammatePage.getByRole('button', { name: 'Run analysis' }).count()).toBe(0);
    await teammatePage.goto(`${server.url}/projects/${projectId}/backlog`);
    await teammatePage.getByRole('heading', { name: 'Backlog' }).waitFor();
    expect(await teammatePage.getByRole('button', { name: /Generate from an idea/ }).count()).toBe(0);
    await teammatePage.goto(`${server.url}/projects/${projectId}/memory`);
    // The role arrives with the project, whose name the sidebar shows: only then is an absent control meaningful.
    await teammatePage.getByRole('navigation', { name: 'Main' }).getByText('Teammate', { exact: true }).waitFor();
    await teammatePage.getByRole('searchbox', { name: 'Search memory' }).waitFor();
    expect(await teammatePage.getByRole('form', { name: 'Remember something' }).count()).toBe(0);
    expect(await teammatePage.getByRole('button', { name: 'Upload' }).count()).toBe(0);
  });
});
