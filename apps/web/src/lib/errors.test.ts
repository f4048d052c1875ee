import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { errorMessage } from './errors';

const clientError = (message: string, data: Record<string, unknown>) => TRPCClientError.from({ error: { message, code: -32029, data } });

describe('errorMessage', () => {
  it("shows the AI layer's own sentence for a spent budget, not the rate-limit one", () => {
    const budget = clientError("The project's monthly AI budget is used up (1000); it resets on 2026-12-01", { code: 'TOO_MANY_REQUESTS', details: { reason: 'AI_BUDGET_EXCEEDED' } });
    expect(errorMessage(budget)).toContain('monthly AI budget is used up');
    const throttled = clientError('Rate limit exceeded', { code: 'TOO_MANY_REQUESTS', details: null });
    expect(errorMessage(throttled)).toBe('Too many attempts. Wait a moment and try again.');
  });
});
