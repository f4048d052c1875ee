import type { Context } from '../trpc/context';

/**
 * What the sprint, dependency and activity services need from a procedure's context: the database,
 * the bus to publish committed events, and the caller (the actor of the events they write).
 */
export type ServiceContext = Pick<Context, 'db' | 'bus'> & { auth: { user: { id: string } } };
