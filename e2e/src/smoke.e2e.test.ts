import type { TestServer } from '@devmentor/server/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, screenshotDir } from './browser';
import { openServedApp, type ServedApp } from './served-app';

describe.runIf(browserAvailable())('built web app in Chromium', () => {
  let app: ServedApp;
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    app = await openServedApp();
    ({ server, browser } = app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sends a signed-out visitor to the sign-in page, with no console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${server.url}/projects`);
    await page.waitForURL(/\/login\?next=%2Fprojects$/);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // GitHub is not configured in tests, so its button stays hidden.
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('Continue with GitHub').count()).toBe(0);
    await page.screenshot({ path: `${screenshotDir}/00-login.png` });
    expect(consoleErrors).toEqual([]);
  });

  it('serves index.html for client-side routes and keeps API 404s as JSON', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}/projects/some/board`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('DevMentor');
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const api = await fetch(`${server.url}/api/nothing`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
