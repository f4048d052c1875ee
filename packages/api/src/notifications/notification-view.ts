import type { notifications } from '@devmentor/db';

export const NOTIFICATION_KINDS = ['assigned', 'mentioned', 'invitation', 'proposal_ready', 'insight_critical'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A notification as clients receive it (list, `onNew`). */
export interface NotificationView {
  id: string;
  projectId: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  entityType: string;
  entityId: string;
  actorId: string | null;
  sourceEventId: number;
  readAt: string | null;
  createdAt: string;
}

export function toNotificationView(row: typeof notifications.$inferSelect): NotificationView {
  return {
    id: row.id,
    projectId: row.projectId,
    kind: row.kind as NotificationKind,
    title: row.title,
    body: row.body,
    entityType: row.entityType,
    entityId: row.entityId,
    actorId: row.actorId,
    sourceEventId: row.sourceEventId,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
