// REL-7: the customers a reseller shares with one of its providers (both have an active relationship
// with the customer, the provider's for this reseller).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import { tenants } from '../../identity/schema.js';
import type { Customer } from '../contract.js';
import { customerColumns, withRelationships } from '../reads.js';
import { customerRelationships } from '../schema.js';
import type { CustomersDeps } from './deps.js';

export async function sharedCustomers(deps: CustomersDeps, actor: Actor, relationshipId: string): Promise<Customer[]> {
  const relationship = await deps.relationships.getRelationship(actor, relationshipId);
  const mine = customerRelationships;
  const rows = await deps.db
    .select(customerColumns)
    .from(mine)
    .innerJoin(tenants, eq(tenants.id, mine.customerTenantId))
    .where(
      and(
        eq(mine.partnerTenantId, relationship.providerTenantId),
        eq(mine.resellerTenantId, relationship.resellerTenantId),
        eq(mine.state, 'active'),
        sql`exists (select 1 from customer_relationships r where r.customer_tenant_id = ${mine.customerTenantId} and r.partner_tenant_id = ${relationship.resellerTenantId} and r.state = 'active')`,
      ),
    )
    .orderBy(asc(tenants.name));
  return withRelationships(deps, rows);
}
