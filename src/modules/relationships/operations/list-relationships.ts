// REL-5: a reseller's providers (IsIndirectResellerOf) and a provider's resellers
// (IsIndirectCloudSolutionProviderOf), active ones, newest first, with their total.
import type { Actor } from '../../../platform/access.js';
import type { TimeCursor } from '../../../platform/http.js';
import type { Relationship, RelationshipType } from '../contract.js';
import { itemsFor } from '../reads.js';
import type { RelationshipsDeps } from './deps.js';

export async function listRelationships(
  deps: RelationshipsDeps,
  actor: Actor,
  query: { relationshipType?: RelationshipType; size: number; after?: TimeCursor },
): Promise<{ items: Relationship[]; totalCount: number }> {
  const { relationshipPage } = deps.statements;
  const shape = { asReseller: query.relationshipType !== 'IsIndirectCloudSolutionProviderOf', asProvider: query.relationshipType !== 'IsIndirectResellerOf', after: !!query.after };
  const values = { caller: actor.tenantId, afterAt: query.after?.at, afterId: query.after?.id };
  const rows = await relationshipPage(shape).execute({ ...values, limit: query.size + 1 });
  // Past the last page no row carries the total: the first page's first row does.
  const first = rows.length || !query.after ? rows : await relationshipPage({ ...shape, after: false }).execute({ ...values, limit: 1 });
  return { items: await itemsFor(deps, actor, rows.map((r) => r.row)), totalCount: first[0]?.total ?? 0 };
}
