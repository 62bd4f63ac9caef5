// A new user row of a tenant, inside the caller's transaction: the email is unique across the program
// (case-insensitive), roles sorted. The callers check roles and grants first (ACC-1).
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import { isUniqueViolation } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n/index.js';
import { sortRoles } from '../rules.js';
import { users } from '../schema.js';
import type { TenantRow, UserRow } from '../views.js';

export interface UserValues {
  displayName: string;
  email: string;
  roles: string[];
  passwordHash: string;
  language: Locale;
  mustChangePassword: boolean;
  createdByTenantId?: string;
}

export async function insertUser(tx: Queryable, tenant: TenantRow, input: UserValues): Promise<UserRow> {
  if (await emailTaken(tx, input.email)) throw new AppError('email_taken');
  try {
    const [user] = await tx
      .insert(users)
      .values({
        tenantId: tenant.id,
        email: input.email.trim(),
        displayName: input.displayName.trim(),
        passwordHash: input.passwordHash,
        roles: sortRoles(input.roles),
        language: input.language,
        mustChangePassword: input.mustChangePassword,
        createdByTenantId: input.createdByTenantId ?? null,
      })
      .returning();
    return user!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('email_taken');
    throw error;
  }
}

async function emailTaken(q: Queryable, email: string): Promise<boolean> {
  const [row] = await q.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row !== undefined;
}
