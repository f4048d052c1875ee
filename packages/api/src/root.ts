import { authRouter } from './auth/auth.router';
import { devOutboxRouter } from './mail/dev-outbox.router';
import { systemRouter } from './routers/system.router';
import { sprintsRouter } from './sprints/sprints.router';
import { dependenciesRouter } from './dependencies/dependencies.router';
import { activityRouter } from './activity/activity.router';
import { projectsRouter } from './projects/projects.router';
import { membersRouter } from './members/members.router';
import { invitationsRouter } from './invitations/invitations.router';
import { apiKeysRouter } from './api-keys/api-keys.router';
import { boardRouter } from './board/board.router';
import { epicsRouter } from './work-items/epics.router';
import { storiesRouter } from './work-items/stories.router';
import { tasksRouter } from './work-items/tasks.router';
import { documentsRouter } from './documents/documents.router';
import { memoryRouter } from './memory/memory.router';
import { aiRouter, aiUsageRouter } from './ai-usage/ai-usage.router';
import { notificationsRouter } from './notifications/notifications.router';
import { presenceRouter } from './presence/presence.router';
import { proposalsRouter } from './proposals/proposals.router';
import { agentsRouter } from './agents/agents.router';
import { insightsRouter } from './insights/insights.router';
import { chatRouter } from './chat/chat.router';
import { createCallerFactory, router } from './trpc/init';

export const appRouter = router({
  proposals: proposalsRouter,
  insights: insightsRouter,
  chat: chatRouter,
  notifications: notificationsRouter,
  presence: presenceRouter,
  system: systemRouter,
  epics: epicsRouter,
  stories: storiesRouter,
  tasks: tasksRouter,
  board: boardRouter,
  auth: authRouter,
  devOutbox: devOutboxRouter,
  projects: projectsRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  apiKeys: apiKeysRouter,
  sprints: sprintsRouter,
  dependencies: dependenciesRouter,
  activity: activityRouter,
  memory: memoryRouter,
  ai: router({ ...aiRouter._def.record, ...agentsRouter._def.record }),
  aiUsage: aiUsageRouter,
  documents: documentsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
