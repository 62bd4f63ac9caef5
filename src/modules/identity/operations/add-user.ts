// ENR-12, ACC-1: a new user of `tenantId`, with roles the tenant offers and the actor may grant there
// (grantProblem); without a password, a temporary one is returned once. The caller has checked access
// to the tenant (its own, or one it administers on its owner's behalf: REL-4).
import { eq } from 'drizzle-orm';
import { grantProblem, type TenantRelation } from '../../../platform/access.js';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { hashPassword, passwordProblems, temporaryPassword } from '../../../platform/auth/passwords.js';
import { AppError, invalidFields } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n/index.js';
import type { AddedUser, UserBody } from '../contract.js';
import { tenantKind } from '../reads.js';
import { roleProblems } from '../rules.js';
import { tenants } from '../schema.js';
import { userView } from '../views.js';
import type { IdentityDeps } from './deps.js';
import { insertUser } from './insert-user.js';

export async function addUser(deps: IdentityDeps, ctx: RequestContext, tenantId: string, input: UserBody, relation?: TenantRelation): Promise<AddedUser> {
  const actor = ctx.actor!;
  const kind = await tenantKind(deps.db, tenantId);
  const problems = [...roleProblems(input.roles, kind)];
  if (input.password !== undefined) problems.push(...passwordProblems(input.password, input.email, '/password'));
  if (problems.length) throw invalidFields(...problems);
  const refused = grantProblem(actor, { id: tenantId, kind }, relation, { after: input.roles });
  if (refused) throw new AppError(refused);
  const temporary = input.password === undefined ? temporaryPassword() : undefined;
  const passwordHash = await hashPassword(input.password ?? temporary!);
  return deps.platform.transaction(async (tx) => {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
    const user = await insertUser(tx, tenant!, {
      displayName: input.displayName,
      email: input.email,
      roles: input.roles,
      passwordHash,
      language: ctx.locale,
      mustChangePassword: temporary !== undefined,
      // REL-4: a user made by another organization (a provider's admin agent) is marked as such.
      createdByTenantId: actor.tenantId === tenantId ? undefined : actor.tenantId,
    });
    await writeAudit(tx, ctx, { tenantId, action: 'user.created', resourceType: 'user', resourceId: user.id, after: userView(user) });
    await deps.platform.mailer.enqueue(tx, {
      template: 'userAdded',
      locale: user.language as Locale,
      to: user.email,
      recipientUserId: user.id,
      tenantId,
      params: { name: user.displayName, inviter: actor.displayName, organization: tenant!.name, email: user.email, url: `${deps.config.publicUrl}/signin` },
    });
    return { user: userView(user), ...(temporary ? { temporaryPassword: temporary } : {}) };
  });
}
