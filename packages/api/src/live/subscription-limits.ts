import { subscriptionLimitError } from './live-errors';

/**
 * Open subscriptions per user on this instance. A WebSocket lives on one instance, so the cap is
 * per instance: a user spread over k instances by the load balancer may hold k times the cap.
 */
export class SubscriptionCounter {
  private readonly open = new Map<string, number>();

  constructor(readonly maxPerUser: number) {}

  /** Counts one more subscription or throws TOO_MANY_REQUESTS; call the returned function once when it ends. */
  acquire(userId: string): () => void {
    const current = this.open.get(userId) ?? 0;
    if (current >= this.maxPerUser) throw subscriptionLimitError(this.maxPerUser);
    this.open.set(userId, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(userId) ?? 1) - 1;
      if (left <= 0) this.open.delete(userId);
      else this.open.set(userId, left);
    };
  }

  count(userId: string): number {
    return this.open.get(userId) ?? 0;
  }
}
