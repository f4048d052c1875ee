import type { Env } from '@devmentor/config';
import { pino, type Logger } from 'pino';

/** Structured JSON logs; request lines carry `reqId` (Fastify child loggers add it). */
export function createLogger(env: Pick<Env, 'LOG_LEVEL'>): Logger {
  return pino({
    level: env.LOG_LEVEL,
    base: { service: 'devmentor-server' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}
