// MKP-5: the authorized partners of an offer as CSV (the live list once live with selected partners,
// else the draft's), each cell a spreadsheet would run as a formula neutralized.
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../../../platform/access.js';
import { csvSafe } from '../rules.js';
import type { MarketplaceDeps } from './deps.js';
import { getCspAudience } from './get-csp-audience.js';

export async function exportCspAudience(deps: MarketplaceDeps, actor: Actor, id: string): Promise<string> {
  const { view } = await getCspAudience(deps, actor, id);
  const partners = view.live?.mode === 'selected' ? view.live.partners : view.draft.partners;
  return stringify([['tenantId', 'name', 'country'], ...partners.map((p) => [p.tenantId, csvSafe(p.name), csvSafe(p.country)])]);
}
