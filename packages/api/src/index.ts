export { credentialFromHeaders, credentialSourceFromHeaders, resolveAuth, SESSION_COOKIE } from './auth/resolve-auth';
export { clearedSessionCookie, parseCookies, secureCookies, serializeCookie, sessionCookie } from './auth/cookies';
export { configuredOrigins, isAllowedOrigin } from './auth/origin';
export { createGitHubOAuth, type GitHubOAuth, type GitHubTokens, type GitHubUser } from './auth/github-oauth';
export { completeGitHubSignIn, GITHUB_STATE_TTL_SECONDS, startGitHubSignIn, type GitHubCallbackInput, type GitHubSignInResult } from './auth/github-signin';
export { createMailer, createOutboxMailer, createSmtpMailer, type Mailer, type MailMessage } from './mail';
export { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './rate-limit';
export { hashPassword, verifyPassword } from './auth/password';
export { createSession, invalidateSession, invalidateUserSessions, validateSessionToken, type SessionUser } from './auth/sessions.service';
export { announceAuthChange, followAuthChanges } from './auth/auth-changes';
export { SESSION_CACHE_TTL_MS, SessionCache, type AuthChange } from './auth/session-cache';
export * from './bus';
export * from './jobs';
export { createItemIndexer, registerMemoryJobs, ITEM_INDEXER_CONSUMER } from './memory/indexing';
export { candidateCount, fulltextCandidates, fulltextQuery, fusedSearch, fusedSearchQuery, HNSW_INDEX_OPTIONS, hnswEfSearch, hybridSearch, reciprocalRankFusion, vectorCandidates, vectorQuery, vectorSearchSettings, type SearchHit, type SearchMode, type SearchResult } from './memory/hybrid-search';
export { insertChunks, vectorLiteral, type ChunkRow } from './memory/chunks';
export { embedderFor, gatewayEmbedder, type SearchEmbedder } from './memory/embedder';
export { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError, type AppErrorCode } from './errors';
export { appRouter, createCaller, type AppRouter } from './root';
export { startClock, CLOCK_CHANNEL, type ClockTick } from './system/clock';
export { getHealth, type HealthReport } from './system/health';
export { createInnerContext, type AppServices, type ApiKeyGrant, type Auth, type Capabilities, type Context, type Logger, type RequestInfo } from './trpc/context';
export {
  accountProcedure,
  authedProcedure,
  PROJECT_ROLES,
  projectByIdProcedure,
  projectProcedure,
  roleAtLeast,
  sessionProcedure,
  type ProjectAccess,
  type ProjectRole,
} from './trpc/procedures';
export { API_KEY_PREFIX } from './api-keys/api-keys.service';
export { isApiKeyToken, validateApiKey } from './api-keys/validate-api-key';
export { diffFields, EVENTS_CHANNEL, projectChannel, publishEvents, recordEvent, type DbOrTx, type EventInput, type ProjectEvent } from './events/project-events';
export { createEventConsumer, type AfterCommit, type EventConsumer, type EventConsumerOptions } from './events/event-consumer';
export { findOpenBlockers } from './dependencies/open-blockers';
export type { ItemRef } from './dependencies/work-item-refs';
export { createLiveServices, DEFAULT_LIVE_LIMITS, type LiveLimits, type LiveServices } from './live/live-services';
export { userChannel, type UserMessage } from './live/user-channel';
export { createAppAi, createDbAiAccounting, projectAiCallOptions, readProjectAiSettings, type ProjectAiConfig } from './ai-usage';
export { createNotificationsConsumer, NOTIFICATIONS_CONSUMER } from './notifications/notifications-consumer';
export { PresenceTracker, type PresenceSnapshot, type PresenceViewer } from './presence/presence-tracker';
export { InvalidTransitionError } from './work-items/transition-rules';
export { itemKey, KINDS, type ItemKind, type WorkItem } from './work-items/kinds';
export { IDEMPOTENCY_TTL_MS, purgeExpiredIdempotencyKeys } from './idempotency/idempotency.middleware';
export { PURGE_IDEMPOTENCY_KEYS_JOB, scheduleIdempotencyPurge } from './idempotency/idempotency-jobs';
export type { BoardCard } from './board/get-board';
// Work-item services the benchmark (`bench/`) calls directly: the floor under the tRPC endpoint.
export { getBoard } from './board/get-board';
export { getBoardColumn } from './board/get-board-column';
export { createItem } from './work-items/create-item';
export { listItems } from './work-items/list-items';
export { moveItem } from './work-items/move-item';
export type { NotificationView } from './notifications/notification-view';
export { registerAgentJobs, scheduleAgentJobs } from './agents/agent-jobs';
