import type { EventBus } from '../bus';
import { PresenceTracker, type PresenceOptions } from '../presence/presence-tracker';
import { SubscriptionCounter } from './subscription-limits';

export interface LiveLimits {
  /** Open subscriptions per user on one instance; past it TOO_MANY_REQUESTS. */
  maxSubscriptionsPerUser: number;
  /** Bus messages held for one subscriber that is not reading; past it the stream ends with `resync`. */
  maxBufferedEvents: number;
  /** Bytes queued on a subscriber's WebSocket (a slow network); past it the stream ends with `resync`. */
  maxSocketBufferedBytes: number;
  /** Events read per query when replaying after `lastEventId`. */
  replayPageSize: number;
  /** `chat.ask` streams one user may run at once on one instance; past it TOO_MANY_REQUESTS. */
  maxChatAsksPerUser: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = {
  maxSubscriptionsPerUser: 20,
  maxBufferedEvents: 500,
  maxSocketBufferedBytes: 1024 * 1024,
  replayPageSize: 200,
  maxChatAsksPerUser: 2,
};

/** Per-instance state of live features, built by the composition root (and `createTestServices`). */
export interface LiveServices {
  limits: LiveLimits;
  subscriptions: SubscriptionCounter;
  /** Answers being generated per user (each holds a model stream open). */
  chatAsks: SubscriptionCounter;
  presence: PresenceTracker;
}

export function createLiveServices(options: {
  bus: EventBus;
  instanceId: string;
  limits?: Partial<LiveLimits>;
  presence?: Omit<PresenceOptions, 'bus' | 'instanceId'>;
}): LiveServices {
  const limits = { ...DEFAULT_LIVE_LIMITS, ...options.limits };
  return {
    limits,
    subscriptions: new SubscriptionCounter(limits.maxSubscriptionsPerUser),
    chatAsks: new SubscriptionCounter(limits.maxChatAsksPerUser),
    presence: new PresenceTracker({ bus: options.bus, instanceId: options.instanceId, ...options.presence }),
  };
}
