import type { TestServer } from '@devmentor/server/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openServedApp } from './served-app';

/** A real server with the built web app, and one Chromium with a window each for the owner and a teammate. */
export interface TwoPeople {
  server: TestServer;
  browser: Browser;
  /** The owner's browser profile, for more windows of the same signed-in person. */
  ownerContext: BrowserContext;
  ownerPage: Page;
  teammatePage: Page;
  close(): Promise<void>;
}

export async function openTwoPeople(): Promise<TwoPeople> {
  const { server, browser, close } = await openServedApp();
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const teammateContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return {
    server,
    browser,
    ownerContext,
    ownerPage: await ownerContext.newPage(),
    teammatePage: await teammateContext.newPage(),
    close,
  };
}
