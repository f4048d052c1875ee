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
  DATABASE_URL: postgresUrl.optional(),
  REDIS_URL: redisUrl.optional(),
  /** Largest accepted request body, in bytes. */
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  /** Seed the demo workspace on first start. */
  SEED_DEMO: booleanFromString.default(true),
  /** Built web app to serve; defaults to apps/web/dist next to the server. */
  WEB_DIST_DIR: z.string().min(1).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment record; an invalid value throws one line naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = EnvSchema.safeParse(cleaned);
  if (result.success) return result.data;
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
