import type { Context } from '../trpc/context';

/** What the work-item services need: the database, the bus for committed events, and the actor. */
export type ItemContext = Pick<Context, 'db' | 'bus'> & { auth: { user: { id: string } } };
