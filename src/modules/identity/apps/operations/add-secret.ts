// A new client secret for an app, to rotate: stored hashed and shown in this answer only. At most two
// are valid at a time (the one in use and its replacement): a third is refused until one is revoked
// (or has expired). The app's row is locked, so two concurrent requests cannot both make the second.
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { hashSecret, newSecret } from '../../../../platform/auth/tokens.js';
import { AppError } from '../../../../platform/errors.js';
import type { NewAppSecret, SecretBody } from '../contract.js';
import { loadApp, secretsOf } from '../reads.js';
import { defaultSecretLifetimeDays, maxValidSecrets, secretIsValid } from '../rules.js';
import { appSecrets } from '../schema.js';
import { secretView } from '../views.js';
import type { AppsDeps } from './deps.js';

export async function addSecret(deps: AppsDeps, ctx: RequestContext, tenantId: string, appId: string, input: SecretBody): Promise<NewAppSecret> {
  const clientSecret = newSecret('ccs');
  return deps.platform.transaction(async (tx) => {
    await loadApp(tx, tenantId, appId, true);
    const now = new Date();
    const valid = (await secretsOf(tx, [appId])).get(appId)!.filter((s) => secretIsValid(s, now));
    if (valid.length >= maxValidSecrets) throw new AppError('app_secret_limit', { limit: maxValidSecrets });
    const [secret] = await tx
      .insert(appSecrets)
      .values({ appId, secretHash: hashSecret(clientSecret), prefix: clientSecret.slice(0, 8), expiresAt: new Date(now.getTime() + (input.expiresInDays ?? defaultSecretLifetimeDays) * 86_400_000) })
      .returning();
    await writeAudit(tx, ctx, { tenantId, action: 'appSecret.created', resourceType: 'appSecret', resourceId: secret!.id, after: { appId, ...secretView(secret!) } });
    return { ...secretView(secret!), clientSecret };
  });
}
