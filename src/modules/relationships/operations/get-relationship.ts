// REL-5: one relationship, as the side asking sees it (404 to anyone else).
import type { Actor } from '../../../platform/access.js';
import type { Relationship } from '../contract.js';
import { itemsFor, relationshipOfSide } from '../reads.js';
import type { RelationshipsDeps } from './deps.js';

export async function getRelationship(deps: RelationshipsDeps, actor: Actor, id: string): Promise<Relationship> {
  return (await itemsFor(deps, actor, [await relationshipOfSide(deps.db, actor, id)]))[0]!;
}
