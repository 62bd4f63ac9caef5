// MKP-3: the values partner search filters by competency and skill, as the active CSP resellers name
// them (enrollment's attributes, read from partner_search), so a publisher picks one instead of guessing
// the spelling; for publishers and the operator, like the search itself.
import { sql } from 'drizzle-orm';
import { query } from '../../../db/index.js';
import type { Actor } from '../../../platform/access.js';
import { enrollments, partnerSearch } from '../../enrollment/schema.js';
import type { PartnerSearchFilters } from '../contract.js';
import { requirePublisher } from '../reads.js';
import type { MarketplaceDeps } from './deps.js';

export async function listPartnerSearchFilters({ db, identity }: MarketplaceDeps, actor: Actor): Promise<PartnerSearchFilters> {
  if (!actor.isOperator && !actor.isPublisher) await requirePublisher(identity, actor.tenantId);
  const values = (column: 'competencies' | 'skills') => sql`coalesce((
    select array_agg(distinct v order by v) from ${partnerSearch} p cross join unnest(p.${sql.identifier(column)}) as u(v)
    where exists (select 1 from ${enrollments} e where e.tenant_id = p.tenant_id and e.program = 'indirectReseller' and e.status = 'active')
  ), '{}'::text[])`;
  const [row] = await query<PartnerSearchFilters>(db, sql`select ${values('competencies')} as competencies, ${values('skills')} as skills`);
  return { competencies: row?.competencies ?? [], skills: row?.skills ?? [] };
}
