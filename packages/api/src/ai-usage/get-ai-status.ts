import type { Context } from '../trpc/context';

export function getAiStatus({ ctx }: { ctx: Pick<Context, 'ai'> }) {
  const status = ctx.ai.status();
  return { mode: status.chat.offline ? ('offline' as const) : ('remote' as const), ...status };
}
