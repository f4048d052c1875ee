import { TRPCClientError } from '@trpc/client';

/** The stable code the server sends (`CONFLICT`, `FORBIDDEN`…), or null. */
export function errorCode(error: unknown): string | null {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string } | undefined;
    return data?.code ?? null;
  }
  return null;
}

export function errorDetails(error: unknown): Record<string, unknown> | null {
  if (error instanceof TRPCClientError) {
    const data = error.data as { details?: Record<string, unknown> | null } | undefined;
    return data?.details ?? null;
  }
  return null;
}

/** A sentence fit to show a person. */
export function errorMessage(error: unknown): string {
  const code = errorCode(error);
  // The AI layer's refusals (budget used up, provider down) carry their own sentence and a `reason`.
  const reason = errorDetails(error)?.reason;
  if (typeof reason === 'string' && reason.startsWith('AI_') && error instanceof TRPCClientError) return error.message;
  if (code === 'TOO_MANY_REQUESTS') return 'Too many attempts. Wait a moment and try again.';
  if (code === 'INTERNAL_SERVER_ERROR') return 'Something went wrong on our side. Try again.';
  if (error instanceof TRPCClientError) {
    const message = error.message;
    // zod errors arrive as a JSON array of issues
    if (message.startsWith('[')) {
      try {
        const issues = JSON.parse(message) as { message: string; path?: (string | number)[] }[];
        return issues.map((issue) => (issue.path?.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
      } catch {
        return message;
      }
    }
    return message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
