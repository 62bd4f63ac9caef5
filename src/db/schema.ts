// The schema index: every table of every module, for migrations and the typed database handle.
export * from '../platform/schema.js';
export * from '../modules/identity/schema.js';
export * from '../modules/identity/mfa/schema.js';
export * from '../modules/identity/groups/schema.js';
export * from '../modules/identity/apps/schema.js';
export * from '../modules/markets/schema.js';
export * from '../modules/operator/schema.js';
export * from '../modules/enrollment/schema.js';
export * from '../modules/relationships/schema.js';
export * from '../modules/customers/schema.js';
export * from '../modules/commerce/schema.js';
export * from '../modules/marketplace/schema.js';
export * from '../modules/pricing/schema.js';
export * from '../modules/billing/schema.js';
export * from '../modules/billing/reconciliation/schema.js';
export * from '../modules/billing/documents/schema.js';
export * from '../modules/billing/credit/schema.js';
