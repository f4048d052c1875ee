import { sessionProcedure } from '../trpc/procedures';
import { router } from '../trpc/init';
import { CreateApiKeyInput, RevokeApiKeyInput } from './api-keys.schemas';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service';

/** Managed from a signed-in session only: an API key cannot mint or list keys. */
export const apiKeysRouter = router({
  create: sessionProcedure.input(CreateApiKeyInput).mutation(({ ctx, input }) => createApiKey({ ctx, input })),
  list: sessionProcedure.query(({ ctx }) => listApiKeys({ ctx })),
  revoke: sessionProcedure.input(RevokeApiKeyInput).mutation(({ ctx, input }) => revokeApiKey({ ctx, input })),
});
