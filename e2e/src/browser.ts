import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadTestEnv } from '@devmentor/config';
import { chromium, type Browser } from 'playwright-core';

export const webDist = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));
export const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

const { CHROMIUM_PATH, CI } = loadTestEnv();

/**
 * Whether browser tests can run here. In CI a missing Chromium or web build is a failure, not a
 * skip: `.ci/run` installs Debian's chromium and the test command builds the web app first.
 */
export function browserAvailable(): boolean {
  const ready = existsSync(CHROMIUM_PATH) && existsSync(`${webDist}/index.html`);
  if (!ready && CI) throw new Error(`browser tests need ${CHROMIUM_PATH} and a built web app in ${webDist}`);
  if (!ready) console.warn(`browser tests skipped: install chromium (${CHROMIUM_PATH}) and run pnpm build`);
  return ready;
}

export function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
