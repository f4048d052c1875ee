import http from 'node:http';

/** The part of a fetch answer the tRPC client and `ServerTimings` read. */
export interface LeanResponse {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

/**
 * A fetch for the tRPC client (its `FetchEsque`) on `node:http` with keep-alive connections: the
 * bench's measuring instrument. Node's built-in fetch (undici, written in JavaScript) spends about
 * 0.3 ms of the bench process's CPU on every call building web `Request`/`Response` objects and
 * streams, which a browser's native fetch does not; here the answer is read whole and parsed once.
 * String bodies only (tRPC sends JSON); no abort signal (the bench never cancels).
 */
export function createHttpFetch(): (url: string | URL | Request, init?: RequestInit) => Promise<LeanResponse> {
  const agent = new http.Agent({ keepAlive: true });
  return (url, init = {}) => {
    const target = new URL(String(url));
    const given = init.headers ?? {};
    const headers = Array.isArray(given) || given instanceof Headers ? Object.fromEntries(given) : given;
    if (init.body !== undefined && typeof init.body !== 'string') throw new TypeError('createHttpFetch sends string bodies only');
    return new Promise((resolve, reject) => {
      const request = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method: init.method ?? 'GET', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            ok: status >= 200 && status < 300,
            status,
            headers: { get: (name) => [response.headers[name.toLowerCase()]].flat()[0] ?? null },
            json: async () => JSON.parse(text) as unknown,
          });
        });
      });
      request.on('error', reject);
      request.end(init.body);
    });
  };
}
