// One of the tenant's apps with its secrets that are not revoked (never a secret itself); 404 when deleted.
import { loadApp, secretsOf } from '../reads.js';
import { appView } from '../views.js';
import type { AppsDeps } from './deps.js';

export async function getApp(deps: AppsDeps, tenantId: string, appId: string) {
  const row = await loadApp(deps.db, tenantId, appId);
  const secrets = await secretsOf(deps.db, [row.id]);
  return { row, view: appView(row, secrets.get(row.id) ?? []) };
}
