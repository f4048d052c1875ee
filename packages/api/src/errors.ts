import { AiError } from '@devmentor/ai';
import { TRPCError } from '@trpc/server';

/** Stable error codes; each maps to one tRPC code and one HTTP status. */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE';

/** Errors services throw. Converted to `TRPCError` in one middleware; `details` reach the client. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, details?: Record<string, unknown>) {
    super('NOT_FOUND', `${entity} not found`, details);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CONFLICT', message, details);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this', details?: Record<string, unknown>) {
    super('FORBIDDEN', message, details);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('BAD_REQUEST', message, details);
  }
}

export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    return error.cause instanceof AppError || error.cause instanceof AiError ? toTRPCError(error.cause) : error;
  }
  // The AI layer has its own typed errors (packages/ai knows nothing of tRPC); `reason` keeps their code.
  if (error instanceof AiError) return toTRPCError(new AppError(error.status, error.message, { ...error.details, reason: error.code }));
  if (error instanceof AppError) return new TRPCError({ code: error.code, message: error.message, cause: error });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', cause: error });
}
