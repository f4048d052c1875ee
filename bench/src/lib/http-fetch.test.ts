import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetch } from './http-fetch';

describe('createHttpFetch', () => {
  const seen: { method?: string; url?: string; authorization?: string; body: string }[] = [];
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += String(chunk)));
      request.on('end', () => {
        seen.push({ method: request.method, url: request.url, authorization: request.headers.authorization, body });
        const status = request.url?.startsWith('/missing') ? 404 : 200;
        response.writeHead(status, { 'content-type': 'application/json', 'server-timing': 'app;dur=1.25' });
        // Written in two pieces split inside the two bytes of 'ï', with a pause so they arrive apart.
        const bytes = Buffer.from(JSON.stringify({ status, echo: body, word: 'naïve ✓' }));
        const split = bytes.indexOf(0xc3) + 1;
        response.write(bytes.subarray(0, split));
        setTimeout(() => response.end(bytes.subarray(split)), 20);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends method, path with query, headers and body, and answers with status, headers and JSON', async () => {
    const send = createHttpFetch();
    const response = await send(`${base}/trpc/stories.create?batch=0`, { method: 'POST', headers: { authorization: 'Bearer t' }, body: '{"a":1}' });
    expect(seen.at(-1)).toEqual({ method: 'POST', url: '/trpc/stories.create?batch=0', authorization: 'Bearer t', body: '{"a":1}' });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('Server-Timing')).toBe('app;dur=1.25');
    expect(response.headers.get('x-absent')).toBeNull();
    // The body is decoded whole, so a character split across chunks survives.
    expect(await response.json()).toEqual({ status: 200, echo: '{"a":1}', word: 'naïve ✓' });
  });

  it('reports a failed status as not ok, with its JSON', async () => {
    const response = await createHttpFetch()(`${base}/missing`, { headers: [['authorization', 'Bearer u']] });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', authorization: 'Bearer u' });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404 });
  });

  it('refuses a body that is not a string rather than sending something else', () => {
    expect(() => createHttpFetch()(`${base}/x`, { method: 'POST', body: new Uint8Array([1]) })).toThrow(/string bodies only/);
  });

  it('rejects when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(createHttpFetch()(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
