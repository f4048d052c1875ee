import type { AppRouter } from '@devmentor/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/** What procedures return and take, as the client sees them (dates arrive as strings over JSON). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
