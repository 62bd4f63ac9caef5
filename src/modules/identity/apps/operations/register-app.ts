// A tenant's global admin registers an app: its name, the permissions its tokens carry (ACC-1: only
// ones the admin holds itself there) and its first client secret, stored hashed and shown in this
// answer only. The route has checked the tenant is the caller's own.
import { randomBytes } from 'node:crypto';
import { effectivePermissions } from '../../../../platform/access.js';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { hashSecret, newSecret } from '../../../../platform/auth/tokens.js';
import { AppError } from '../../../../platform/errors.js';
import type { AppBody, RegisteredApp } from '../contract.js';
import { defaultSecretLifetimeDays, unheldPermissions } from '../rules.js';
import { appSecrets, apps } from '../schema.js';
import { appAudit, appView } from '../views.js';
import type { AppsDeps } from './deps.js';

export async function registerApp(deps: AppsDeps, ctx: RequestContext, tenantId: string, input: AppBody): Promise<RegisteredApp> {
  const actor = ctx.actor!;
  const unheld = unheldPermissions(input.permissions, effectivePermissions(actor, tenantId));
  if (unheld.length) throw new AppError('app_permission_exceeds_own', {}, unheld);
  const clientSecret = newSecret('ccs');
  return deps.platform.transaction(async (tx) => {
    const [app] = await tx
      .insert(apps)
      .values({ tenantId, clientId: `cca_${randomBytes(16).toString('base64url')}`, name: input.name.trim(), permissions: input.permissions, createdByUserId: actor.app ? null : actor.userId })
      .returning();
    const [secret] = await tx
      .insert(appSecrets)
      .values({
        appId: app!.id,
        secretHash: hashSecret(clientSecret),
        prefix: clientSecret.slice(0, 8),
        expiresAt: new Date(Date.now() + (input.secretExpiresInDays ?? defaultSecretLifetimeDays) * 86_400_000),
      })
      .returning();
    await writeAudit(tx, ctx, {
      tenantId,
      action: 'app.created',
      resourceType: 'app',
      resourceId: app!.id,
      after: { ...appAudit(app!), credential: { id: secret!.id, prefix: secret!.prefix, expiresAt: secret!.expiresAt } },
    });
    return { ...appView(app!, [secret!]), clientSecret };
  });
}
