import { z } from 'zod';

const booleanFromString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://');

const redisUrl = z
  .string()
  .url()
  .refine((value) => /^rediss?:\/\//.test(value), 'must start with redis:// or rediss://');

/**
 * Every environment variable the product reads. Parsed once at start-up by the composition root;
 * nothing else reads `process.env`. `.env.example` documents each of them.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where embedded PGlite keeps its files when no DATABASE_URL is set. */
  DATA_DIR: z.string().min(1).default('.data'),
  /**
   * PGlite's buffer cache, allocated whole at start. Raise it for large memories: hybrid search over
   * 100k chunks reads a 195 MB index and the chunks it finds (see packages/api/src/memory/README.md).
   */
  PGLITE_SHARED_BUFFERS_MB: z.coerce.number().int().min(16).max(1024).default(128),
  DATABASE_URL: postgresUrl.optional(),
  REDIS_URL: redisUrl.optional(),
  /** Largest accepted request body, in bytes; by default large enough for a DOCUMENT_MAX_BYTES upload (see `resolveBodyLimit`). */
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).optional(),
  /** Seed the demo workspace on first start. */
  SEED_DEMO: booleanFromString.default(true),
  /** Built web app to serve; defaults to apps/web/dist next to the server. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** OpenAI key; with it (or OPENAI_BASE_URL) the AI runs remotely, otherwise on the built-in offline provider. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  /** Any OpenAI-compatible server (Ollama `http://127.0.0.1:11434/v1`, vLLM...). */
  OPENAI_BASE_URL: z.string().url().optional(),
  /** `auto` = remote when OPENAI_API_KEY or OPENAI_BASE_URL is set; chat and embeddings separately. */
  AI_PROVIDER: z.enum(['auto', 'openai', 'offline']).default('auto'),
  AI_EMBEDDING_PROVIDER: z.enum(['auto', 'openai', 'offline']).default('auto'),
  AI_CHAT_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /** Must produce 384 dimensions (the product's one size), natively or through `dimensions`. */
  AI_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
  /** Send `dimensions: 384` with embedding requests (turn off for servers that reject it). */
  AI_EMBEDDING_SEND_DIMENSIONS: booleanFromString.default(true),
  /** Per attempt (per chunk when streaming). */
  AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  AI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Consecutive failed attempts that open the circuit breaker, and how long it stays open. */
  AI_BREAKER_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
  AI_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Answer with the offline provider (marked as a fallback) when the remote one is down. */
  AI_FALLBACK: booleanFromString.default(true),
  /** USD per million tokens, overriding the built-in list prices (e.g. for a paid compatible server). */
  AI_PRICE_PROMPT_PER_MTOK: z.coerce.number().min(0).optional(),
  AI_PRICE_COMPLETION_PER_MTOK: z.coerce.number().min(0).optional(),
  AI_PRICE_EMBEDDING_PER_MTOK: z.coerce.number().min(0).optional(),
  /** Hours before an unreviewed AI proposal expires (the expiry job marks it `expired`). */
  AI_PROPOSAL_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 365).default(72),
  /** Largest document accepted by `documents.ingest`, in bytes (it travels base64: the body limit must allow 4/3 of it). */
  DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(5 * 1024 * 1024),
  /** Public address of the web app: links in mails, the default CSRF/WebSocket origin allow-list. */
  APP_URL: z.string().url().default('http://localhost:5173'),
  /** Comma-separated origins allowed to send cookie-authenticated mutations (default: APP_URL and the server's own). */
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((origin) => origin.trim()).filter(Boolean) : []))
    .pipe(z.array(z.string().url())),
  /** SMTP server for outgoing mail (smtp:// or smtps://); without it mail goes to the dev outbox. */
  SMTP_URL: z
    .string()
    .url()
    .refine((value) => /^smtps?:\/\//.test(value), 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('DevMentor <no-reply@devmentor.local>'),
  /** GitHub OAuth app; sign-in with GitHub is off unless both are set. */
  GITHUB_CLIENT_ID: z.string().min(1).optional(),
  GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  /** 32 bytes as 64 hex characters or base64: encrypts stored third-party tokens (AES-256-GCM). */
  ENCRYPTION_KEY: z
    .string()
    .refine((value) => /^[0-9a-fA-F]{64}$/.test(value) || Buffer.from(value, 'base64').length === 32, 'must be 32 bytes as hex or base64')
    .optional(),
  /** Attempts per IP / per account on login, register, password reset and verification, per window. */
  AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  AUTH_RATE_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** After this many attempts in the window, each further attempt waits AUTH_SLOWDOWN_MS longer (capped at 5 s). */
  AUTH_SLOWDOWN_AFTER: z.coerce.number().int().min(0).default(5),
  AUTH_SLOWDOWN_MS: z.coerce.number().int().min(0).max(5000).default(250),
  /** General limit on every procedure: calls per minute per user (per IP when anonymous). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits are per IP). */
  TRUST_PROXY: booleanFromString.default(false),
  /**
   * Bearer token a Prometheus scraper presents to `GET /metrics`. Without it, /metrics answers only
   * loopback callers outside production, and nobody in production.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
});

export type Env = Omit<z.infer<typeof EnvSchema>, 'BODY_LIMIT_BYTES'> & { BODY_LIMIT_BYTES: number };

const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** Room for the JSON around an upload's base64 text (name, type, project id). */
const UPLOAD_ENVELOPE_BYTES = 4 * 1024;

/** The request body a document of `documentMaxBytes` needs: base64 turns 3 bytes into 4 characters. */
export function documentUploadBodyBytes(documentMaxBytes: number): number {
  return Math.ceil(documentMaxBytes / 3) * 4 + UPLOAD_ENVELOPE_BYTES;
}

/** BODY_LIMIT_BYTES as set, or 1 MiB raised to what the largest allowed document upload needs. */
function resolveBodyLimit(env: z.infer<typeof EnvSchema>): number {
  return env.BODY_LIMIT_BYTES ?? Math.max(DEFAULT_BODY_LIMIT_BYTES, documentUploadBodyBytes(env.DOCUMENT_MAX_BYTES));
}

/**
 * Cross-field rules: GitHub needs both credentials and a key to encrypt its tokens; a body limit set
 * by hand must let the largest allowed document through (otherwise uploads fail before the limit check
 * that explains them).
 */
function crossFieldProblems(env: z.infer<typeof EnvSchema>): string[] {
  const problems: string[] = [];
  const uploadBytes = documentUploadBodyBytes(env.DOCUMENT_MAX_BYTES);
  if (env.BODY_LIMIT_BYTES !== undefined && env.BODY_LIMIT_BYTES < uploadBytes) {
    problems.push(`BODY_LIMIT_BYTES: must be at least ${uploadBytes} to accept documents of DOCUMENT_MAX_BYTES=${env.DOCUMENT_MAX_BYTES} (uploads travel base64); raise it, lower DOCUMENT_MAX_BYTES, or leave it unset`);
  }
  if (Boolean(env.GITHUB_CLIENT_ID) !== Boolean(env.GITHUB_CLIENT_SECRET)) {
    problems.push('GITHUB_CLIENT_SECRET: GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET must be set together');
  }
  if (env.GITHUB_CLIENT_ID && !env.ENCRYPTION_KEY) problems.push('ENCRYPTION_KEY: required when GitHub sign-in is configured');
  return problems;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment record; an invalid value throws one line naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = EnvSchema.safeParse(cleaned);
  if (result.success) {
    const crossField = crossFieldProblems(result.data);
    if (crossField.length === 0) return { ...result.data, BODY_LIMIT_BYTES: resolveBodyLimit(result.data) };
    throw new ConfigError(`Invalid environment: ${crossField.join('; ')}`);
  }
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
}

/** The only reader of `process.env` in the product. */
export function loadEnv(): Env {
  return parseEnv(process.env);
}

/** Variables the test suite reads: real services to run the same tests against. */
export const TestEnvSchema = z.object({
  TEST_DATABASE_URL: postgresUrl.optional(),
  TEST_REDIS_URL: redisUrl.optional(),
  /** Chromium for browser tests; CI installs Debian's package here. */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  CI: booleanFromString.optional(),
});

export type TestEnv = z.infer<typeof TestEnvSchema>;

export function loadTestEnv(): TestEnv {
  const cleaned = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ''));
  return TestEnvSchema.parse(cleaned);
}

/** Variables `pnpm bench` reads. */
export const BenchEnvSchema = z.object({
  /** PostgreSQL the benchmark creates (and drops) its own databases on; skipped when unreachable. */
  BENCH_DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/postgres'),
  /** Redis for the two-instance live benchmark; that part is skipped when unreachable. */
  BENCH_REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  /** Chunk counts the search benchmark runs, comma-separated (default `10000,100000`). */
  BENCH_SEARCH_SIZES: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated chunk counts')
    .default('10000,100000'),
  /**
   * Opt-in: a directory where the search benchmark keeps each loaded and HNSW-indexed PGlite corpus
   * (keyed by size, corpus text and HNSW parameters) and reuses a copy of it, migrated, on later runs.
   */
  BENCH_SEARCH_CORPUS_DIR: z.string().min(1).optional(),
  /** `NODE_OPTIONS` for the bench's server process, e.g. `--import /abs/profiler.mjs` to profile it under load. */
  BENCH_SERVER_NODE_OPTIONS: z.string().min(1).optional(),
});

export type BenchEnv = z.infer<typeof BenchEnvSchema>;

export function loadBenchEnv(): BenchEnv {
  const cleaned = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ''));
  return BenchEnvSchema.parse(cleaned);
}
