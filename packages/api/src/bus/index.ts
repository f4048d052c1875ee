export { subscribeToChannel, SlowConsumerError, type BusIteratorOptions, type BusSubscription } from './bus-iterator';
export type { BusHandler, EventBus, Unsubscribe } from './event-bus';
export { createMemoryBus } from './memory-bus';
export { createRedisBus, type RedisBusOptions } from './redis-bus';
