// CUS-5 through HTTP on a real database: a customer a provider creates for one of its resellers is
// billed in its own country.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { uniqueEmail, type RequestBody } from '../../../test/helpers/client.js';
import { connectedPartners } from '../../../test/helpers/commerce.js';
import { target, targetKinds } from '../../../test/helpers/server.js';

describe.each(targetKinds())('customers created by a provider on %s', (kind) => {
  it("CUS-5: a billing address outside the customer's country is refused, naming the field, and nothing is created", async () => {
    const t = await target(kind);
    const parties = await connectedPartners(t);
    const email = uniqueEmail('billed');
    const body = (billingCountry: string, companyName: string): RequestBody<'/v1/customers', 'post'> => ({
      resellerTenantId: parties.reseller.tenantId,
      companyName,
      country: 'FR',
      billingProfile: {
        firstName: 'Léa',
        lastName: 'Martin',
        email,
        address: billingCountry === 'FR' ? { addressLine1: '3 rue Oberkampf', city: 'Paris', postalCode: '75011', country: 'FR' } : { addressLine1: 'Friedrichstraße 43', city: 'Berlin', postalCode: '10117', country: billingCountry },
        language: 'fr',
      },
      admin: { firstName: 'Léa', lastName: 'Martin', email },
    });
    const companyName = `Abroad ${email}`;
    const refused = await parties.providerAgent.client.post('/v1/customers', body('DE', companyName));
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('validation_failed');
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/billingProfile/address/country', code: 'billing_country_mismatch', message: expect.stringContaining('FR') })]);
    const [written] = await query<{ tenants: number; users: number }>(
      t.app.platform.db,
      sql`select (select count(*)::int from tenants where name = ${companyName}) as tenants, (select count(*)::int from users where email = ${email}) as users`,
    );
    expect(written).toEqual({ tenants: 0, users: 0 });
    const created = await parties.providerAgent.client.post('/v1/customers', body('FR', `Home ${email}`));
    expect(created.status, created.text).toBe(201);
    expect(created.body.customer.country).toBe('FR');
  });
});
