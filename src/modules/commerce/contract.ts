// The shapes commerce shows the world, declared once: routes validate and serialize with them, views
// return them (views.ts), and tests and the portal read their types.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Collection, DateTime, PageQuery } from '../../platform/contract.js';
import { billingCycles, termDurations } from './rules.js';

const strict = { additionalProperties: false } as const;
const enumOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v as T[number])));
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

// ---------------------------------------------------------------------------------------------
// Path parameters and queries

export const CustomerParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);
export const CartParams = Type.Object({ id: Type.String({ format: 'uuid' }), cartId: Type.String({ format: 'uuid' }) }, strict);
export const OrderParams = Type.Object({ id: Type.String({ format: 'uuid' }), orderId: Type.String({ format: 'uuid' }) }, strict);
export const SubscriptionParams = Type.Object({ id: Type.String({ format: 'uuid' }), subscriptionId: Type.String({ format: 'uuid' }) }, strict);
export const LicenseParams = Type.Object({ id: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) }, strict);
export const CatalogQuery = Type.Object({ country: Type.String({ pattern: '^[A-Z]{2}$' }) }, strict);
export const ListQuery = Type.Object({ ...PageQuery }, strict);

// ---------------------------------------------------------------------------------------------
// Products and the catalog (ORD-1, MKT-4)

export const SkuBody = Type.Object(
  {
    skuId: Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    termDurations: Type.Array(enumOf(termDurations), { minItems: 1, uniqueItems: true }),
    billingCycles: Type.Array(enumOf(billingCycles), { minItems: 1, uniqueItems: true }),
    prices: Type.Array(Type.Object({ currency: Type.String({ pattern: '^[A-Z]{3}$' }), unitPrice: Type.Number({ minimum: 0, maximum: 1_000_000 }) }, strict), { minItems: 1, maxItems: 200 }),
  },
  strict,
);
export const ProductBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ maxLength: 10_000 }),
    skus: Type.Array(SkuBody, { minItems: 1, maxItems: 100 }),
    markets: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1, maxItems: 300, uniqueItems: true }),
  },
  strict,
);
export type ProductBody = Static<typeof ProductBody>;

export const Sku = Type.Object({ skuId: Type.String(), name: Type.String(), termDurations: Type.Array(Type.String()), billingCycles: Type.Array(Type.String()), prices: Type.Array(Type.Object({ currency: Type.String(), unitPrice: Type.Number() })) });
export const Product = Type.Object(
  { id: Type.String(), source: Type.String(), publisherTenantId: Nullable(Type.String()), name: Type.String(), description: Type.String(), skus: Type.Array(Sku), markets: Type.Array(Type.String()), active: Type.Boolean(), createdAt: DateTime, updatedAt: DateTime },
  { title: 'Product' },
);
export type Product = Static<typeof Product>;
export const Products = Collection(Product, 'Products');

export const CatalogItem = Type.Object(
  {
    catalogItemId: Type.String(),
    offerId: Type.String(),
    source: Type.String(),
    name: Type.String(),
    description: Type.String(),
    skuId: Type.String(),
    skuName: Type.String(),
    termDurations: Type.Array(Type.String()),
    billingCycles: Type.Array(Type.String()),
    unitPrice: Type.Number(),
    currency: Type.String(),
  },
  { title: 'CatalogItem' },
);
export type CatalogItem = Static<typeof CatalogItem>;
export const Catalog = Type.Object({ currency: Nullable(Type.String()), items: Type.Array(CatalogItem) });
export type Catalog = Static<typeof Catalog>;

// ---------------------------------------------------------------------------------------------
// Carts and checkout (ORD-2, ORD-3)

export const LineBody = Type.Object(
  {
    catalogItemId: Type.String({ minLength: 3, maxLength: 120 }),
    quantity: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
    termDuration: Type.String({ maxLength: 10 }),
    billingCycle: Type.String({ maxLength: 20 }),
    resellerPartnerId: Type.String({ pattern: '^[0-9]{1,15}$' }),
  },
  strict,
);
/** A cart line as the client sends it; the cart numbers its lines. */
export type LineBody = Static<typeof LineBody>;
export const CartBody = Type.Object({ lineItems: Type.Array(LineBody, { minItems: 1, maxItems: 50 }) }, strict);
export type CartBody = Static<typeof CartBody>;

export const Cart = Type.Object(
  {
    id: Type.String(),
    customerTenantId: Type.String(),
    status: Type.String(),
    lineItems: Type.Array(Type.Object({ lineItemNumber: Type.Integer(), catalogItemId: Type.String(), quantity: Type.Integer(), termDuration: Type.String(), billingCycle: Type.String(), resellerPartnerId: Type.String() })),
    expiresAt: DateTime,
    createdAt: DateTime,
  },
  { title: 'Cart' },
);
export type Cart = Static<typeof Cart>;

export const Order = Type.Object(
  {
    id: Type.String(),
    customerTenantId: Type.String(),
    resellerTenantId: Type.String(),
    status: Type.String(),
    currency: Type.String(),
    lineItems: Type.Array(
      Type.Object({
        lineItemNumber: Type.Integer(),
        offerId: Type.String(),
        skuId: Type.String(),
        quantity: Type.Integer(),
        termDuration: Type.String(),
        billingCycle: Type.String(),
        unitPrice: Type.Number(),
        partnerIdOnRecord: Type.String(),
        subscriptionId: Type.String(),
      }),
    ),
    createdAt: DateTime,
  },
  { title: 'Order' },
);
export type Order = Static<typeof Order>;
export const Orders = Collection(Order, 'Orders');

export const CheckoutResult = Type.Object({ orders: Type.Array(Order), orderErrors: Type.Array(Type.Object({ lineItemNumber: Type.Integer(), code: Type.String() })) });
export type CheckoutResult = Static<typeof CheckoutResult>;

// ---------------------------------------------------------------------------------------------
// Subscriptions and licenses (ORD-4)

export const Subscription = Type.Object(
  {
    id: Type.String(),
    customerTenantId: Type.String(),
    offerId: Type.String(),
    skuId: Type.String(),
    name: Type.String(),
    quantity: Type.Integer(),
    assignedLicenses: Type.Integer(),
    termDuration: Type.String(),
    billingCycle: Type.String(),
    currency: Type.String(),
    unitPrice: Type.Number(),
    partnerIdOnRecord: Type.String(),
    providerTenantId: Type.String(),
    resellerTenantId: Type.String(),
    orderId: Type.String(),
    status: Type.String(),
    autoRenewEnabled: Type.Boolean(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'Subscription' },
);
export type Subscription = Static<typeof Subscription>;
export const Subscriptions = Collection(Subscription, 'Subscriptions');

export const SubscriptionChange = Type.Object(
  { quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })), status: Type.Optional(enumOf(['active', 'suspended'] as const)), autoRenewEnabled: Type.Optional(Type.Boolean()) },
  strict,
);
export type SubscriptionChange = Static<typeof SubscriptionChange>;

export const LicenseBody = Type.Object({ subscriptionId: Type.String({ format: 'uuid' }) }, strict);
export type LicenseBody = Static<typeof LicenseBody>;

export const UserLicense = Type.Object({ subscriptionId: Type.String(), name: Type.String(), assignedAt: DateTime });
export type UserLicense = Static<typeof UserLicense>;
export const UserLicenses = Type.Object({ items: Type.Array(UserLicense) });

export const LicenseAssignment = Type.Object({ subscriptionId: Type.String(), userId: Type.String(), assignedLicenses: Type.Integer(), quantity: Type.Integer() });
export type LicenseAssignment = Static<typeof LicenseAssignment>;
