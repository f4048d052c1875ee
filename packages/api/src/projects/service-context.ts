import type { Auth, Context } from '../trpc/context';
import type { ProjectAccess } from '../trpc/procedures';

/** What services of the access domains read from the context: a signed-in caller. */
export type AuthedContext = Pick<Context, 'db' | 'bus' | 'env' | 'log' | 'sessionCache'> & { auth: Auth };

/** A signed-in caller whose access to `ctx.project` the procedure builder has checked. */
export type ProjectContext = AuthedContext & { project: ProjectAccess };
