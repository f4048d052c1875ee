import { eq, users } from '@devmentor/db';
import { announceAuthChange } from './auth-changes';
import type { UpdateProfileInput } from './auth.schemas';
import type { AuthedContext } from './service-context';
import { accountView } from './users';

/** Updates name, avatar URL (null removes it) and preferences (replaced as a whole, zod-validated). */
export async function updateProfile({ ctx, input }: { ctx: AuthedContext; input: UpdateProfileInput }) {
  await ctx.db
    .update(users)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.avatarUrl !== undefined ? { avatarUrl: input.avatarUrl } : {}),
      ...(input.preferences !== undefined ? { preferences: input.preferences } : {}),
    })
    .where(eq(users.id, ctx.auth.user.id));
  await announceAuthChange(ctx, { userId: ctx.auth.user.id });
  return (await accountView(ctx.db, ctx.auth.user.id))!;
}
