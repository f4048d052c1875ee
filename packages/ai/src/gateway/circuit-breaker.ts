import type { AiClock } from './clock';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failed attempts (5xx, 429, timeouts, connection errors) that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe call is let through. */
  cooldownMs: number;
}

export interface BreakerSnapshot {
  state: BreakerState;
  consecutiveFailures: number;
  /** When an open circuit lets the next probe through (epoch ms), else null. */
  retryAt: number | null;
}

/**
 * Closed: calls go through, failures are counted. Open: calls are refused without touching the
 * provider until the cool-down passes. Half-open: exactly one probe goes through; its success
 * closes the circuit, its failure opens it again for another cool-down.
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probeInFlight = false;

  constructor(
    private readonly options: BreakerOptions,
    private readonly clock: AiClock,
  ) {}

  /** Whether a call may go to the provider now; in half-open this takes the single probe slot. */
  tryAcquire(): boolean {
    if (this.state === 'open') {
      if (this.clock.now() - this.openedAt < this.options.cooldownMs) return false;
      this.state = 'half-open';
      this.probeInFlight = false;
    }
    if (this.state === 'half-open') {
      if (this.probeInFlight) return false;
      this.probeInFlight = true;
    }
    return true;
  }

  /** The provider answered (even with a client error such as 400): it is up. */
  onSuccess(): void {
    this.state = 'closed';
    this.failures = 0;
    this.probeInFlight = false;
  }

  /** The provider failed in a way that says it is unavailable. */
  onFailure(): void {
    this.failures += 1;
    this.probeInFlight = false;
    if (this.state === 'half-open' || this.failures >= this.options.failureThreshold) {
      this.state = 'open';
      this.openedAt = this.clock.now();
    }
  }

  /** The call ended without telling anything about the provider (the caller aborted). */
  release(): void {
    this.probeInFlight = false;
  }

  snapshot(): BreakerSnapshot {
    const state = this.state === 'open' && this.clock.now() - this.openedAt >= this.options.cooldownMs ? 'half-open' : this.state;
    return { state, consecutiveFailures: this.failures, retryAt: this.state === 'open' ? this.openedAt + this.options.cooldownMs : null };
  }
}
