// ENR-12: a user of the tenant; another tenant's user is "not found". The caller has checked access
// to the tenant (REL-4).
import { and, eq } from 'drizzle-orm';
import { notFound } from '../../../platform/errors.js';
import { users } from '../schema.js';
import type { UserRow } from '../views.js';
import type { IdentityDeps } from './deps.js';

export async function getUser(deps: IdentityDeps, tenantId: string, id: string): Promise<UserRow> {
  const [user] = await deps.db.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, tenantId)));
  if (!user) throw notFound('user');
  return user;
}
