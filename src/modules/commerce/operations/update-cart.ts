// ORD-2: the line items of an open, unexpired cart are replaced. ORD-3: term and billing cycle are
// checked as a pair first, as when the cart was created.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { Cart, LineBody } from '../contract.js';
import { ownCart } from '../reads.js';
import { numberedLines, unpairedLines } from '../rules.js';
import { carts } from '../schema.js';
import { cartView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function updateCart(deps: CommerceDeps, ctx: RequestContext, customerTenantId: string, cartId: string, lineItems: LineBody[]): Promise<Cart> {
  const actor = ctx.actor!;
  const unpaired = unpairedLines(lineItems);
  if (unpaired.length) throw new AppError('billing_cycle_not_allowed_for_term', {}, unpaired);
  return deps.platform.transaction(async (tx) => {
    const row = await ownCart(deps, tx, actor, customerTenantId, cartId, true);
    if (row.status !== 'open') throw new AppError('invalid_transition', { from: row.status, to: 'open' });
    if (row.expiresAt.getTime() <= Date.now()) throw new AppError('cart_expired');
    const [after] = await tx.update(carts).set({ lineItems: numberedLines(lineItems), updatedAt: new Date() }).where(eq(carts.id, cartId)).returning();
    await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'cart.updated', resourceType: 'cart', resourceId: cartId, before: cartView(row), after: cartView(after!) });
    return cartView(after!);
  });
}
