// Connects or edits the tenant's identity provider (issuer, client; the client secret stored sealed
// and never shown again). The issuer is discovered first, so a bad one saves nothing; whatever went
// wrong, the answer is the same (the guard's refusal, nothing listening, not a provider): only the log
// says which. ACC-5: a new connection signs in the domains the tenant has already verified.
// `checkVersion` honours If-Match.
import { eq, sql } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { AppError, invalidFields } from '../../../../platform/errors.js';
import { OutboundFailure } from '../../../../platform/outbound.js';
import { identityProviderDomainClaims, identityProviderDomains, identityProviders } from '../../schema.js';
import type { ConnectionBody } from '../contract.js';
import { domainsOf } from '../reads.js';
import { issuerProblems } from '../rules.js';
import { connectionView, type ProviderRow } from '../views.js';
import type { SsoDeps } from './deps.js';

export async function connectIdentityProvider(deps: SsoDeps, ctx: RequestContext, tenantId: string, input: ConnectionBody, checkVersion: (current: ProviderRow | undefined) => void) {
  const { db, box, platform } = deps;
  const issuer = input.issuer.trim();
  const problems = issuerProblems(issuer, { allowLoopbackHttp: !deps.config.production });
  const [existing] = await db.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId));
  if (!existing && input.clientSecret === undefined) problems.push({ path: '/clientSecret', code: 'required' });
  if (problems.length) throw invalidFields(...problems);
  checkVersion(existing);
  const clientSecret = input.clientSecret ?? box.open(existing!.clientSecretSealed);
  try {
    await deps.discovery.discover(issuer, input.clientId, clientSecret);
  } catch (error) {
    platform.log.info({ tenantId, reason: discoveryFailureReason(error) }, 'identity provider discovery failed');
    throw new AppError('identity_provider_discovery_failed', { issuer });
  }
  return platform.transaction(async (tx) => {
    const [before] = await tx.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId)).for('update');
    checkVersion(before);
    const beforeView = before ? connectionView(before, await domainsOf(tx, before.id)) : null;
    const values = {
      issuer,
      clientId: input.clientId.trim(),
      ...(input.clientSecret !== undefined ? { clientSecretSealed: box.seal(input.clientSecret) } : {}),
      updatedAt: new Date(),
    };
    const [row] = before
      ? await tx.update(identityProviders).set(values).where(eq(identityProviders.id, before.id)).returning()
      : await tx
          .insert(identityProviders)
          .values({ ...values, tenantId, clientSecretSealed: box.seal(input.clientSecret!) })
          .returning();
    // ACC-5: a new connection signs in the domains the tenant has already verified.
    if (!before) {
      await tx.execute(sql`
          insert into ${identityProviderDomains} (domain, identity_provider_id, tenant_id)
          select domain, ${row!.id}, tenant_id from ${identityProviderDomainClaims}
          where tenant_id = ${tenantId} and verified_at is not null`);
    }
    const after = connectionView(row!, await domainsOf(tx, row!.id));
    await writeAudit(tx, ctx, {
      tenantId,
      action: before ? 'identityProvider.updated' : 'identityProvider.created',
      resourceType: 'identityProvider',
      resourceId: row!.id,
      before: beforeView,
      // The secret itself is never recorded; only that it was replaced.
      after: { ...after, clientSecretChanged: input.clientSecret !== undefined },
    });
    return { row: row!, view: after, created: !before };
  });
}

/** What the log says about a failed discovery (the caller is told only that it failed). */
function discoveryFailureReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof OutboundFailure) return current.reason;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown';
}
