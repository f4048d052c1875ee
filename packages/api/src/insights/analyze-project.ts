import { analyzeProject } from '@devmentor/ai';
import { insights, isNull, notifications, projects } from '@devmentor/db';
import { runAgent, type AgentContext } from '../agents/agent-run';
import { publishEvents, recordEvent, type ProjectEvent } from '../events/project-events';
import { userChannel, type UserMessage } from '../live/user-channel';
import { toNotificationView } from '../notifications/notification-view';
import { loadAnalystInput, projectAdmins } from './analyst-snapshot';

/**
 * Runs the analyst's rules on the project and stores what is new: a finding already stored (same
 * dedupe key) is not duplicated. Each new insight writes an `insight/created` event; critical ones
 * notify the project's admins and owners (pushed on their user channel after commit).
 */
export async function analyzeProjectInsights({ ctx, input, now = new Date() }: { ctx: AgentContext; input: { projectId: string }; now?: Date }) {
  return runAgent(
    ctx,
    input.projectId,
    'analyst',
    async (progress) => {
      await progress('Reading the board, sprints and activity', 1, 2);
      const snapshot = await loadAnalystInput(ctx.db, input.projectId, now);
      await progress('Checking the rules', 2, 2);
      const found = analyzeProject(snapshot);
      const { created, events, notes } = await ctx.db.transaction(async (tx) => {
        const created = found.length === 0 ? [] : await tx.insert(insights).values(found.map((insight) => ({ ...insight, projectId: input.projectId }))).onConflictDoNothing().returning();
        const events: ProjectEvent[] = [];
        const notes: (typeof notifications.$inferSelect)[] = [];
        const admins = created.some((insight) => insight.severity === 'critical') ? await projectAdmins(tx, input.projectId) : [];
        for (const insight of created) {
          const event = await recordEvent(tx, {
            projectId: input.projectId,
            actorId: ctx.auth?.user.id ?? null,
            entityType: 'insight',
            entityId: insight.id,
            action: 'created',
            aiTriggered: true,
            diff: { type: insight.type, severity: insight.severity, title: insight.title },
          });
          events.push(event);
          if (insight.severity !== 'critical' || admins.length === 0) continue;
          notes.push(
            ...(await tx
              .insert(notifications)
              .values(admins.map((userId) => ({ userId, projectId: input.projectId, kind: 'insight_critical', title: insight.title, body: insight.explanation, entityType: 'insight', entityId: insight.id, sourceEventId: event.id })))
              .onConflictDoNothing()
              .returning()),
          );
        }
        return { created, events, notes };
      });
      await publishEvents(ctx.bus, events);
      for (const row of notes) {
        const message: UserMessage = { kind: 'notification', notification: toNotificationView(row) };
        await ctx.bus.publish(userChannel(row.userId), message);
      }
      return { found: found.length, created };
    },
    (result) => ({ found: result.found, created: result.created.length }),
  );
}

export const ANALYZE_PROJECTS_JOB = 'insights.analyze-all';

/** The scheduled run: every active project, as the system (no actor). */
export async function analyzeAllProjects(ctx: Omit<AgentContext, 'auth'>, now = new Date()): Promise<void> {
  const active = await ctx.db.select({ id: projects.id }).from(projects).where(isNull(projects.archivedAt));
  for (const project of active) await analyzeProjectInsights({ ctx: { ...ctx, auth: null }, input: { projectId: project.id }, now });
}
