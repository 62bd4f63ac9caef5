// MKP-3: the partner's search entry follows its legal profile and attributes, in their transaction
// (no entry until there is a legal profile, as search needs a name and a country).
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';

export async function refreshSearchEntry(tx: Queryable, tenantId: string) {
  await tx.execute(sql`
      insert into partner_search (tenant_id, legal_name, country, competencies, skills, terms)
      select l.tenant_id, l.legal_name, l.country, coalesce(a.competencies, '{}'), coalesce(a.skills, '{}'), partner_search_terms(l.country, a.competencies, a.skills)
      from legal_business_profiles l left join partner_attributes a on a.tenant_id = l.tenant_id
      where l.tenant_id = ${tenantId}
      on conflict (tenant_id) do update set legal_name = excluded.legal_name, country = excluded.country, competencies = excluded.competencies,
        skills = excluded.skills, terms = excluded.terms`);
}
