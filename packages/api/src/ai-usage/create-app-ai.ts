import { aiConfigFromEnv, createAiGateway, type AiClock, type AiGateway } from '@devmentor/ai';
import type { Env } from '@devmentor/config';
import type { Database } from '@devmentor/db';
import type { Logger } from '../trpc/context';
import { createDbAiAccounting } from './db-accounting';

/**
 * The product's AI gateway, built once by the composition root: providers from the environment
 * (offline when nothing is configured), usage and budgets on the database. With `log`, a failure
 * to record usage is logged and the answer still served; without it (tests) the call fails, and a
 * batch of offline embedding rows that fails in the background is dropped unheard.
 */
export function createAppAi(options: { env: Env; db: Database; log?: Logger; clock?: AiClock }): AiGateway {
  const clock = options.clock;
  const now = clock ? () => new Date(clock.now()) : undefined;
  const log = options.log;
  const notRecorded = log ? (err: unknown) => log.error({ err }, 'AI usage was not recorded') : undefined;
  return createAiGateway(aiConfigFromEnv(options.env), {
    accounting: createDbAiAccounting(options.db, { now, onBatchError: notRecorded }),
    clock: options.clock,
    onAccountingError: notRecorded,
  });
}
