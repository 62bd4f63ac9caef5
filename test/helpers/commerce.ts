// Customers and orders over HTTP, the way partners and customers do it: connected partners, a
// customer who accepts an invitation, a product in the catalog.
import { randomBytes } from 'node:crypto';
import { addUser, Client, signUp, type RequestBody, type SignedUp } from './client.js';
import { assignAdminAgents } from './groups.js';
import { signInOperator } from './operator.js';
import { enrollPartner, type Partner } from './partners.js';
import type { Target } from './server.js';

export interface Parties {
  provider: Partner;
  providerAgent: SignedUp;
  reseller: Partner;
  relationshipId: string;
}

/** An active provider and an active reseller in one country, connected (REL-3), and a provider admin agent. */
export async function connectedPartners(t: Target, country = 'FR'): Promise<Parties> {
  const provider = await enrollPartner(t, { program: 'indirectProvider', country });
  const reseller = await enrollPartner(t, { country });
  const invitation = await provider.client.post('/v1/reseller-invitations', {});
  const token = tokenOf(invitation.body.link);
  const accepted = await reseller.client.post(`/v1/invitations/reseller/${token}/accept`, { confirm: true });
  if (accepted.status !== 201) throw new Error(`connect: ${accepted.text}`);
  const providerAgent = await addUser(t, provider.client, ['adminAgent']);
  return { provider, providerAgent, reseller, relationshipId: accepted.body.id };
}

/** The token at the end of an invitation link (which an invitation's creator alone is shown). */
export function tokenOf(link: string | undefined) {
  if (!link) throw new Error('no invitation link in the answer');
  return link.slice(link.lastIndexOf('/') + 1);
}

/** The customer accepts the current customer agreement, when the operator has published one. */
export async function acceptCustomerAgreement(t: Target, customer: SignedUp, token: string) {
  const described = await new Client(t.url).get(`/v1/invitations/customer/${token}`);
  if (described.body.customerAgreementTemplateId) {
    await customer.client.post(`/v1/agreements/${described.body.customerAgreementTemplateId}/acceptances`, { primaryContact: { firstName: 'C', lastName: 'Admin', email: customer.email } });
  }
}

/** A new customer work account that accepts the invitation (and the customer agreement, if one is current). */
export async function customerAccepts(t: Target, token: string, country = 'FR'): Promise<SignedUp> {
  const customer = await signUp(t, { country, organizationName: `Customer ${randomBytes(3).toString('hex')}` });
  await acceptCustomerAgreement(t, customer, token);
  const accepted = await customer.client.post(`/v1/invitations/customer/${token}/accept`, { confirm: true });
  if (accepted.status !== 201) throw new Error(`customer accept: ${accepted.text}`);
  return customer;
}

/**
 * A customer of the reseller and the provider at once (CUS-2); with delegated admin, its roles are
 * assigned to the reseller's "Admin agents" group, of which the reseller's global admin is a member (ACC-3).
 */
export async function sharedCustomer(t: Target, parties: Parties, delegatedAdmin?: RequestBody<'/v1/customer-invitations', 'post'>['delegatedAdmin'], country = parties.reseller.country) {
  const invitation = await parties.reseller.client.post('/v1/customer-invitations', { type: 'resellerAndProvider', providerRelationshipId: parties.relationshipId, ...(delegatedAdmin ? { delegatedAdmin } : {}) });
  if (invitation.status !== 201) throw new Error(`customer invitation: ${invitation.text}`);
  const customer = await customerAccepts(t, tokenOf(invitation.body.link), country);
  // ACC-3: the roles reach the reseller's global admin through its "Admin agents" group's access assignment.
  if (delegatedAdmin) await assignAdminAgents(parties.reseller, customer.tenantId);
  return customer;
}

/** A product the operator sells in Europe and the United States. */
export async function ensureProduct(t: Target, overrides: { markets?: string[]; name?: string } = {}) {
  const operator = await signInOperator(t);
  const name = overrides.name ?? `Cloud Suite ${randomBytes(3).toString('hex')}`;
  const created = await operator.post('/v1/operator/products', {
    name,
    description: 'Mail, documents and meetings.',
    skus: [
      { skuId: 'E3', name: 'E3', termDurations: ['P1M', 'P1Y'], billingCycles: ['monthly', 'annual'], prices: [{ currency: 'EUR', unitPrice: 32 }, { currency: 'USD', unitPrice: 36 }] },
      { skuId: 'E5', name: 'E5', termDurations: ['P1Y', 'P3Y'], billingCycles: ['annual'], prices: [{ currency: 'EUR', unitPrice: 54.75 }, { currency: 'USD', unitPrice: 57 }] },
    ],
    markets: overrides.markets ?? ['FR', 'DE', 'US'],
    // TRM-5: E3 seats may move up to E5 (where E5 offers the subscription's term and billing cycle).
    upgradePaths: [{ fromSkuId: 'E3', toSkuId: 'E5' }],
  });
  if (created.status !== 201) throw new Error(`product: ${created.text}`);
  // The catalog comes a page at a time: tests find their product by its name (?q=).
  return { name, q: `q=${encodeURIComponent(name)}`, productId: created.body.id as string, e3: `${created.body.id}:E3`, e5: `${created.body.id}:E5` };
}

export type CartLine = RequestBody<'/v1/customers/{id}/carts', 'post'>['lineItems'][number];

export function line(catalogItemId: string, resellerPartnerId: string, overrides: Partial<CartLine> = {}): CartLine {
  return { catalogItemId, quantity: 5, termDuration: 'P1Y', billingCycle: 'annual', resellerPartnerId, ...overrides };
}

/** Creates a cart and checks it out as the provider's admin agent. */
export async function order(agent: Client, customerTenantId: string, lines: CartLine[], headers: Record<string, string> = {}) {
  const cart = await agent.post(`/v1/customers/${customerTenantId}/carts`, { lineItems: lines });
  if (cart.status !== 201) throw new Error(`cart: ${cart.text}`);
  return agent.post(`/v1/customers/${customerTenantId}/carts/${cart.body.id}/checkout`, undefined, { headers });
}
