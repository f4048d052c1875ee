/**
 * Publish/subscribe between the parts of the product and across server instances.
 * Payloads are JSON: both implementations deliver a JSON round-trip of what was published,
 * so code that works in-process works over Redis too.
 */
export interface EventBus {
  readonly kind: 'memory' | 'redis';
  publish(channel: string, payload: unknown): Promise<void>;
  /** Resolves once the subscription is live; the returned function removes it. */
  subscribe(channel: string, handler: BusHandler): Promise<Unsubscribe>;
  /** Throws when the transport is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type BusHandler = (payload: unknown) => void;
export type Unsubscribe = () => Promise<void>;

/** Handlers per channel; shared by both implementations for local fan-out. */
export class HandlerRegistry {
  private readonly handlers = new Map<string, Set<BusHandler>>();

  /** Returns true when this is the channel's first handler. */
  add(channel: string, handler: BusHandler): boolean {
    const set = this.handlers.get(channel) ?? new Set<BusHandler>();
    set.add(handler);
    this.handlers.set(channel, set);
    return set.size === 1;
  }

  /** Returns true when the channel has no handlers left. */
  remove(channel: string, handler: BusHandler): boolean {
    const set = this.handlers.get(channel);
    if (!set) return false;
    set.delete(handler);
    if (set.size > 0) return false;
    this.handlers.delete(channel);
    return true;
  }

  dispatch(channel: string, payload: unknown): void {
    for (const handler of this.handlers.get(channel) ?? []) handler(payload);
  }

  clear(): void {
    this.handlers.clear();
  }
}
