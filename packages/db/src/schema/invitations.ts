import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { projectRole, projects } from './projects';

/**
 * An invitation to join a project with a role. The token is sent by mail and never stored: only its
 * SHA-256. Pending while none of accepted/declined/revoked is set and `expiresAt` lies ahead.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** Stored lower-cased; matched case-insensitively against the accepting user's email. */
    email: text().notNull(),
    role: projectRole().notNull(),
    tokenHash: text().notNull(),
    invitedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    acceptedAt: timestamp({ withTimezone: true, mode: 'date' }),
    acceptedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    declinedAt: timestamp({ withTimezone: true, mode: 'date' }),
    revokedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('invitations_token_hash_idx').on(table.tokenHash),
    index('invitations_project_idx').on(table.projectId, table.createdAt),
    index('invitations_email_idx').on(sql`lower(${table.email})`),
  ],
);
