import { z } from 'zod';
import { subscribeToChannel } from '../bus';
import { CLOCK_CHANNEL, type ClockTick } from '../system/clock';
import { getHealth } from '../system/health';
import { publicProcedure, router } from '../trpc/init';

const HealthOutput = z.object({
  status: z.literal('ok'),
  instanceId: z.string(),
  uptimeSeconds: z.number(),
  database: z.enum(['pglite', 'postgres']),
  vector: z.boolean(),
  bus: z.enum(['memory', 'redis']),
  time: z.string(),
});

export const systemRouter = router({
  health: publicProcedure.output(HealthOutput).query(({ ctx }) => getHealth(ctx)),

  /** Round trip of the write path without touching the database: for scripts and the benchmark floor. */
  echo: publicProcedure
    .input(z.object({ message: z.string().max(1000) }))
    .mutation(({ ctx, input }) => ({ message: input.message, instanceId: ctx.instanceId, receivedAt: new Date().toISOString() })),

  /** A tick a second from every server instance, delivered through the event bus. */
  clock: publicProcedure.subscription(async function* ({ ctx, signal }) {
    const ticks = await subscribeToChannel<ClockTick>(ctx.bus, CLOCK_CHANNEL, { signal, maxBuffered: 100 });
    try {
      for await (const tick of ticks) yield tick;
    } finally {
      await ticks.close();
    }
  }),
});
