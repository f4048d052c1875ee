import { randomBytes } from 'node:crypto';
import { hashPassword } from '@devmentor/api';
import { DEMO_EMAIL, seedDemo, type Database } from '@devmentor/db';
import type { Logger } from 'pino';

/** Seeds the demo workspace once and prints its login once; later starts find it and stay quiet. */
export async function seedDemoWorkspace(db: Database, logger: Logger): Promise<void> {
  const password = randomBytes(9).toString('base64url');
  const result = await seedDemo(db, { passwordHash: await hashPassword(password) });
  if (!result.created) return;
  logger.info({ email: DEMO_EMAIL, projectId: result.projectId }, 'demo workspace seeded');
  // Printed once, on the console, so a new user can sign in; it is never stored in clear.
  process.stdout.write(`\n  Demo login: ${DEMO_EMAIL} / ${password}\n  (shown once; change it in Settings)\n\n`);
}
