// ORD-2: a provider opens a cart for a customer tenant; it expires after cartDays. ORD-3: each line's
// term and billing cycle are checked as a pair before the cart is written (checkout checks again).
// CUS-6 (may the provider order for this customer) is checked at checkout.
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { Cart, LineBody } from '../contract.js';
import { cartDays, numberedLines, unpairedLines } from '../rules.js';
import { carts } from '../schema.js';
import { cartView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function createCart({ platform, identity }: CommerceDeps, ctx: RequestContext, customerTenantId: string, lineItems: LineBody[]): Promise<Cart> {
  const actor = ctx.actor!;
  const unpaired = unpairedLines(lineItems);
  if (unpaired.length) throw new AppError('billing_cycle_not_allowed_for_term', {}, unpaired);
  // A cart is for an existing customer tenant.
  const memberships = await identity.memberships(customerTenantId);
  if (!memberships.some((m) => m.program === 'customer')) throw notFound('customer');
  return platform.transaction(async (tx) => {
    const [row] = await tx
      .insert(carts)
      .values({ customerTenantId, providerTenantId: actor.tenantId, lineItems: numberedLines(lineItems), expiresAt: new Date(Date.now() + cartDays * 86_400_000) })
      .returning();
    await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'cart.created', resourceType: 'cart', resourceId: row!.id, after: cartView(row!) });
    return cartView(row!);
  });
}
