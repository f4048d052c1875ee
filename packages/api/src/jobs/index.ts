export { createBullmqQueue, type BullmqQueueOptions } from './bullmq-queue';
export { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, UnknownJobError, type EnqueueOptions, type JobFailureHook, type JobHandler, type JobInfo, type JobQueue } from './job-queue';
export { createMemoryQueue, type MemoryQueueOptions } from './memory-queue';
