import { createTestDb } from '@devmentor/db/testing';
import type { DbHandle } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { callerFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices, Context } from '../trpc/context';

/** The tRPC code a call ends with, `OK` when it succeeds. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : `UNEXPECTED: ${String(error)}`;
  }
}

/** `details` of a failed call (from the AppError behind the TRPCError). */
export async function detailsOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    const cause = error instanceof TRPCError ? (error.cause as { details?: Record<string, unknown> } | undefined) : undefined;
    return cause?.details ?? {};
  }
  throw new Error('expected the call to fail');
}

export interface WorkItemsWorld {
  handle: DbHandle;
  services: AppServices;
  owner: TestUser;
  member: TestUser;
  viewer: TestUser;
  outsider: TestUser;
  /** Project `DM` with owner, member and viewer. */
  projectId: string;
  /** Project `XO` owned by `outsider`. */
  otherProjectId: string;
  as: (user: TestUser, extra?: Partial<Context>) => ReturnType<typeof callerFor>;
}

/** A database with two projects: ours (owner, member, viewer) and another team's. */
export async function createWorkItemsWorld(): Promise<WorkItemsWorld> {
  const handle = await createTestDb();
  const services = createTestServices(handle);
  const [owner, member, viewer, outsider] = await Promise.all(['Owner', 'Member', 'Viewer', 'Outsider'].map((name) => createTestUser(services, { name })));
  const project = await createTestProject(services, owner!, [
    { user: member!, role: 'member' },
    { user: viewer!, role: 'viewer' },
  ], { keyPrefix: 'DM' });
  const other = await createTestProject(services, outsider!, [], { keyPrefix: 'XO' });
  return {
    handle,
    services,
    owner: owner!,
    member: member!,
    viewer: viewer!,
    outsider: outsider!,
    projectId: project.id,
    otherProjectId: other.id,
    as: (user, extra) => callerFor(services, user, extra),
  };
}
