import { z } from 'zod';

export const ListNotificationsInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
  unreadOnly: z.boolean().default(false),
});
export type ListNotificationsInput = z.infer<typeof ListNotificationsInput>;

export const MarkReadInput = z.object({ ids: z.array(z.uuid()).min(1).max(100) });
export type MarkReadInput = z.infer<typeof MarkReadInput>;

/** wsLink resends the last tracked id (a notification id) on reconnect. */
export const OnNewInput = z.object({ lastEventId: z.uuid().nullish() }).optional();
export type OnNewInput = z.infer<typeof OnNewInput>;
