// Takes a new work account through enrollment over HTTP, as far as asked: the way a partner and the
// operator do it in the portal. Later workflows start from partners made here.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { query } from '../../src/db/index.js';
import { Client, signUp, type RequestBody, type SignedUp } from './client.js';
import { signInOperator } from './operator.js';
import type { Target } from './server.js';

type LegalProfile = RequestBody<'/v1/profiles/legalbusiness', 'put'>;

export const samples: Record<string, { address: LegalProfile['address']; phone: string }> = {
  FR: { address: { addressLine1: '12 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' }, phone: '+33 1 23 45 67 89' },
  DE: { address: { addressLine1: 'Friedrichstraße 43', city: 'Berlin', postalCode: '10117', country: 'DE' }, phone: '+49 30 12345678' },
  US: { address: { addressLine1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US' }, phone: '+1 425 882 8080' },
  ID: { address: { addressLine1: 'Jalan Sudirman 5', city: 'Jakarta', postalCode: '10220', country: 'ID' }, phone: '+62 21 5551234' },
  CA: { address: { addressLine1: '100 Queen St', city: 'Ottawa', state: 'ON', postalCode: 'K1A 0B1', country: 'CA' }, phone: '+1 613 555 0100' },
};

export type Stage = 'draft' | 'emailVerificationPending' | 'inReview' | 'verified' | 'active';

export interface Partner extends SignedUp {
  domain: string;
  enrollmentId: string;
  partnerId: string;
  contactEmail: string;
  country: string;
}

export function legalProfileBody(country: string, domain: string, overrides: Partial<LegalProfile> = {}): LegalProfile {
  const sample = samples[country]!;
  return {
    legalName: `Legal ${domain}`,
    address: sample.address,
    primaryContact: { firstName: 'Pat', lastName: 'Contact', email: `contact@${domain}`, phone: sample.phone },
    ...overrides,
  };
}

/** The link (token) in the newest verification mail sent to an address. */
export async function verificationToken(t: Target, email: string): Promise<string> {
  const [mail] = await query<{ text_body: string }>(
    t.app.platform.db,
    sql`select text_body from mail_outbox where to_address = ${email} and template = 'verifyEmail' order by created_at desc limit 1`,
  );
  const match = /verify-email\?token=([\w-]+)/.exec(mail?.text_body ?? '');
  if (!match) throw new Error(`no verification mail to ${email}`);
  return match[1]!;
}

/** A current partner agreement exists (published by the operator through the API). */
export async function ensurePartnerAgreement(t: Target): Promise<string> {
  const operator = await signInOperator(t);
  const list = await operator.get('/v1/agreements?type=partnerAgreement');
  const current = list.body.items.find((a: { current: boolean }) => a.current);
  if (current) return current.templateId;
  const published = await operator.post('/v1/operator/agreements', {
    type: 'partnerAgreement',
    version: 'test-2026',
    language: 'en',
    title: 'Partner Agreement',
    body: '# Partner Agreement\n\nThe partner agrees to the program terms.',
  });
  if (published.status !== 201) throw new Error(`publishing failed: ${published.text}`);
  return published.body.templateId;
}

export async function enrollPartner(
  t: Target,
  options: { country?: string; program?: 'indirectReseller' | 'indirectProvider'; stage?: Stage; organizationName?: string } = {},
): Promise<Partner> {
  const country = options.country ?? 'FR';
  const program = options.program ?? 'indirectReseller';
  const stage = options.stage ?? 'active';
  const domain = `partner-${randomBytes(4).toString('hex')}.example.com`;
  const account = await signUp(t, { country, organizationName: options.organizationName });
  const c = account.client;
  const must = (response: { status: number; text: string }, expected: number, what: string) => {
    if (response.status !== expected) throw new Error(`${what}: ${response.status} ${response.text}`);
  };
  must(await c.put('/v1/profiles/legalbusiness', legalProfileBody(country, domain)), 200, 'legal profile');
  must(await c.put('/v1/profiles/support', { email: `support@${domain}`, phone: samples[country]!.phone, website: `https://www.${domain}` }), 200, 'support profile');
  if (program === 'indirectProvider') {
    must(await c.put('/v1/profiles/attributes', { competencies: [], skills: [], servicesOffered: ['technicalTraining', 'customerSupport'] }), 200, 'attributes');
  }
  const location = await c.post('/v1/profiles/locations', { country, address: samples[country]!.address });
  must(location, 201, 'location');
  must(await c.put('/v1/profiles/partner-id', { partnerId: location.body.partnerId }), 200, 'partner id');
  const enrollment = await c.post('/v1/enrollments', { program, ...(program === 'indirectProvider' ? { attestation: { billingCapability: true, supportCapability: true } } : {}) });
  must(enrollment, 201, 'enrollment');
  const partner: Partner = { ...account, domain, enrollmentId: enrollment.body.id, partnerId: location.body.partnerId, contactEmail: `contact@${domain}`, country };
  if (stage === 'draft') return partner;
  must(await c.post(`/v1/enrollments/${partner.enrollmentId}/submit`), 200, 'submit');
  if (stage === 'emailVerificationPending') return partner;
  must(await new Client(t.url).post('/v1/email-verifications', { token: await verificationToken(t, partner.contactEmail) }), 200, 'verify email');
  if (stage === 'inReview') return partner;
  const operator = await signInOperator(t);
  must(await operator.post(`/v1/operator/enrollments/${partner.enrollmentId}/decisions`, { decision: 'approve' }), 200, 'approve');
  if (stage === 'verified') return partner;
  const templateId = await ensurePartnerAgreement(t);
  must(await c.post(`/v1/agreements/${templateId}/acceptances`, { primaryContact: { firstName: 'Pat', lastName: 'Contact', email: partner.contactEmail } }), 201, 'accept agreement');
  return partner;
}

/** A publisher (MKP-1): a US work account that accepted the current publisher agreement, if any, and enrolled. */
export async function enrolledPublisher(t: Target): Promise<SignedUp> {
  const publisher = await signUp(t, { country: 'US' });
  const agreements = await publisher.client.get('/v1/agreements?type=publisherAgreement');
  const current = agreements.body.items.find((a: { current: boolean }) => a.current);
  if (current) await publisher.client.post(`/v1/agreements/${current.templateId}/acceptances`, { primaryContact: { firstName: 'P', lastName: 'O', email: publisher.email } });
  const enrolled = await publisher.client.post('/v1/publisher/enrollment');
  if (enrolled.status !== 200) throw new Error(`publisher enrollment: ${enrolled.status} ${enrolled.text}`);
  return publisher;
}

/** `count` active CSP resellers in France, written in bulk (the API path for one is tested elsewhere); their tenant IDs. */
export async function bulkResellers(db: Target['app']['platform']['db'], count: number): Promise<string[]> {
  const batch = randomBytes(4).toString('hex');
  await db.execute(sql`
    insert into tenants (id, name, country, primary_domain)
    select gen_random_uuid(), ${`Bulk ${batch} `} || i, 'FR', ${`bulk${batch}x`} || i || '.onchannelcenter.com' from generate_series(1, ${count}) as i`);
  const rows = await query<{ id: string }>(db, sql`select id from tenants where name like ${`Bulk ${batch} %`}`);
  await db.execute(sql`
    insert into enrollments (tenant_id, program, status, enrolled_by_user_id)
    select id, 'indirectReseller', 'active', gen_random_uuid() from tenants where name like ${`Bulk ${batch} %`}`);
  await db.execute(sql`
    insert into legal_business_profiles (tenant_id, legal_name, address, country, primary_contact, address_validation_status)
    select id, 'Legal ' || name, '{"addressLine1":"1 Main St","city":"Paris","country":"FR"}'::jsonb, 'FR',
           '{"firstName":"A","lastName":"B","email":"a@b.example.com","phone":"+33123456789"}'::jsonb, 'Verified'
    from tenants where name like ${`Bulk ${batch} %`}`);
  return rows.map((r) => r.id);
}
