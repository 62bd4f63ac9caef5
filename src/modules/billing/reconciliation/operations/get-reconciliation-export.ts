// BIL-3: one of the caller's tenant's exports (404 for any other tenant), to poll until it has
// succeeded; then with a download link that expires.
import type { Actor } from '../../../../platform/access.js';
import type { ReconciliationExport } from '../contract.js';
import { ownExport, viewWithLink } from '../reads.js';
import type { ReconciliationDeps } from './deps.js';

export async function getReconciliationExport(deps: ReconciliationDeps, actor: Actor, id: string): Promise<ReconciliationExport> {
  return viewWithLink(deps, await ownExport(deps.db, actor.tenantId, id));
}
