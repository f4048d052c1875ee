import { fileURLToPath } from 'node:url';
import { ConfigError, loadEnv, type Env } from '@devmentor/config';
import { createLogger } from './logger';
import { createServer } from './create-server';
import { createServices } from './services';

function readConfig(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const env = readConfig();
const logger = createLogger(env);
// src/main.ts in development and dist/main.js once built are both one level below the package.
const webRoot = env.WEB_DIST_DIR ?? fileURLToPath(new URL('../../web/dist', import.meta.url));

const running = await createServices({ env, logger });
const app = await createServer({ running, logger, webRoot });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const forceExit = setTimeout(() => process.exit(1), 10_000).unref();
  try {
    app.websocketServer?.clients.forEach((socket) => socket.close(1012, 'server restarting'));
    await app.close();
    await running.close();
    clearTimeout(forceExit);
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ host: env.HOST, port: env.PORT });
