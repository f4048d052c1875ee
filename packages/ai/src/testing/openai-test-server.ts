import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. Unscripted requests get the default behaviour of their route. */
export type TestReply =
  | { kind: 'error'; status: number; headers?: Record<string, string>; message?: string }
  /** Never answers (until the client gives up or the server closes). */
  | { kind: 'hang' }
  /** A chat answer with this content (streamed as SSE when the request asks for a stream). */
  | { kind: 'chat'; content: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  /** Embeddings of this many dimensions instead of the requested ones. */
  | { kind: 'embeddings'; dimension: number }
  /** Sends the first SSE chunk, then stalls. */
  | { kind: 'stall-stream'; firstChunk: string };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface OpenAiTestServer {
  /** `http://127.0.0.1:<port>/v1`: pass as OPENAI_BASE_URL / baseURL. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Queue answers for the next requests of a route, in order. */
  enqueue(route: 'chat' | 'embeddings', ...replies: TestReply[]): void;
  /** Answer every following request of a route with this (until cleared with null). */
  always(route: 'chat' | 'embeddings', reply: TestReply | null): void;
  close(): Promise<void>;
}

type Message = { role: string; content: string };

function lastUserContent(body: Record<string, unknown>): string {
  const messages = (body.messages as Message[] | undefined) ?? [];
  return [...messages].reverse().find((message) => message.role === 'user')?.content ?? '';
}

/** Deterministic vector for a text, so tests can compare what came back. */
function fakeVector(text: string, dimension: number): number[] {
  let seed = 7;
  for (const char of text) seed = (seed * 31 + char.charCodeAt(0)) % 100_003;
  return Array.from({ length: dimension }, (_, i) => ((seed + i * 17) % 97) / 97 - 0.5);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function chatChunk(model: string, delta: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason: null }], ...extra };
}

function answerChat(res: ServerResponse, body: Record<string, unknown>, content: string, usage?: { prompt_tokens: number; completion_tokens: number }): void {
  const model = String(body.model);
  const tokens = usage ?? { prompt_tokens: 11, completion_tokens: content.split(/\s+/).filter(Boolean).length };
  if (body.stream) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const write = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    write(chatChunk(model, { role: 'assistant', content: '' }));
    for (const piece of content.match(/\S+\s*/g) ?? []) write(chatChunk(model, { content: piece }));
    const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
    if (streamOptions?.include_usage) write({ ...chatChunk(model, {}), choices: [], usage: { ...tokens, total_tokens: tokens.prompt_tokens + tokens.completion_tokens } });
    res.end('data: [DONE]\n\n');
    return;
  }
  sendJson(res, 200, {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { ...tokens, total_tokens: tokens.prompt_tokens + tokens.completion_tokens },
  });
}

/**
 * A local OpenAI-compatible server on 127.0.0.1 for tests: `/v1/chat/completions` (JSON or SSE
 * stream) and `/v1/embeddings`, with scripted failures (429 with retry-after, 5xx, hangs) so the
 * real `openai` client code runs without the internet. Default chat answer: `echo: <last user
 * message>`; a request with `response_format` gets the next scripted `chat` content.
 */
export async function startOpenAiTestServer(): Promise<OpenAiTestServer> {
  const queues: Record<'chat' | 'embeddings', TestReply[]> = { chat: [], embeddings: [] };
  const sticky: Record<'chat' | 'embeddings', TestReply | null> = { chat: null, embeddings: null };
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();

  const server = createServer(async (req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    let raw = '';
    for await (const piece of req) raw += piece;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const path = req.url ?? '';
    requests.push({ path, headers: req.headers, body });
    const route = path.endsWith('/chat/completions') ? 'chat' : path.endsWith('/embeddings') ? 'embeddings' : null;
    if (!route) return sendJson(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
    const reply = queues[route].shift() ?? sticky[route];

    if (reply?.kind === 'hang') return;
    if (reply?.kind === 'error') {
      return sendJson(res, reply.status, { error: { message: reply.message ?? `scripted ${reply.status}`, type: 'server_error', code: null } }, reply.headers);
    }
    if (route === 'chat') {
      if (reply?.kind === 'stall-stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`data: ${JSON.stringify(chatChunk(String(body.model), { role: 'assistant', content: reply.firstChunk }))}\n\n`);
        return;
      }
      const content = reply?.kind === 'chat' ? reply.content : `echo: ${lastUserContent(body)}`;
      return answerChat(res, body, content, reply?.kind === 'chat' ? reply.usage : undefined);
    }
    const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
    const dimension = reply?.kind === 'embeddings' ? reply.dimension : Number(body.dimensions ?? 1536);
    sendJson(res, 200, {
      object: 'list',
      model: body.model,
      data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: fakeVector(text, dimension) })),
      usage: { prompt_tokens: inputs.length * 3, total_tokens: inputs.length * 3 },
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (route, ...replies) => void queues[route].push(...replies),
    always: (route, reply) => void (sticky[route] = reply),
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
