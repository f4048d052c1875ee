import { startTestServer, type TestServer } from '@devmentor/server/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshotDir, webDist } from './browser';

describe.runIf(browserAvailable())('built web app in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer({ webRoot: webDist });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the server health and a live value from the subscription, with no console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(server.url);
    await expect.poll(() => page.getByTestId('health-status').textContent(), { timeout: 10_000 }).toBe('ok');
    const mode = server.running.services.capabilities.database;
    expect(await page.getByTestId('health-database').textContent()).toBe(mode === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL');

    const clock = page.getByTestId('live-clock');
    await expect.poll(() => clock.textContent(), { timeout: 10_000 }).toMatch(/\d{1,2}:\d{2}:\d{2}/);
    const first = await clock.textContent();
    await expect.poll(() => clock.textContent(), { timeout: 5_000 }).not.toBe(first);

    await page.screenshot({ path: `${screenshotDir}/shell.png`, fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('serves index.html for client-side routes and keeps API 404s as JSON', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}/projects/some/board`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('DevMentor');
    const api = await fetch(`${server.url}/api/nothing`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
