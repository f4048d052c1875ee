/** Stable codes of the AI layer; `status` is the matching API error code (see packages/api errors). */
export type AiErrorCode =
  | 'AI_BUDGET_EXCEEDED'
  | 'AI_UNAVAILABLE'
  | 'AI_TIMEOUT'
  | 'AI_CIRCUIT_OPEN'
  | 'AI_OFFLINE_UNSUPPORTED'
  | 'AI_INVALID_OUTPUT'
  | 'AI_EMBEDDING_DIMENSION'
  | 'AI_PROVIDER_ERROR';

export type AiErrorStatus = 'TOO_MANY_REQUESTS' | 'SERVICE_UNAVAILABLE' | 'PRECONDITION_FAILED' | 'BAD_REQUEST';

/** Every error the gateway and providers throw on purpose. `details` are safe to show a client. */
export class AiError extends Error {
  override name = 'AiError';
  constructor(
    readonly code: AiErrorCode,
    readonly status: AiErrorStatus,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The project's monthly AI budget is spent: further calls are refused until the next month. */
export class AiBudgetExceededError extends AiError {
  constructor(details: { projectId: string; limit: string; used: number; max: number; resetsAt: string }) {
    super('AI_BUDGET_EXCEEDED', 'TOO_MANY_REQUESTS', `The project's monthly AI budget is used up (${details.limit}); it resets on ${details.resetsAt}`, details);
  }
}

/**
 * A provider call failed. `retryable` covers rate limits (429), server errors (5xx), timeouts
 * and connection failures; `retryAfterMs` carries the server's `retry-after` when it sent one.
 */
export class AiProviderError extends AiError {
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super('AI_PROVIDER_ERROR', 'SERVICE_UNAVAILABLE', message, { httpStatus }, options);
  }
}

/** One attempt took longer than the configured timeout. Retryable. */
export class AiTimeoutError extends AiProviderError {
  override readonly code = 'AI_TIMEOUT' as const;
  constructor(timeoutMs: number) {
    super(`The AI provider did not answer within ${timeoutMs} ms`, null, true);
    this.details.timeoutMs = timeoutMs;
  }
}

/** The remote provider is down (breaker open or retries exhausted) and no fallback applies. */
export class AiUnavailableError extends AiError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('AI_UNAVAILABLE', 'SERVICE_UNAVAILABLE', message, details, options);
  }
}

/** The circuit breaker is open: the remote provider is not called until the cool-down passes. */
export class AiCircuitOpenError extends AiError {
  constructor(provider: string, retryAt: number) {
    super('AI_CIRCUIT_OPEN', 'SERVICE_UNAVAILABLE', `The ${provider} provider is failing; calls are paused`, { provider, retryAt: new Date(retryAt).toISOString() });
  }
}

/** The offline provider cannot do this (structured output without a deterministic fallback). */
export class AiOfflineUnsupportedError extends AiError {
  constructor(what: string) {
    super(
      'AI_OFFLINE_UNSUPPORTED',
      'PRECONDITION_FAILED',
      `The built-in offline AI provider cannot produce ${what}; configure OPENAI_API_KEY or OPENAI_BASE_URL`,
      { what },
    );
  }
}

/** The model answered, but not with JSON matching the schema. */
export class AiInvalidOutputError extends AiError {
  constructor(schemaName: string, issues: string, options?: { cause?: unknown }) {
    super('AI_INVALID_OUTPUT', 'SERVICE_UNAVAILABLE', `The AI answer did not match the ${schemaName} schema`, { schemaName, issues }, options);
  }
}

/** A remote embedding model returned vectors of another size than the product's dimension. */
export class AiEmbeddingDimensionError extends AiError {
  constructor(model: string, expected: number, received: number) {
    super(
      'AI_EMBEDDING_DIMENSION',
      'SERVICE_UNAVAILABLE',
      `Embedding model ${model} returned ${received} dimensions; the product stores ${expected}. Pick a model that supports \`dimensions\` or produces ${expected}.`,
      { model, expected, received },
    );
  }
}
