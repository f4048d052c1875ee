import { startTestServer, type TestServer } from '@devmentor/server/testing';
import type { Browser } from 'playwright-core';
import { launchBrowser, webDist } from './browser';

/** A real server with the built web app, and one Chromium to open it in. */
export interface ServedApp {
  server: TestServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function openServedApp(): Promise<ServedApp> {
  const server = await startTestServer({ webRoot: webDist });
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
