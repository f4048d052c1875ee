import type { Locator, Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import { screenshotDir } from './browser';

/** Fails on console errors; resource errors listed in `allow` (e.g. an expected 401) are tolerated. */
export function watchConsole(page: Page, allow: RegExp[] = []): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !allow.some((pattern) => pattern.test(message.text()))) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: false });
}

export async function signUp(page: Page, baseUrl: string, user: { name: string; email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/projects$/);
}

export async function createProject(page: Page, name: string, key: string): Promise<string> {
  await page.getByRole('button', { name: '+ New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Key').fill(key);
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/board/);
  const id = /\/projects\/([0-9a-f-]{36})\//.exec(page.url())?.[1];
  if (!id) throw new Error(`no project id in ${page.url()}`);
  return id;
}

export async function createStory(page: Page, story: { title: string; status?: string; estimate?: number; labels?: string }): Promise<void> {
  await page.getByTestId('new-story').click();
  const dialog = page.getByRole('dialog', { name: 'New story' });
  await dialog.getByLabel('Title').fill(story.title);
  if (story.status) await dialog.getByLabel('Status').selectOption(story.status);
  if (story.estimate !== undefined) await dialog.getByLabel('Estimate (points)').fill(String(story.estimate));
  if (story.labels) await dialog.getByLabel('Labels').fill(story.labels);
  await dialog.getByRole('button', { name: 'Create story' }).click();
  await dialog.waitFor({ state: 'detached' });
  await card(page, story.title).waitFor();
}

export function card(page: Page, title: string): Locator {
  return page.getByTestId('board-card').filter({ hasText: title });
}

/** The status column a card is in, read from the DOM. */
export async function columnOf(page: Page, title: string): Promise<string | null> {
  const target = card(page, title);
  if ((await target.count()) === 0) return null;
  return target.first().getAttribute('data-status');
}

/**
 * The server's answer to the next card move. The board shows a move at once (optimistically), so
 * a test that reloads must wait for this first, or the reload cancels the move in flight.
 */
export function nextMoveAnswer(page: Page): Promise<Response> {
  return page.waitForResponse((response) => response.url().includes('/trpc/stories.move') && response.request().method() === 'POST');
}

/**
 * Lifts a card with the keyboard (focus, Space). The board may still re-render from a refetch (a
 * filter just cleared, say) and drop the focus, so a lift that shows no drag overlay is tried again.
 */
export async function liftWithKeyboard(page: Page, title: string, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await card(page, title).focus();
    await page.keyboard.press('Space');
    try {
      await page.locator('.item-card.overlay').waitFor({ timeout: 3000 });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

/**
 * Moves a lifted card with an arrow key until `status`'s column shows it is over it. Right after
 * the lift, dnd-kit is still measuring the overlay and the columns (a frame or two, longer on a
 * busy machine) and ignores an arrow key pressed meanwhile; such a press is tried again. A press
 * that lands on another column is a real failure and is not retried.
 */
export async function moveLiftedCard(page: Page, key: 'ArrowLeft' | 'ArrowRight', status: string, attempts = 3): Promise<void> {
  const target = page.locator(`[data-testid="column-${status}"] .column-body.over`);
  for (let attempt = 1; ; attempt++) {
    const before = await columnOver(page);
    await page.keyboard.press(key);
    try {
      await target.waitFor({ timeout: 2000 });
      return;
    } catch (error) {
      const after = await columnOver(page);
      if (after !== before || attempt >= attempts) throw error;
    }
  }
}

/** The column the dragged card is over, as its test id, or null. */
async function columnOver(page: Page): Promise<string | null> {
  const column = page.locator('[data-testid^="column-"]').filter({ has: page.locator('.column-body.over') });
  return (await column.count()) === 0 ? null : column.first().getAttribute('data-testid');
}

/** Drags a card with the mouse onto a column (its end), in small steps as a person would. */
export async function dragToColumn(page: Page, title: string, status: string): Promise<void> {
  const from = await card(page, title).first().boundingBox();
  const to = await page.getByTestId(`column-${status}`).locator('.column-body').boundingBox();
  if (!from || !to) throw new Error('card or column not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height - 20, 60), { steps: 12 });
  await page.mouse.up();
}

export async function expectColumn(page: Page, title: string, status: string, timeout = 5000): Promise<void> {
  await expect.poll(() => columnOf(page, title), { timeout }).toBe(status);
}
