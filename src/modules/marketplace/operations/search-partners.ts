// MKP-3: publishers search partners for their offers' audiences, and the operator; nobody else. Active CSP
// resellers by name fragment or tenant ID, filtered by country, competency and skill; one page (size + 1 rows)
// after a (name, tenant ID) position.
import { arrayLiteral, escapeLike } from '../../../db/index.js';
import type { Actor } from '../../../platform/access.js';
import type { PartnerSearchItem } from '../contract.js';
import { requirePublisher } from '../reads.js';
import type { MarketplaceDeps } from './deps.js';

export async function searchPartners(
  { identity, statements }: MarketplaceDeps,
  actor: Actor,
  query: { q?: string; tenantId?: string; country?: string; competency?: string; skill?: string; size: number; after?: { name: string; tenantId: string } },
): Promise<PartnerSearchItem[]> {
  // The caller's publisher membership came with its session or token; the look-up is for other callers.
  if (!actor.isOperator && !actor.isPublisher) await requirePublisher(identity, actor.tenantId);
  const terms = [query.country && `country:${query.country}`, query.competency && `competency:${query.competency}`, query.skill && `skill:${query.skill}`].filter((term): term is string => !!term);
  return statements.partnerSearchQuery({ tenantId: !!query.tenantId, q: !!query.q, terms: terms.length > 0, after: !!query.after }).execute({
    tenantId: query.tenantId,
    q: query.q ? `%${escapeLike(query.q)}%` : undefined,
    terms: arrayLiteral(terms),
    afterName: query.after?.name,
    afterTenantId: query.after?.tenantId,
    limit: query.size + 1,
  });
}
