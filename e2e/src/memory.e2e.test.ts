import { and, chunks, eq } from '@devmentor/db';
import type { TestServer } from '@devmentor/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, createStory, shot, signUp, watchConsole } from './app-helpers';
import { browserAvailable } from './browser';
import { openServedApp, type ServedApp } from './served-app';

const RUNBOOK = `# Database failover runbook

When the primary database replica stops answering, promote the standby in the eu-west region
and point the connection pooler at it. Page the on-call engineer before promoting.
`;

describe.runIf(browserAvailable())('project memory in Chromium', () => {
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

  async function search(page: Page, query: string, source = '') {
    await page.getByLabel('Search in').selectOption(source);
    await page.getByRole('searchbox', { name: 'Search memory' }).fill(query);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  }

  it('remembers a decision, ingests an uploaded document, finds them and a story, and drops a deleted document from the results', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(8000);
    const errors = watchConsole(page);
    page.on('dialog', (dialog) => void dialog.accept());
    await signUp(page, server.url, { name: 'Mira Lead', email: 'mira@example.test', password: 'correct horse battery staple' });
    const projectId = await createProject(page, 'Handbook', 'HB');
    await createStory(page, { title: 'Rotate the signing keys every quarter' });

    await page.getByRole('link', { name: 'Memory' }).click();
    await page.waitForURL(/\/memory$/);
    await page.getByRole('textbox', { name: 'Remember' }).fill('We picked argon2id for password hashing: memory-hard, and the OWASP default.');
    await page.getByLabel('Tags').fill('security, auth');
    await page.getByRole('button', { name: 'Remember', exact: true }).click();
    const note = page.getByTestId('memory-note').filter({ hasText: 'argon2id' });
    await note.waitFor();
    expect(await note.innerText()).toContain('#security');
    // A key decision can weigh more in answers; the weight is stored, not only shown.
    const weighed = page.waitForResponse((response) => response.url().includes('memory.setRelevance') && response.ok());
    await note.getByLabel('Weight in answers').selectOption('1');
    await weighed;
    await page.reload();
    await expect.poll(() => note.getByLabel('Weight in answers').inputValue()).toBe('1');

    await page.getByLabel('Upload documents').setInputFiles([
      { name: 'failover.md', mimeType: 'text/markdown', buffer: Buffer.from(RUNBOOK) },
      { name: 'diagram.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      { name: 'dump.txt', mimeType: 'text/plain', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0x61) },
    ]);
    await page.getByTestId('toast').filter({ hasText: 'diagram.png: only Markdown, text, HTML and PDF files can be read' }).waitFor();
    await page.getByTestId('toast').filter({ hasText: 'dump.txt is larger than the 5.0 MB limit' }).waitFor();
    const document = page.getByTestId('document').filter({ hasText: 'failover.md' });
    // Ingestion runs as a background job; its completion reaches the page as a live event.
    await document.and(page.locator('[data-status="done"]')).waitFor();
    expect(await document.innerText()).toContain('1 passage');
    // What the AI read from it can be checked.
    await document.getByRole('button', { name: 'Read', exact: true }).click();
    const reader = page.getByRole('dialog', { name: 'failover.md' });
    await reader.getByText(/promote the standby in the eu-west region/).waitFor();
    await shot(page, 'memory-document-reader');
    await reader.getByRole('button', { name: 'Close' }).click();

    await search(page, 'argon2id password');
    await page.getByTestId('memory-hit').filter({ hasText: 'argon2id' }).and(page.locator('[data-source="memory"]')).waitFor();
    const vector = server.running.services.capabilities.vector;
    expect(await page.getByTestId('search-mode').count()).toBe(vector ? 0 : 1);

    await search(page, 'promote the standby replica');
    const documentHit = page.getByTestId('memory-hit').filter({ hasText: 'failover.md' });
    await documentHit.waitFor();
    await shot(page, 'memory-search');
    // The hit opens the document's text.
    await documentHit.getByRole('button', { name: 'failover.md' }).click();
    await page.getByRole('dialog', { name: 'failover.md' }).getByText(/point the connection pooler at it/).waitFor();
    await page.getByRole('dialog', { name: 'failover.md' }).getByRole('button', { name: 'Close' }).click();
    // Deleting the document takes it out of the results on screen, not only out of the list.
    await document.getByRole('button', { name: 'Delete' }).click();
    await document.waitFor({ state: 'detached' });
    await documentHit.waitFor({ state: 'detached' });

    // Items are indexed by a background consumer: wait for the story's chunks before searching for it.
    const itemChunks = () => server.running.services.db.select({ id: chunks.id }).from(chunks).where(and(eq(chunks.projectId, projectId), eq(chunks.sourceType, 'item')));
    await expect.poll(async () => (await itemChunks()).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await search(page, 'signing keys quarter', 'item');
    await page.getByTestId('memory-hit').getByRole('button', { name: 'HB-1 Rotate the signing keys every quarter' }).click();
    const drawer = page.getByRole('dialog', { name: 'Story details' });
    await expect.poll(() => drawer.getByLabel('Title').inputValue()).toBe('Rotate the signing keys every quarter');
    await drawer.getByRole('button', { name: 'Close' }).click();

    // A chat answer cites the decision; its source chip opens it here, whole.
    await page.getByRole('link', { name: 'Chat' }).click();
    const question = page.getByPlaceholder('Ask about the project…');
    await question.fill('Why did we pick argon2id for password hashing?');
    await question.press('Enter');
    await page.getByLabel('Sources').getByRole('link', { name: /argon2id/ }).click();
    await page.waitForURL(/\/memory\?memory=[0-9a-f-]{36}$/);
    await page.getByTestId('cited-source').getByText('We picked argon2id for password hashing: memory-hard, and the OWASP default.').waitFor();
    await shot(page, 'memory-cited');
    expect(errors).toEqual([]);
  });

  it("masks an email in a note by default, and keeps it once the project's AI settings leave emails unmasked", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(8000);
    const errors = watchConsole(page);
    await signUp(page, server.url, { name: 'Omar Ops', email: 'omar@example.test', password: 'correct horse battery staple' });
    const projectId = await createProject(page, 'Operations', 'OPS');
    const remember = async (text: string) => {
      await page.goto(`${server.url}/projects/${projectId}/memory`);
      await page.getByRole('textbox', { name: 'Remember' }).fill(text);
      await page.getByRole('button', { name: 'Remember', exact: true }).click();
    };
    await remember('Ask ops@example.com for staging access.');
    await page.getByTestId('memory-note').getByText('Ask [EMAIL] for staging access.').waitFor();

    await page.goto(`${server.url}/projects/${projectId}/settings`);
    const ai = page.getByRole('form', { name: 'AI and privacy' });
    await ai.getByLabel('Email addresses').uncheck();
    await ai.getByLabel('Monthly token limit').fill('250000');
    await ai.getByRole('button', { name: 'Save AI settings' }).click();
    await page.getByTestId('toast').filter({ hasText: 'AI settings saved' }).waitFor();
    await page.reload();
    expect(await page.getByRole('form', { name: 'AI and privacy' }).getByLabel('Email addresses').isChecked()).toBe(false);
    expect(await page.getByRole('form', { name: 'AI and privacy' }).getByLabel('Monthly token limit').inputValue()).toBe('250000');

    await remember('Staging keys rotate monthly; ask ops@example.com.');
    await page.getByTestId('memory-note').getByText('Staging keys rotate monthly; ask ops@example.com.').waitFor();
    expect(errors).toEqual([]);
  });
});
