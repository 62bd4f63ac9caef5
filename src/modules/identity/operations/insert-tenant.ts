// A new tenant, its first user (global admin; the operator's also operator admin), its programs, the
// audit records and the welcome mail, inside the caller's transaction: a work account created by its
// admin (create-tenant.ts), a customer created by a partner (CUS-5, insert-customer-tenant.ts).
import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { isUniqueViolation } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { CreatedTenant, CreateTenantBody } from '../contract.js';
import { domainPrefixFrom, primaryDomainOf, type Program } from '../rules.js';
import { tenants } from '../schema.js';
import { tenantView, userView, type TenantRow } from '../views.js';
import type { IdentityDeps } from './deps.js';
import { insertUser } from './insert-user.js';
import { setMembershipIn } from './set-membership-in.js';

export type TenantInput = Omit<CreateTenantBody, 'admin'> & { admin: Omit<CreateTenantBody['admin'], 'password'> };

export async function insertTenant(
  deps: IdentityDeps,
  tx: Queryable,
  ctx: RequestContext,
  input: TenantInput,
  memberships: { program: Program; status: string }[],
  passwordHash: string,
  mustChangePassword: boolean,
): Promise<CreatedTenant> {
  const language = input.admin.language ?? ctx.locale;
  const primaryDomain = await pickDomain(tx, input.organizationName, input.domainPrefix?.toLowerCase());
  let tenant: TenantRow;
  try {
    [tenant] = (await tx.insert(tenants).values({ name: input.organizationName.trim(), country: input.country, primaryDomain }).returning()) as [TenantRow];
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('domain_taken', { domain: primaryDomain });
    throw error;
  }
  const roles = memberships.some((m) => m.program === 'operator') ? ['globalAdmin', 'operatorAdmin'] : ['globalAdmin'];
  const user = await insertUser(tx, tenant, {
    displayName: input.admin.displayName,
    email: input.admin.email,
    roles,
    passwordHash,
    language,
    mustChangePassword,
  });
  const self = { actorUserId: ctx.actor?.userId ?? user.id, actorTenantId: ctx.actor?.tenantId ?? tenant.id };
  await writeAudit(tx, ctx, { ...self, tenantId: tenant.id, action: 'tenant.created', resourceType: 'tenant', resourceId: tenant.id, after: tenantView(tenant) });
  await writeAudit(tx, ctx, { ...self, tenantId: tenant.id, action: 'user.created', resourceType: 'user', resourceId: user.id, after: userView(user) });
  for (const m of memberships) await setMembershipIn(tx, ctx, tenant.id, m.program, m.status);
  await deps.platform.mailer.enqueue(tx, {
    template: 'welcome',
    locale: language,
    to: user.email,
    recipientUserId: user.id,
    tenantId: tenant.id,
    params: { name: user.displayName, email: user.email, organization: tenant.name, domain: tenant.primaryDomain, url: `${deps.config.publicUrl}/signin` },
  });
  return { tenant: tenantView(tenant), user: { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles } };
}

/** A free primary domain: the chosen prefix (409 when taken) or one derived from the name. */
async function pickDomain(q: Queryable, organizationName: string, chosen?: string): Promise<string> {
  if (chosen) {
    const domain = primaryDomainOf(chosen);
    const [taken] = await q.select({ id: tenants.id }).from(tenants).where(eq(tenants.primaryDomain, domain));
    if (taken) throw new AppError('domain_taken', { domain });
    return domain;
  }
  const base = domainPrefixFrom(organizationName);
  const candidates = [base, ...Array.from({ length: 20 }, (_, i) => `${base}${i + 1}`), `${base}${Date.now().toString(36)}`];
  const taken = new Set(
    (await q.select({ d: tenants.primaryDomain }).from(tenants).where(inArray(tenants.primaryDomain, candidates.map(primaryDomainOf)))).map((r) => r.d),
  );
  return primaryDomainOf(candidates.find((c) => !taken.has(primaryDomainOf(c)))!);
}
