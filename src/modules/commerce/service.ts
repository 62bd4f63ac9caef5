// Commerce: the catalog (ORD-1, MKT-4), carts and checkout (ORD-2, ORD-3, CUS-6), orders and
// subscriptions (ORD-4), license assignment, and resale stamps (ORD-5).
import { randomUUID } from 'node:crypto';
import { and, desc, eq, getTableColumns, inArray, lt, or, sql } from 'drizzle-orm';
import { arrayLiteral, preparedByShape, query, type Queryable } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import { writeAudit, type RequestContext } from '../../platform/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { uuidPattern } from '../../platform/http.js';
import type { CustomersService } from '../customers/service.js';
import type { EnrollmentService } from '../enrollment/service.js';
import type { IdentityService } from '../identity/service.js';
import type { MarketsService } from '../markets/service.js';
import type { RelationshipsService } from '../relationships/service.js';
import { cartDays, firstFailure, orderingField, priceIn, seatChangeAllowed, subscriptionTransitions, unpairedLines, type LineFacts, type SubscriptionStatus } from './rules.js';
import { carts, licenseAssignments, orderLineItems, orders, products, subscriptions, type CartLine, type Sku } from './schema.js';

export type ProductRow = typeof products.$inferSelect;
type SubscriptionRow = typeof subscriptions.$inferSelect;
type OrderRow = typeof orders.$inferSelect;

export interface ProductInput {
  name: string;
  description: string;
  skus: Sku[];
  markets: string[];
}

/** A catalog item is one SKU of one product: "<productId>:<skuId>". */
export function catalogItemId(productId: string, skuId: string) {
  return `${productId}:${skuId}`;
}

function parseCatalogItemId(id: string): { productId: string; skuId: string } | undefined {
  const at = id.indexOf(':');
  const productId = id.slice(0, at);
  return at > 0 && uuidPattern.test(productId) ? { productId, skuId: id.slice(at + 1) } : undefined;
}

/** Per-offer rule a marketplace adds: is this reseller in the offer's live CSP audience? */
export type AudienceCheck = (offerIds: string[], resellerTenantIds: string[]) => Promise<(offerId: string, resellerTenantId: string) => boolean>;

