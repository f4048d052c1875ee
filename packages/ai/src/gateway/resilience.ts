import { AiCircuitOpenError, AiError, AiProviderError, AiTimeoutError, AiUnavailableError } from '../errors';
import type { CircuitBreaker } from './circuit-breaker';
import type { AiClock } from './clock';
import { backoffDelay, type RetryOptions } from './retry';

export interface ResilienceOptions {
  clock: AiClock;
  random: () => number;
  retry: RetryOptions;
  timeoutMs: number;
}

/**
 * Runs `run` with a timeout per attempt; `onTimeout` aborts the attempt's signal. Timeouts use
 * real timers (they bound real I/O); backoff and the breaker use the injected clock.
 */
export async function withTimeout<R>(timeoutMs: number, outer: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<R>): Promise<R> {
  const controller = new AbortController();
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new AiTimeoutError(timeoutMs));
      reject(new AiTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([run(signal), timeout]);
  } catch (error) {
    throw timedOut ? new AiTimeoutError(timeoutMs) : error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One remote call with retries: 429/5xx/timeouts/connection failures are retried with
 * exponential backoff and jitter (a `retry-after` is honoured), each failed attempt counts toward
 * the breaker, and an open breaker stops the loop at once. Anything else is thrown as is.
 */
export async function callResiliently<R>(
  options: ResilienceOptions,
  breaker: CircuitBreaker,
  provider: string,
  signal: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<R>,
): Promise<R> {
  let lastError: AiProviderError | undefined;
  for (let attempt = 0; ; attempt += 1) {
    if (!breaker.tryAcquire()) {
      if (lastError) throw giveUp(provider, attempt, lastError);
      throw new AiCircuitOpenError(provider, breaker.snapshot().retryAt ?? options.clock.now());
    }
    try {
      const result = await withTimeout(options.timeoutMs, signal, run);
      breaker.onSuccess();
      return result;
    } catch (error) {
      if (signal?.aborted) {
        breaker.release();
        throw error;
      }
      if (!(error instanceof AiProviderError) || !error.retryable) {
        // An answer that is an error (400, bad JSON) still shows the provider is up.
        if (error instanceof AiError) breaker.onSuccess();
        else breaker.release();
        throw error;
      }
      breaker.onFailure();
      lastError = error;
      const delay = attempt < options.retry.maxRetries ? backoffDelay(attempt, error.retryAfterMs, options.retry, options.random) : null;
      if (delay === null) throw giveUp(provider, attempt + 1, error);
      await options.clock.sleep(delay, signal);
    }
  }
}

function giveUp(provider: string, attempts: number, cause: AiProviderError): AiUnavailableError {
  return new AiUnavailableError(`The ${provider} provider failed after ${attempts} attempt(s): ${cause.message}`, { provider, attempts, httpStatus: cause.httpStatus, reason: cause.code }, { cause });
}
