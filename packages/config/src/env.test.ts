import { describe, expect, it } from 'vitest';
import { ConfigError, documentUploadBodyBytes, parseEnv } from './env';

describe('parseEnv', () => {
  it('applies the embedded defaults when nothing is configured', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('.data');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.SEED_DEMO).toBe(true);
    expect(env.PGLITE_SHARED_BUFFERS_MB).toBe(128);
  });

  it('bounds the PGlite buffer cache (WebAssembly memory stops at 2 GB)', () => {
    expect(parseEnv({ PGLITE_SHARED_BUFFERS_MB: '1024' }).PGLITE_SHARED_BUFFERS_MB).toBe(1024);
    expect(() => parseEnv({ PGLITE_SHARED_BUFFERS_MB: '4096' })).toThrow(/PGLITE_SHARED_BUFFERS_MB/);
  });

  it('sizes the body limit for the largest document upload unless set, and refuses one too small for it', () => {
    expect(parseEnv({}).BODY_LIMIT_BYTES).toBe(documentUploadBodyBytes(5 * 1024 * 1024));
    expect(documentUploadBodyBytes(3 * 1024)).toBe(4 * 1024 + 4 * 1024);
    expect(parseEnv({ DOCUMENT_MAX_BYTES: '3072' }).BODY_LIMIT_BYTES).toBe(1024 * 1024);
    expect(parseEnv({ BODY_LIMIT_BYTES: '65536', DOCUMENT_MAX_BYTES: '1024' }).BODY_LIMIT_BYTES).toBe(65536);
    expect(() => parseEnv({ BODY_LIMIT_BYTES: '1048576' })).toThrow(/BODY_LIMIT_BYTES: must be at least 6994604 .*DOCUMENT_MAX_BYTES=5242880/);
  });

  it('names the variable when a port is not a number', () => {
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(/^Invalid environment: PORT: /);
  });

  it('rejects a malformed or non-postgres DATABASE_URL', () => {
    expect(() => parseEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(/DATABASE_URL/);
    expect(parseEnv({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }).DATABASE_URL).toBe('postgres://u@127.0.0.1:5432/db');
  });

  it('reports every bad variable on one line', () => {
    try {
      parseEnv({ PORT: '-1', REDIS_URL: 'http://x', SEED_DEMO: 'maybe' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      for (const name of ['PORT', 'REDIS_URL', 'SEED_DEMO']) expect(message).toContain(name);
    }
  });

  it('treats empty strings as unset, as shells and .env files produce them', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});