export function commerceService(
  platform: Platform,
  deps: { identity: IdentityService; enrollment: EnrollmentService; markets: MarketsService; relationships: RelationshipsService; customers: CustomersService },
) {
  const { db } = platform;
  const { identity, enrollment, markets, relationships, customers } = deps;
  let audienceCheck: AudienceCheck = async () => () => true;

  // ------------------------------------------------------------------------------------------
  // Catalog (ORD-1, MKT-4)

  function productView(p: ProductRow) {
    return { id: p.id, source: p.source, publisherTenantId: p.publisherTenantId, name: p.name, description: p.description, skus: p.skus, markets: p.markets, active: p.active, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
  }

  async function saveProduct(ctx: RequestContext, input: ProductInput, id?: string) {
    return platform.transaction(async (tx) => {
      const values = { name: input.name.trim(), description: input.description, skus: input.skus, markets: [...new Set(input.markets)].sort(), updatedAt: new Date() };
      let before: ProductRow | undefined;
      let after: ProductRow | undefined;
      if (id) {
        [before] = await tx.select().from(products).where(and(eq(products.id, id), eq(products.source, 'operator'))).for('update');
        if (!before) throw notFound('product');
        [after] = await tx.update(products).set(values).where(eq(products.id, id)).returning();
      } else {
        [after] = await tx.insert(products).values({ ...values, source: 'operator' }).returning();
      }
      await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: before ? 'product.updated' : 'product.created', resourceType: 'product', resourceId: after!.id, before: before ?? null, after });
      return productView(after!);
    });
  }

  async function listProducts() {
    return (await db.select().from(products).where(eq(products.source, 'operator')).orderBy(products.name)).map(productView);
  }

  /** ORD-1, MKT-4: what can be sold to a customer in this country, priced in its market's currency. */
  async function catalogFor(country: string) {
    const currency = await markets.currencyOf(country);
    if (!currency) return { currency: null, items: [] };
    const rows = await db
      .select()
      .from(products)
      .where(and(eq(products.active, true), sql`${country} = any(${products.markets})`))
      .orderBy(products.name);
    const items = rows.flatMap((p) =>
      p.skus
        .filter((sku) => priceIn(sku, currency) !== undefined)
        .map((sku) => ({
          catalogItemId: catalogItemId(p.id, sku.skuId),
          offerId: p.id,
          source: p.source,
          name: p.name,
          description: p.description,
          skuId: sku.skuId,
          skuName: sku.name,
          termDurations: sku.termDurations,
          billingCycles: sku.billingCycles,
          unitPrice: priceIn(sku, currency)!,
          currency,
        })),
    );
    return { currency, items };
  }

  // ------------------------------------------------------------------------------------------
  // Carts (ORD-2)

  function cartView(c: typeof carts.$inferSelect) {
    return { id: c.id, customerTenantId: c.customerTenantId, status: c.status, lineItems: c.lineItems, expiresAt: c.expiresAt.toISOString(), createdAt: c.createdAt.toISOString() };
  }

  /** A cart is for an existing customer tenant; whether the provider may order for it is checked at checkout (CUS-6). */
  async function requireCustomer(customerTenantId: string) {
    const memberships = await identity.memberships(customerTenantId);
    if (!memberships.some((m) => m.program === 'customer')) throw notFound('customer');
  }

  function numbered(lines: Omit<CartLine, 'lineItemNumber'>[]): CartLine[] {
    return lines.map((line, index) => ({ ...line, lineItemNumber: index + 1 }));
  }

  /** ORD-3: a cart line's term and billing cycle are checked as a pair before the cart is written (checkout checks again). */
  function checkLines(lines: Omit<CartLine, 'lineItemNumber'>[]) {
    const unpaired = unpairedLines(lines);
    if (unpaired.length) throw new AppError('billing_cycle_not_allowed_for_term', {}, unpaired);
  }

  async function createCart(ctx: RequestContext, customerTenantId: string, lineItems: Omit<CartLine, 'lineItemNumber'>[]) {
    const actor = ctx.actor!;
    checkLines(lineItems);
    await requireCustomer(customerTenantId);
    return platform.transaction(async (tx) => {
      const [row] = await tx
        .insert(carts)
        .values({ customerTenantId, providerTenantId: actor.tenantId, lineItems: numbered(lineItems), expiresAt: new Date(Date.now() + cartDays * 86_400_000) })
        .returning();
      await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'cart.created', resourceType: 'cart', resourceId: row!.id, after: cartView(row!) });
      return cartView(row!);
    });
  }

  const cartById = db
    .select()
    .from(carts)
    .where(and(eq(carts.id, sql.placeholder('cart')), eq(carts.customerTenantId, sql.placeholder('customer')), eq(carts.providerTenantId, sql.placeholder('provider'))))
    .prepare('cart_by_id');

  async function ownCart(q: Queryable, actor: Actor, customerTenantId: string, cartId: string, lock = false) {
    if (q === db && !lock) {
      const [row] = await cartById.execute({ cart: cartId, customer: customerTenantId, provider: actor.tenantId });
      if (!row) throw notFound('cart');
      return row;
    }
    const select = q.select().from(carts).where(and(eq(carts.id, cartId), eq(carts.customerTenantId, customerTenantId), eq(carts.providerTenantId, actor.tenantId)));
    const [row] = lock ? await select.for('update') : await select;
    if (!row) throw notFound('cart');
    return row;
  }

  async function getCart(actor: Actor, customerTenantId: string, cartId: string) {
    return cartView(await ownCart(db, actor, customerTenantId, cartId));
  }

  async function updateCart(ctx: RequestContext, customerTenantId: string, cartId: string, lineItems: Omit<CartLine, 'lineItemNumber'>[]) {
    const actor = ctx.actor!;
    checkLines(lineItems);
    return platform.transaction(async (tx) => {
      const row = await ownCart(tx, actor, customerTenantId, cartId, true);
      if (row.status !== 'open') throw new AppError('invalid_transition', { from: row.status, to: 'open' });
      if (row.expiresAt.getTime() <= Date.now()) throw new AppError('cart_expired');
      const [after] = await tx.update(carts).set({ lineItems: numbered(lineItems), updatedAt: new Date() }).where(eq(carts.id, cartId)).returning();
      await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'cart.updated', resourceType: 'cart', resourceId: cartId, before: cartView(row), after: cartView(after!) });
      return cartView(after!);
    });
  }

  // ------------------------------------------------------------------------------------------
  // Checkout (ORD-2, ORD-3, CUS-6, ORD-4, ORD-5)

  const activeProducts = db
    .select()
    .from(products)
    .where(and(sql`${products.id} = any(${sql.placeholder('ids')}::uuid[])`, eq(products.active, sql`true`)))
    .prepare('products_active_by_ids');

  /**
   * Everything the ORD-3 checks need, read in a fixed number of queries per distinct reseller, for the
   * provider that orders: a cart's lines at checkout, or a subscription's change that adds seats or reactivates.
   */
  async function gatherFacts(providerTenantId: string, customerTenantId: string, lines: CartLine[]) {
    const productIds = [...new Set(lines.map((l) => parseCatalogItemId(l.catalogItemId)?.productId).filter((id): id is string => id !== undefined))];
    // Independent reads, outside any transaction: side by side.
    const [provider, customer, regionOf, resellerByPartnerId, providerRelationship, productRows] = await Promise.all([
      enrollment.standing(providerTenantId, 'indirectProvider'),
      identity.getTenant(customerTenantId).then((t) => t!),
      markets.regionLookup(),
      enrollment.tenantsByPartnerIds([...new Set(lines.map((l) => l.resellerPartnerId))]),
      customers.relationshipWith(providerTenantId, customerTenantId),
      productIds.length ? activeProducts.execute({ ids: arrayLiteral(productIds) }) : Promise.resolve([]),
    ]);
    const resellerIds = [...new Set(resellerByPartnerId.values())];
    const [currency, inAudience, perReseller] = await Promise.all([
      markets.currencyOf(customer.country),
      audienceCheck(productRows.filter((p) => p.source === 'marketplace').map((p) => p.id), resellerIds),
      Promise.all(
        resellerIds.map((id) =>
          Promise.all([enrollment.standing(id, 'indirectReseller'), relationships.activeBetween([providerTenantId], id), customers.relationshipWith(id, customerTenantId)]),
        ),
      ),
    ]);
    const providerRegion = regionOf(provider.legalCountry ?? '');
    const resellerFacts = new Map<string, NonNullable<LineFacts['reseller']>>();
    resellerIds.forEach((resellerId, index) => {
      const [standing, authorizing, customerRelationship] = perReseller[index]!;
      resellerFacts.set(resellerId, {
        enrollmentStatus: standing.enrollmentStatus,
        agreementAccepted: standing.agreementAccepted,
        associatedPartnerId: standing.partnerId,
        authorizedProvider: authorizing.some((r) => r.resellerTenantId === resellerId),
        customerRelationship: customerRelationship !== undefined,
        // MKT-3: the customer's market is in the region of the provider and of the reseller.
        inRegion: regionOf(customer.country) !== undefined && regionOf(customer.country) === providerRegion && regionOf(standing.legalCountry ?? '') === providerRegion,
        inAudience: true,
      });
    });
    return lines.map((line) => {
      const ref = parseCatalogItemId(line.catalogItemId);
      const product = productRows.find((p) => p.id === ref?.productId);
      const resellerId = resellerByPartnerId.get(line.resellerPartnerId);
      const reseller = resellerId ? resellerFacts.get(resellerId)! : null;
      const facts: LineFacts = {
        providerActive: provider.enrollmentStatus === 'active',
        reseller: reseller && product?.source === 'marketplace' ? { ...reseller, inAudience: inAudience(product.id, resellerId!) } : reseller,
        resellerPartnerId: line.resellerPartnerId,
        providerCustomerRelationship: providerRelationship !== undefined,
        offer: product ? { markets: product.markets, sku: product.skus.find((s) => s.skuId === ref!.skuId) } : null,
        customerCountry: customer.country,
        currency,
        termDuration: line.termDuration,
        billingCycle: line.billingCycle,
        quantity: line.quantity,
      };
      return { line, facts, product, resellerId, currency: currency! };
    });
  }

  async function orderView(q: Queryable, order: OrderRow) {
    return orderViewOf(order, await q.select().from(orderLineItems).where(eq(orderLineItems.orderId, order.id)).orderBy(orderLineItems.lineItemNumber));
  }

  function orderViewOf(order: OrderRow, lines: (typeof orderLineItems.$inferSelect)[]) {
    return {
      id: order.id,
      customerTenantId: order.customerTenantId,
      resellerTenantId: order.resellerTenantId,
      status: order.status,
      currency: order.currency,
      lineItems: lines.map((l) => ({
        lineItemNumber: l.lineItemNumber,
        offerId: l.offerId,
        skuId: l.skuId,
        quantity: l.quantity,
        termDuration: l.termDuration,
        billingCycle: l.billingCycle,
        unitPrice: Number(l.unitPrice),
        partnerIdOnRecord: l.partnerIdOnRecord,
        subscriptionId: l.subscriptionId,
      })),
      createdAt: order.createdAt.toISOString(),
    };
  }

  /**
   * ORD-2, ORD-5: one order per reseller of record, a subscription and an order line per cart line, the
   * resale stamps of marketplace offers, and the cart marked checked out, in one statement. The cart's
   * update is the lock: when it finds the cart no longer open nothing is written (undefined). IDs and the
   * time are chosen here, so the order views need no second read. The PartnerID on record is the reseller
   * of record's, never the provider's (ORD-2).
   */
  async function writeOrders(tx: Queryable, actor: Actor, customerTenantId: string, cartId: string, good: Awaited<ReturnType<typeof gatherFacts>>) {
    const now = new Date();
    const orderIds = new Map<string, string>();
    for (const { resellerId } of good) if (!orderIds.has(resellerId!)) orderIds.set(resellerId!, randomUUID());
    const lines = good.map(({ line, product, resellerId, currency }) => {
      const sku = product!.skus.find((s) => s.skuId === parseCatalogItemId(line.catalogItemId)!.skuId)!;
      return { line, product: product!, resellerId: resellerId!, orderId: orderIds.get(resellerId!)!, subscriptionId: randomUUID(), sku, currency, unitPrice: String(priceIn(sku, currency)) };
    });
    const column = <T>(pick: (l: (typeof lines)[number]) => T) => arrayLiteral(lines.map((l) => String(pick(l))));
    // ORD-5: the first order of a marketplace offer by a reseller marks it as resold.
    const stamps = [...new Map(lines.filter((l) => l.product.source === 'marketplace').map((l) => [`${l.product.id}:${l.resellerId}`, l])).values()];
    const stampColumn = (pick: (l: (typeof lines)[number]) => string) => arrayLiteral(stamps.map(pick));
    const rows = await query<{ line_item_number: number; unit_price: string }>(
      tx,
      sql`with checked_out as (
          update carts set status = 'checkedOut', updated_at = ${now}::timestamptz
          where id = ${cartId} and customer_tenant_id = ${customerTenantId} and provider_tenant_id = ${actor.tenantId} and status = 'open'
          returning id
        ), input as (
          select t.* from unnest(${column((l) => l.subscriptionId)}::uuid[], ${column((l) => l.orderId)}::uuid[], ${column((l) => l.resellerId)}::uuid[],
            ${column((l) => l.line.lineItemNumber)}::int[], ${column((l) => l.product.id)}::uuid[], ${column((l) => l.sku.skuId)}::text[],
            ${column((l) => `${l.product.name} — ${l.sku.name}`)}::text[], ${column((l) => l.line.quantity)}::int[], ${column((l) => l.line.termDuration)}::text[],
            ${column((l) => l.line.billingCycle)}::text[], ${column((l) => l.currency)}::text[], ${column((l) => l.unitPrice)}::numeric[],
            ${column((l) => l.line.resellerPartnerId)}::text[])
            as t(subscription_id, order_id, reseller_tenant_id, line_item_number, offer_id, sku_id, name, quantity, term_duration, billing_cycle, currency, unit_price, partner_id_on_record)
          where exists (select 1 from checked_out)
        ), new_orders as (
          insert into orders (id, cart_id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, currency, created_at)
          select distinct on (order_id) order_id, ${cartId}::uuid, ${customerTenantId}::uuid, ${actor.tenantId}::uuid, reseller_tenant_id, currency, ${now}::timestamptz
          from input order by order_id, line_item_number
        ), new_subscriptions as (
          insert into subscriptions (id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, order_id, offer_id, sku_id, name, quantity, term_duration,
            billing_cycle, currency, unit_price, partner_id_on_record, created_at, updated_at)
          select subscription_id, ${customerTenantId}::uuid, ${actor.tenantId}::uuid, reseller_tenant_id, order_id, offer_id, sku_id, name, quantity, term_duration,
            billing_cycle, currency, unit_price, partner_id_on_record, ${now}::timestamptz, ${now}::timestamptz
          from input
        ), new_lines as (
          insert into order_line_items (order_id, line_item_number, offer_id, sku_id, quantity, term_duration, billing_cycle, unit_price, partner_id_on_record, subscription_id)
          select order_id, line_item_number, offer_id, sku_id, quantity, term_duration, billing_cycle, unit_price, partner_id_on_record, subscription_id from input
          returning line_item_number, unit_price
        ), new_stamps as (
          insert into resale_stamps (offer_id, reseller_tenant_id, first_order_id)
          select s.offer_id, s.reseller_tenant_id, s.first_order_id
          from unnest(${stampColumn((l) => l.product.id)}::uuid[], ${stampColumn((l) => l.resellerId)}::uuid[], ${stampColumn((l) => l.orderId)}::uuid[]) as s(offer_id, reseller_tenant_id, first_order_id)
          where exists (select 1 from checked_out)
          on conflict do nothing
        )
        select line_item_number, unit_price::text as unit_price from new_lines`,
    );
    if (rows.length === 0) return undefined;
    // The stored unit price (numeric(14,4)), as a later read would show it.
    const stored = new Map(rows.map((r) => [Number(r.line_item_number), r.unit_price]));
    return [...orderIds].map(([resellerTenantId, orderId]) =>
      orderViewOf(
        { id: orderId, cartId, customerTenantId, providerTenantId: actor.tenantId, resellerTenantId, currency: lines.find((l) => l.orderId === orderId)!.currency, status: 'completed', createdAt: now },
        lines
          .filter((l) => l.orderId === orderId)
          .sort((a, b) => a.line.lineItemNumber - b.line.lineItemNumber)
          .map((l) => ({
            orderId,
            lineItemNumber: l.line.lineItemNumber,
            offerId: l.product.id,
            skuId: l.sku.skuId,
            quantity: l.line.quantity,
            termDuration: l.line.termDuration,
            billingCycle: l.line.billingCycle,
            unitPrice: stored.get(l.line.lineItemNumber)!,
            partnerIdOnRecord: l.line.resellerPartnerId,
            subscriptionId: l.subscriptionId,
          })),
      ),
    );
  }

  /** Every line checked (ORD-3), then one transaction: the orders written with the cart's lock, their audit records. */
  async function checkout(ctx: RequestContext, customerTenantId: string, cartId: string) {
    const actor = ctx.actor!;
    const cart = await ownCart(db, actor, customerTenantId, cartId);
    if (cart.status === 'open' && cart.expiresAt.getTime() <= Date.now()) throw new AppError('cart_expired');
    const evaluated = cart.status === 'open' ? await gatherFacts(actor.tenantId, customerTenantId, cart.lineItems) : [];
    const orderErrors = evaluated.flatMap(({ line, facts }) => {
      const code = firstFailure(facts);
      return code ? [{ lineItemNumber: line.lineItemNumber, code }] : [];
    });
    const replay = async () => {
      // Checked out already (a retry, or a concurrent request that won): the same orders again.
      const existing = await db.select().from(orders).where(eq(orders.cartId, cartId)).orderBy(orders.createdAt);
      return { orders: await Promise.all(existing.map((o) => orderView(db, o))), orderErrors: [] as { lineItemNumber: number; code: string }[] };
    };
    if (cart.status !== 'open') return replay();
    const good = evaluated.filter(({ line }) => !orderErrors.some((e) => e.lineItemNumber === line.lineItemNumber));
    const result =
      good.length === 0
        ? { orders: [], orderErrors }
        : await platform.transaction(async (tx) => {
            const written = await writeOrders(tx, actor, customerTenantId, cartId, good);
            if (!written) return undefined; // another checkout of this cart won the row
            platform.crashPoint('checkout');
            for (const view of written) await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'order.created', resourceType: 'order', resourceId: view.id, after: view });
            return { orders: written, orderErrors };
          });
    if (!result) return replay();
    if (result.orders.length === 0) {
      // Nothing could be ordered: the refusal names the first line's reason (each line's in errors).
      throw new AppError(
        result.orderErrors[0]!.code as never,
        {},
        result.orderErrors.map((e) => ({ path: `/lineItems/${e.lineItemNumber - 1}`, code: e.code })),
      );
    }
    return { orders: result.orders, orderErrors: result.orderErrors };
  }

  // ------------------------------------------------------------------------------------------
  // Orders and subscriptions (ORD-4)

  /** Who sees a customer's orders and subscriptions: the customer, its provider, the reseller of record. */
  function visibleTo(actor: Actor, customerTenantId: string) {
    if (actor.tenantId === customerTenantId) return eq(subscriptions.customerTenantId, customerTenantId);
    return and(eq(subscriptions.customerTenantId, customerTenantId), or(eq(subscriptions.providerTenantId, actor.tenantId), eq(subscriptions.resellerTenantId, actor.tenantId)));
  }

  async function listOrders(actor: Actor, customerTenantId: string, size: number, after?: { at: Date; id: string }) {
    await customers.requireVisible(actor, customerTenantId); // another tenant's customer is not found
    const mine =
      actor.tenantId === customerTenantId
        ? eq(orders.customerTenantId, customerTenantId)
        : and(eq(orders.customerTenantId, customerTenantId), or(eq(orders.providerTenantId, actor.tenantId), eq(orders.resellerTenantId, actor.tenantId)));
    const page = after ? or(lt(orders.createdAt, after.at), and(eq(orders.createdAt, after.at), lt(orders.id, after.id))) : undefined;
    const [rows, [count]] = await Promise.all([
      db.select().from(orders).where(and(mine, page)).orderBy(desc(orders.createdAt), desc(orders.id)).limit(size + 1),
      db.select({ n: sql<number>`count(*)::int` }).from(orders).where(mine),
    ]);
    return { items: await Promise.all(rows.map((o) => orderView(db, o))), totalCount: count?.n ?? 0, rows };
  }

  async function getOrder(actor: Actor, customerTenantId: string, orderId: string) {
    const [order] = await db.select().from(orders).where(and(eq(orders.id, orderId), eq(orders.customerTenantId, customerTenantId)));
    if (!order || (actor.tenantId !== customerTenantId && actor.tenantId !== order.providerTenantId && actor.tenantId !== order.resellerTenantId)) throw notFound('order');
    return orderView(db, order);
  }

  async function assignedCounts(q: Queryable, ids: string[]) {
    if (ids.length === 0) return new Map<string, number>();
    const rows = await q
      .select({ id: licenseAssignments.subscriptionId, n: sql<number>`count(*)::int` })
      .from(licenseAssignments)
      .where(inArray(licenseAssignments.subscriptionId, ids))
      .groupBy(licenseAssignments.subscriptionId);
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  function subscriptionView(s: SubscriptionRow, assigned: number) {
    return {
      id: s.id,
      customerTenantId: s.customerTenantId,
      offerId: s.offerId,
      skuId: s.skuId,
      name: s.name,
      quantity: s.quantity,
      assignedLicenses: assigned,
      termDuration: s.termDuration,
      billingCycle: s.billingCycle,
      currency: s.currency,
      unitPrice: Number(s.unitPrice),
      partnerIdOnRecord: s.partnerIdOnRecord,
      providerTenantId: s.providerTenantId,
      resellerTenantId: s.resellerTenantId,
      orderId: s.orderId,
      status: s.status,
      autoRenewEnabled: s.autoRenewEnabled,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    };
  }

  /** A page of a customer's subscriptions with each one's assigned licences and the total: one prepared statement. */
  const subscriptionPage = preparedByShape('subscriptions_page', (shape: { own: boolean; after: boolean }, name) => {
    const caller = sql.placeholder('caller');
    const afterAt = sql.placeholder('afterAt');
    const filters = [eq(subscriptions.customerTenantId, sql.placeholder('customer'))];
    if (!shape.own) filters.push(or(eq(subscriptions.providerTenantId, caller), eq(subscriptions.resellerTenantId, caller))!);
    const page = shape.after ? or(lt(subscriptions.createdAt, afterAt), and(eq(subscriptions.createdAt, afterAt), lt(subscriptions.id, sql.placeholder('afterId')))) : undefined;
    const total = sql<number>`(select count(*)::int from subscriptions s where s.customer_tenant_id = ${sql.placeholder('customer')}${
      shape.own ? sql`` : sql` and (s.provider_tenant_id = ${caller} or s.reseller_tenant_id = ${caller})`
    })`;
    return db
      .select({ row: getTableColumns(subscriptions), assigned: sql<number>`(select count(*)::int from license_assignments a where a.subscription_id = "subscriptions"."id")`, total })
      .from(subscriptions)
      .where(and(...filters, page))
      .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
      .limit(sql.placeholder('limit'))
      .prepare(name);
  });

  async function listSubscriptions(actor: Actor, customerTenantId: string, size: number, after?: { at: Date; id: string }) {
    await customers.requireVisible(actor, customerTenantId);
    const own = actor.tenantId === customerTenantId;
    const values = { customer: customerTenantId, caller: actor.tenantId, afterAt: after?.at, afterId: after?.id };
    const rows = await subscriptionPage({ own, after: !!after }).execute({ ...values, limit: size + 1 });
    // Past the last page no row carries the total: the first page's first row does.
    const first = rows.length || !after ? rows : await subscriptionPage({ own, after: false }).execute({ ...values, limit: 1 });
    return { items: rows.map(({ row, assigned }) => ({ row, view: subscriptionView(row, assigned) })), totalCount: first[0]?.total ?? 0 };
  }

  async function visibleSubscription(q: Queryable, actor: Actor, customerTenantId: string, id: string, lock = false) {
    const select = q.select().from(subscriptions).where(and(eq(subscriptions.id, id), visibleTo(actor, customerTenantId)));
    const [row] = lock ? await select.for('update') : await select;
    if (!row) throw notFound('subscription');
    return row;
  }

  async function getSubscription(actor: Actor, customerTenantId: string, id: string) {
    const row = await visibleSubscription(db, actor, customerTenantId, id);
    return subscriptionView(row, (await assignedCounts(db, [id])).get(id) ?? 0);
  }

  /**
   * ORD-4: the provider changes everything; the reseller of record's admin agents change the quantity.
   * ORD-3 on every change: adding seats or reactivating is an order for the subscription's offer, SKU,
   * reseller of record and customer, refused as checkout would refuse it; reductions, suspension and
   * auto-renew are never held back by it, so a customer is never trapped.
   */
  async function updateSubscription(ctx: RequestContext, customerTenantId: string, id: string, input: { quantity?: number; status?: 'active' | 'suspended'; autoRenewEnabled?: boolean }) {
    const actor = ctx.actor!;
    // The facts are read before the transaction, as at checkout (a query on db inside it would wait on
    // PGlite). What they are about (offer, SKU, reseller of record, customer) never changes on a subscription.
    const seen = await visibleSubscription(db, actor, customerTenantId, id);
    const mayOrder = input.quantity !== undefined || input.status === 'active';
    const line: CartLine = {
      lineItemNumber: 1,
      catalogItemId: catalogItemId(seen.offerId, seen.skuId),
      quantity: input.quantity ?? seen.quantity,
      termDuration: seen.termDuration,
      billingCycle: seen.billingCycle,
      resellerPartnerId: seen.partnerIdOnRecord,
    };
    const facts = mayOrder ? (await gatherFacts(seen.providerTenantId, customerTenantId, [line]))[0]!.facts : undefined;
    return platform.transaction(async (tx) => {
      const row = await visibleSubscription(tx, actor, customerTenantId, id, true);
      const isProvider = row.providerTenantId === actor.tenantId;
      const isReseller = row.resellerTenantId === actor.tenantId;
      if (!isProvider && !(isReseller && actor.roles.includes('adminAgent') && input.status === undefined && input.autoRenewEnabled === undefined)) throw new AppError('forbidden');
      if (input.status && input.status !== row.status && !subscriptionTransitions[row.status as SubscriptionStatus].includes(input.status)) {
        throw new AppError('invalid_transition', { from: row.status, to: input.status });
      }
      if (row.status === 'cancelled') throw new AppError('subscription_not_active');
      const current = { status: row.status as SubscriptionStatus, quantity: row.quantity };
      if (!seatChangeAllowed(current, input)) throw new AppError('subscription_suspended', {}, [{ path: '/quantity', code: 'subscription_suspended' }]);
      const ordering = orderingField(current, input);
      const refusal = ordering && facts ? firstFailure(facts) : null;
      if (refusal) throw new AppError(refusal, {}, [{ path: ordering!, code: refusal }]);
      if (input.quantity !== undefined) {
        const assigned = (await assignedCounts(tx, [id])).get(id) ?? 0;
        if (input.quantity < assigned) throw new AppError('licenses_assigned');
      }
      const [after] = await tx
        .update(subscriptions)
        .set({
          ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          ...(input.autoRenewEnabled !== undefined ? { autoRenewEnabled: input.autoRenewEnabled } : {}),
          updatedAt: new Date(),
        })
        .where(eq(subscriptions.id, id))
        .returning();
      const assigned = (await assignedCounts(tx, [id])).get(id) ?? 0;
      await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'subscription.updated', resourceType: 'subscription', resourceId: id, before: subscriptionView(row, assigned), after: subscriptionView(after!, assigned) });
      return subscriptionView(after!, assigned);
    });
  }

  async function cancelSubscription(ctx: RequestContext, customerTenantId: string, id: string) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const row = await visibleSubscription(tx, actor, customerTenantId, id, true);
      if (row.providerTenantId !== actor.tenantId) throw new AppError('forbidden');
      if (row.status === 'cancelled') throw new AppError('invalid_transition', { from: 'cancelled', to: 'cancelled' });
      await tx.delete(licenseAssignments).where(eq(licenseAssignments.subscriptionId, id));
      const [after] = await tx.update(subscriptions).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(subscriptions.id, id)).returning();
      await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'subscription.cancelled', resourceType: 'subscription', resourceId: id, before: subscriptionView(row, 0), after: subscriptionView(after!, 0) });
      return subscriptionView(after!, 0);
    });
  }

  // ------------------------------------------------------------------------------------------
  // Licenses (ORD-4): never more assigned than the quantity, also under concurrency (row lock).

  async function assignLicense(ctx: RequestContext, customerTenantId: string, userId: string, subscriptionId: string) {
    const actor = ctx.actor!;
    await customers.requireDelegated(actor, customerTenantId, 'licenses.manage');
    const user = await identity.getUser(customerTenantId, userId);
    return platform.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(subscriptions)
        .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.customerTenantId, customerTenantId)))
        .for('update');
      if (!row) throw notFound('subscription');
      if (row.status !== 'active') throw new AppError('subscription_not_active');
      const [already] = await tx.select().from(licenseAssignments).where(and(eq(licenseAssignments.subscriptionId, subscriptionId), eq(licenseAssignments.userId, user.id)));
      const assigned = (await assignedCounts(tx, [subscriptionId])).get(subscriptionId) ?? 0;
      if (!already) {
        if (assigned >= row.quantity) throw new AppError('no_licenses_available');
        await tx.insert(licenseAssignments).values({ subscriptionId, userId: user.id, customerTenantId });
        await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'license.assigned', resourceType: 'license', resourceId: `${subscriptionId}:${user.id}`, after: { subscriptionId, userId: user.id } });
      }
      return { subscriptionId, userId: user.id, assignedLicenses: already ? assigned : assigned + 1, quantity: row.quantity };
    });
  }

  async function unassignLicense(ctx: RequestContext, customerTenantId: string, userId: string, subscriptionId: string) {
    const actor = ctx.actor!;
    await customers.requireDelegated(actor, customerTenantId, 'licenses.manage');
    await platform.transaction(async (tx) => {
      const removed = await tx
        .delete(licenseAssignments)
        .where(and(eq(licenseAssignments.subscriptionId, subscriptionId), eq(licenseAssignments.userId, userId), eq(licenseAssignments.customerTenantId, customerTenantId)))
        .returning();
      if (removed.length === 0) throw notFound('license');
      await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'license.unassigned', resourceType: 'license', resourceId: `${subscriptionId}:${userId}`, before: { subscriptionId, userId } });
    });
  }

  async function licensesOf(actor: Actor, customerTenantId: string, userId: string) {
    await customers.requireVisible(actor, customerTenantId);
    return db
      .select({ subscriptionId: licenseAssignments.subscriptionId, name: subscriptions.name, assignedAt: licenseAssignments.createdAt })
      .from(licenseAssignments)
      .innerJoin(subscriptions, eq(subscriptions.id, licenseAssignments.subscriptionId))
      .where(and(eq(licenseAssignments.customerTenantId, customerTenantId), eq(licenseAssignments.userId, userId)));
  }

  /** CUS-7: a partner's active subscriptions for a customer. */
  async function activeSubscriptionCount(customerTenantId: string, partnerTenantId: string) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.customerTenantId, customerTenantId),
          eq(subscriptions.status, 'active'),
          or(eq(subscriptions.providerTenantId, partnerTenantId), eq(subscriptions.resellerTenantId, partnerTenantId)),
        ),
      );
    return row?.n ?? 0;
  }

  customers.useSubscriptionCount(activeSubscriptionCount);

  return {
    saveProduct,
    listProducts,
    catalogFor,
    createCart,
    getCart,
    updateCart,
    checkout,
    listOrders,
    getOrder,
    listSubscriptions,
    getSubscription,
    updateSubscription,
    cancelSubscription,
    assignLicense,
    unassignLicense,
    licensesOf,
    /** The marketplace adds its CSP audience rule to checkout (MKP, ORD-3). */
    useAudienceCheck(check: AudienceCheck) {
      audienceCheck = check;
    },
  };
}

export type CommerceService = ReturnType<typeof commerceService>;
