import { initTRPC } from '@trpc/server';
import { guardRequest } from '../auth/request-guards';
import { resolvePendingCredential } from '../auth/resolve-pending-credential';
import { AppError, toTRPCError } from '../errors';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
  // Stack traces and raw messages of unexpected errors never reach clients.
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      message: error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        details: cause instanceof AppError ? (cause.details ?? null) : null,
      },
    };
  },
});

/** Converts service errors to TRPCError once, for every procedure; logs the unexpected ones. */
const errorConversion = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const error = toTRPCError(result.error);
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    ctx.log.error({ err: result.error.cause ?? result.error, path }, 'procedure failed');
  }
  return { ...result, error };
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;
/** Over HTTP: who is calling, resolved with the membership of the project the call names (one query). */
const resolveCaller = t.middleware(async ({ ctx, getRawInput, next }) => {
  if (!ctx.credential || ctx.auth) return next();
  const { auth, membership } = await resolvePendingCredential(ctx, getRawInput);
  return next({ ctx: { ...ctx, auth, membershipHint: membership } });
});

/** CSRF origin check and the general per-caller rate limit, on every procedure. */
const requestGuards = t.middleware(async ({ ctx, type, next }) => {
  await guardRequest(ctx, type);
  return next();
});

export const publicProcedure = t.procedure.use(errorConversion).use(resolveCaller).use(requestGuards);
