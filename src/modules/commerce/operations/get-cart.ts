// ORD-2: a cart the caller's tenant opened for this customer (another's is not found).
import type { Actor } from '../../../platform/access.js';
import type { Cart } from '../contract.js';
import { ownCart } from '../reads.js';
import { cartView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function getCart(deps: CommerceDeps, actor: Actor, customerTenantId: string, cartId: string): Promise<Cart> {
  return cartView(await ownCart(deps, deps.db, actor, customerTenantId, cartId));
}
