import { createTestClient, type TestServer } from '@devmentor/server/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, columnOf, createProject, createStory, dragToColumn, expectColumn, liftWithKeyboard, moveLiftedCard, nextMoveAnswer, shot, signUp, watchConsole } from './app-helpers';
import { browserAvailable } from './browser';
import { openTwoPeople, type TwoPeople } from './two-people';

const owner = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical-engine-42' };
const teammate = { name: 'Grace Hopper', email: 'grace@example.com', password: 'compiler-cobol-59' };

describe.runIf(browserAvailable())('the board in Chromium', () => {
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
    // A viewer's or a stale tab's refused requests log a resource error; those are expected.
    consoleErrors = [watchConsole(ownerPage), watchConsole(teammatePage)];
  });
  afterAll(async () => {
    await people?.close();
  });

  it('signs up, creates a project and stories, drags a card, and the move survives a reload', async () => {
    await ownerPage.goto(`${server.url}/register`);
    await shot(ownerPage, '01-register');
    await signUp(ownerPage, server.url, owner);
    await expect.poll(() => ownerPage.getByText('No projects yet').count()).toBe(1);
    await shot(ownerPage, '02-projects-empty');
    projectId = await createProject(ownerPage, 'DevMentor', 'DM');
    await expect.poll(() => ownerPage.getByText('The board is empty').count()).toBe(1);

    await createStory(ownerPage, { title: 'Sign-in with GitHub', estimate: 5, labels: 'auth' });
    await createStory(ownerPage, { title: 'Kanban drag and drop', status: 'ready', estimate: 8, labels: 'ui' });
    await createStory(ownerPage, { title: 'Sprint burndown chart', status: 'in_progress', estimate: 3 });
    await createStory(ownerPage, { title: 'Email digest of activity', status: 'review', estimate: 2 });
    expect(await card(ownerPage, 'Sign-in with GitHub').getAttribute('data-key')).toMatch(/^DM-\d+$/);

    const dragged = nextMoveAnswer(ownerPage);
    await dragToColumn(ownerPage, 'Kanban drag and drop', 'in_progress');
    await expectColumn(ownerPage, 'Kanban drag and drop', 'in_progress');
    await shot(ownerPage, '03-board');
    await dragged;
    await ownerPage.reload();
    await card(ownerPage, 'Kanban drag and drop').waitFor();
    expect(await columnOf(ownerPage, 'Kanban drag and drop')).toBe('in_progress');

    await ownerPage.goto(`${server.url}/projects/${projectId}/backlog`);
    await ownerPage.getByRole('button', { name: '+ New epic' }).click();
    await ownerPage.getByLabel('New epic').fill('Reporting');
    await ownerPage.getByRole('button', { name: 'Add', exact: true }).click();
    await ownerPage.getByTestId('epic-group').filter({ hasText: 'Reporting' }).waitFor();

    await ownerPage.goto(`${server.url}/projects/${projectId}/board`);
    await card(ownerPage, 'Sprint burndown chart').click();
    const drawer = ownerPage.getByRole('dialog', { name: 'Story details' });
    await drawer.getByText('History').waitFor();
    await drawer.getByLabel('Assignee').selectOption({ label: owner.name });
    await expect.poll(() => card(ownerPage, 'Sprint burndown chart').getByLabel(`Assigned to ${owner.name}`).count()).toBe(1);
    await drawer.getByLabel('Epic').selectOption({ label: 'Reporting' });
    await expect.poll(() => card(ownerPage, 'Sprint burndown chart').textContent()).toContain('Reporting');
    await drawer.getByLabel('New acceptance criterion').fill('Shows remaining points per day');
    await drawer.getByRole('button', { name: 'Add', exact: true }).click();
    await drawer.getByText('Shows remaining points per day').waitFor();
    await shot(ownerPage, '04-item-drawer');
    await ownerPage.keyboard.press('Escape');
    await shot(ownerPage, '03b-board-with-epic');
  });

  it('keeps filters in the URL', async () => {
    await ownerPage.getByTestId('filter-label').selectOption('ui');
    await expect.poll(() => new URL(ownerPage.url()).searchParams.get('label')).toBe('ui');
    await expect.poll(() => ownerPage.getByTestId('board-card').count()).toBe(1);
    await ownerPage.reload();
    await card(ownerPage, 'Kanban drag and drop').waitFor();
    expect(await ownerPage.getByTestId('board-card').count()).toBe(1);
    await ownerPage.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => ownerPage.getByTestId('board-card').count()).toBe(4);
  });

  it('moves a card with the keyboard: space to lift, arrow to the next column, space to drop', async () => {
    expect(await columnOf(ownerPage, 'Sign-in with GitHub')).toBe('backlog');
    await liftWithKeyboard(ownerPage, 'Sign-in with GitHub');
    await moveLiftedCard(ownerPage, 'ArrowRight', 'ready');
    const moved = nextMoveAnswer(ownerPage);
    await ownerPage.keyboard.press('Space');
    await expectColumn(ownerPage, 'Sign-in with GitHub', 'ready');
    await moved;
    await ownerPage.reload();
    await card(ownerPage, 'Sign-in with GitHub').waitFor();
    expect(await columnOf(ownerPage, 'Sign-in with GitHub')).toBe('ready');
  });

  it('shows a move by one member to another within a second', async () => {
    await signUp(teammatePage, server.url, teammate);
    await ownerPage.goto(`${server.url}/projects/${projectId}/settings`);
    await ownerPage.getByLabel('Email to invite').fill(teammate.email);
    await ownerPage.getByRole('button', { name: 'Invite' }).click();
    await ownerPage.getByText(teammate.email).first().waitFor();
    await shot(ownerPage, '05-settings');

    const api = createTestClient(server);
    const outbox = await api.client.devOutbox.list.query({ limit: 20 });
    api.close();
    const mail = outbox.items.find((item) => item.to === teammate.email && /invitations\//.test(item.text));
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    expect(token).toBeTruthy();
    await teammatePage.goto(`${server.url}/invitations/${token}`);
    await teammatePage.getByRole('button', { name: 'Accept' }).click();
    await teammatePage.waitForURL(/\/board/);
    await card(teammatePage, 'Sign-in with GitHub').waitFor();

    await ownerPage.goto(`${server.url}/projects/${projectId}/board`);
    await card(ownerPage, 'Sign-in with GitHub').waitFor();
    await expect.poll(() => teammatePage.getByTestId('live-status').getAttribute('data-status')).toBe('live');
    await expect.poll(() => ownerPage.getByTestId('live-status').getAttribute('data-status')).toBe('live');

    await expect.poll(() => ownerPage.getByTestId('presence').getAttribute('aria-label'), { timeout: 5000 }).toContain(teammate.name);

    const moved = ownerPage.waitForResponse((response) => response.url().includes('stories.move'));
    await dragToColumn(ownerPage, 'Sign-in with GitHub', 'review');
    expect((await moved).ok()).toBe(true);
    await expectColumn(teammatePage, 'Sign-in with GitHub', 'review', 1000);
    await shot(teammatePage, '06-board-teammate-live');

    await card(ownerPage, 'Kanban drag and drop').click();
    const drawer = ownerPage.getByRole('dialog', { name: 'Story details' });
    await drawer.getByLabel('Assignee').selectOption({ label: teammate.name });
    // The invitation also notified her; the assignment arrives live and raises the count.
    await expect.poll(() => teammatePage.getByTestId('unread-count').textContent(), { timeout: 10_000 }).toBe('2');
    await ownerPage.keyboard.press('Escape');
    await teammatePage.getByTestId('notification-bell').click();
    await teammatePage.getByRole('link', { name: /Kanban drag and drop/ }).waitFor();
    await teammatePage.getByText('Mark all as read').click();
    await expect.poll(() => teammatePage.getByTestId('unread-count').count()).toBe(0);
    await shot(teammatePage, '06b-notifications');
  });

  it('hides dragging from a viewer, and the card stays put', async () => {
    await ownerPage.goto(`${server.url}/projects/${projectId}/settings`);
    await ownerPage.getByLabel(`Role of ${teammate.name}`).selectOption('viewer');
    await expect.poll(() => ownerPage.getByLabel(`Role of ${teammate.name}`).inputValue()).toBe('viewer');

    await teammatePage.goto(`${server.url}/projects/${projectId}/board`);
    await card(teammatePage, 'Sprint burndown chart').waitFor();
    await teammatePage.getByText('View only').waitFor();
    expect(await teammatePage.getByTestId('new-story').count()).toBe(0);
    expect(await card(teammatePage, 'Sprint burndown chart').getAttribute('aria-roledescription')).toBe('card');

    let moveRequests = 0;
    teammatePage.on('request', (request) => {
      if (request.url().includes('stories.move')) moveRequests += 1;
    });
    await dragToColumn(teammatePage, 'Sprint burndown chart', 'done');
    await teammatePage.waitForTimeout(300);
    expect(await columnOf(teammatePage, 'Sprint burndown chart')).toBe('in_progress');
    expect(moveRequests).toBe(0);
    await shot(teammatePage, '07-board-viewer');
  });

  it('rolls a move back with a message when someone changed the card first', async () => {
    // A second tab of the owner that hears no live events, so it keeps a stale version of the card.
    const stalePage = await ownerContext.newPage();
    const errors = watchConsole(stalePage, [/409/]);
    await stalePage.routeWebSocket(/\/trpc/, () => undefined);
    await stalePage.goto(`${server.url}/projects/${projectId}/board`);
    await card(stalePage, 'Email digest of activity').waitFor();

    await ownerPage.goto(`${server.url}/projects/${projectId}/board`);
    await card(ownerPage, 'Email digest of activity').waitFor();
    await dragToColumn(ownerPage, 'Email digest of activity', 'done');
    await expectColumn(ownerPage, 'Email digest of activity', 'done');

    expect(await columnOf(stalePage, 'Email digest of activity')).toBe('review');
    await dragToColumn(stalePage, 'Email digest of activity', 'backlog');
    const toast = stalePage.getByTestId('toast');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('changed by someone else');
    await expectColumn(stalePage, 'Email digest of activity', 'done');
    await shot(stalePage, '08-conflict');
    expect(errors).toEqual([]);
  });

  it('plans a sprint from the backlog', async () => {
    await ownerPage.goto(`${server.url}/projects/${projectId}/backlog`);
    const reporting = ownerPage.getByTestId('epic-group').filter({ hasText: 'Reporting' });
    await reporting.getByRole('button', { name: '+ Add story' }).click();
    await reporting.getByLabel('Add story').fill('Export the burndown as CSV');
    await reporting.getByRole('button', { name: 'Add', exact: true }).click();
    await reporting.getByText('Export the burndown as CSV').waitFor();

    await ownerPage.goto(`${server.url}/projects/${projectId}/sprints`);
    await ownerPage.getByRole('button', { name: '+ New sprint' }).click();
    const dialog = ownerPage.getByRole('dialog', { name: 'New sprint' });
    await dialog.getByLabel('Name').fill('Sprint 1');
    await dialog.getByLabel('Goal').fill('Ship the first burndown');
    await dialog.getByRole('button', { name: 'Create sprint' }).click();
    await ownerPage.getByRole('heading', { name: 'Sprint 1' }).waitFor();

    await ownerPage.goto(`${server.url}/projects/${projectId}/backlog`);
    const row = ownerPage.getByTestId('backlog-story').filter({ hasText: 'Export the burndown as CSV' });
    await row.getByRole('combobox').selectOption({ label: 'Sprint 1' });
    await expect.poll(() => ownerPage.getByTestId('backlog-story').filter({ hasText: 'Export the burndown as CSV' }).count()).toBe(0);

    await ownerPage.goto(`${server.url}/projects/${projectId}/sprints`);
    await ownerPage.getByText('Export the burndown as CSV').waitFor();
    await ownerPage.getByTestId('capacity').waitFor();
    await ownerPage.getByRole('button', { name: 'Start sprint' }).click();
    await ownerPage.getByRole('button', { name: 'Complete sprint' }).waitFor();
  });

  it('renders the other screens without console errors, at desktop and phone width', async () => {
    for (const [path, name] of [
      ['backlog', '09-backlog'],
      ['sprints', '10-sprints'],
      ['activity', '11-activity'],
    ] as const) {
      await ownerPage.goto(`${server.url}/projects/${projectId}/${path}`);
      await ownerPage.getByRole('heading', { level: 1 }).waitFor();
      await ownerPage.waitForLoadState('networkidle');
      await shot(ownerPage, name);
    }
    await ownerPage.goto(`${server.url}/projects`);
    await ownerPage.getByTestId('project-card').first().waitFor();
    await shot(ownerPage, '12-projects');
    const phone = await ownerContext.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/projects/${projectId}/board`);
    await card(phone, 'Kanban drag and drop').waitFor();
    await shot(phone, '13-board-phone');
    expect(consoleErrors.flat()).toEqual([]);
  });

  it('opens a long column with its first 50 cards and shows more on request', async () => {
    // 60 finished stories through the API, as the signed-in owner (session cookie, same origin).
    await ownerPage.evaluate(async (id) => {
      for (let index = 1; index <= 60; index += 1) {
        const response = await fetch('/trpc/stories.create', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ projectId: id, title: `Shipped story ${String(index).padStart(2, '0')}`, status: 'done', estimate: 1 }),
        });
        if (!response.ok) throw new Error(`create failed: ${response.status}`);
      }
    }, projectId);
    await ownerPage.goto(`${server.url}/projects/${projectId}/board`);
    const done = ownerPage.getByTestId('column-done');
    await done.getByTestId('show-more-done').waitFor();
    expect(await done.getByTestId('board-card').count()).toBe(50);
    // The column already held the stories finished earlier in this file.
    const [, shown, total] = /^(\d+)\/(\d+)$/.exec((await done.locator('.column-count').textContent()) ?? '') ?? [];
    expect(Number(shown)).toBe(50);
    expect(Number(total)).toBeGreaterThanOrEqual(60);
    await shot(ownerPage, '33-board-long-column');
    await done.getByTestId('show-more-done').click();
    await expect.poll(() => done.getByTestId('board-card').count()).toBe(Number(total));
    expect(await done.getByTestId('show-more-done').count()).toBe(0);
    await card(ownerPage, 'Shipped story 60').waitFor();
    // The search box filters on the server: a card beyond the first page is found.
    await ownerPage.getByTestId('filter-q').fill('Shipped story 60');
    await expect.poll(() => ownerPage.getByTestId('board-card').count()).toBe(1);
    await ownerPage.getByRole('button', { name: 'Clear filters' }).click();
  });
});
