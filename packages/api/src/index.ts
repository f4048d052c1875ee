export * from './bus';
export { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError, type AppErrorCode } from './errors';
export { appRouter, createCaller, type AppRouter } from './root';
export { startClock, CLOCK_CHANNEL, type ClockTick } from './system/clock';
export { getHealth, type HealthReport } from './system/health';
export { createInnerContext, type AppServices, type Capabilities, type Context, type Logger } from './trpc/context';
export { hashPassword, verifyPassword } from './auth/password';
