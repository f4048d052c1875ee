import { z } from 'zod';
import { AppError } from '../errors';
import { publicProcedure, router } from '../trpc/init';
import { authedProcedure, sessionProcedure } from '../trpc/procedures';
import {
  ChangePasswordInput,
  DeleteAccountInput,
  LoginInput,
  RegisterInput,
  RequestPasswordResetInput,
  ResetPasswordInput,
  RevokeSessionInput,
  UpdateProfileInput,
  VerifyEmailInput,
} from './auth.schemas';
import { changePassword } from './change-password';
import { deleteAccount } from './delete-account';
import { requestEmailVerification, verifyEmail } from './email-verification';
import { login } from './login';
import { listSessions, logout, logoutEverywhere, revokeSession } from './logout';
import { requestPasswordReset, resetPassword } from './password-reset';
import { listProviders } from './providers';
import { registerAccount } from './register';
import { updateProfile } from './update-profile';
import { accountView } from './users';

export const authRouter = router({
  register: publicProcedure.input(RegisterInput).mutation(({ ctx, input }) => registerAccount({ ctx, input })),
  login: publicProcedure.input(LoginInput).mutation(({ ctx, input }) => login({ ctx, input })),
  logout: publicProcedure.mutation(({ ctx }) => logout({ ctx })),
  logoutEverywhere: sessionProcedure.mutation(({ ctx }) => logoutEverywhere({ ctx })),
  me: authedProcedure.query(async ({ ctx }) => {
    const account = await accountView(ctx.db, ctx.auth.user.id);
    if (!account) throw new AppError('UNAUTHORIZED', 'Sign in to do this');
    return account;
  }),
  sessions: router({
    list: sessionProcedure.query(({ ctx }) => listSessions({ ctx })),
    revoke: sessionProcedure.input(RevokeSessionInput).mutation(({ ctx, input }) => revokeSession({ ctx, input })),
  }),
  changePassword: sessionProcedure.input(ChangePasswordInput).mutation(({ ctx, input }) => changePassword({ ctx, input })),
  deleteAccount: sessionProcedure.input(DeleteAccountInput).mutation(({ ctx, input }) => deleteAccount({ ctx, input })),
  updateProfile: authedProcedure.input(UpdateProfileInput).mutation(({ ctx, input }) => updateProfile({ ctx, input })),
  providers: publicProcedure
    .output(z.object({ password: z.boolean(), github: z.boolean(), devOutbox: z.boolean() }))
    .query(({ ctx }) => listProviders({ ctx })),
  requestEmailVerification: authedProcedure.mutation(({ ctx }) => requestEmailVerification({ ctx })),
  verifyEmail: publicProcedure.input(VerifyEmailInput).mutation(({ ctx, input }) => verifyEmail({ ctx, input })),
  requestPasswordReset: publicProcedure.input(RequestPasswordResetInput).mutation(({ ctx, input }) => requestPasswordReset({ ctx, input })),
  resetPassword: publicProcedure.input(ResetPasswordInput).mutation(({ ctx, input }) => resetPassword({ ctx, input })),
});
