// Enrollment through HTTP on a real database, rule by rule (ENR-1 … ENR-13), with the operator's
// review queue and the authorization helper on every route.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { operatorRoles, partnerRoles } from '../../platform/access.js';
import { expectAuthorization, roleFixture } from '../../../test/helpers/authz.js';
import { addUser, Client, malformed, signUp, testPassword, type Problem } from '../../../test/helpers/client.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { enrollPartner, ensurePartnerAgreement, legalProfileBody, samples, verificationToken } from '../../../test/helpers/partners.js';
import { target, targetKinds, type Target } from '../../../test/helpers/server.js';

async function mailsTo(t: Target, email: string, template: string) {
  return query<{ subject: string; text_body: string; locale: string }>(
    t.app.platform.db,
    sql`select subject, text_body, locale from mail_outbox where to_address = ${email} and template = ${template} order by created_at`,
  );
}

async function addOperatorUser(t: Target, roles: string[]) {
  const operator = await signInOperator(t);
  return addUser(t, operator, roles);
}

describe.each(targetKinds())('enrollment on %s', (kind) => {
  describe('ENR-2 legal business profile', () => {
    it('saves the profile with an ETag, validates the address (ENR-3) and honours If-Match', async () => {
      const t = await target(kind);
      const { client } = await signUp(t, { country: 'US' });
      expect((await client.get('/v1/profiles/legalbusiness')).status).toBe(404);
      const body = legalProfileBody('US', 'contoso-us.example.com', { address: { addressLine1: '1 Microsoft Way', city: 'Redmond', state: 'Washington', postalCode: '98052', country: 'US' } });
      const saved = await client.put('/v1/profiles/legalbusiness', body);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ legalName: body.legalName, vettingStatus: 'notStarted', addressValidationStatus: 'InteractionRequired', warnings: [] });
      const etag = saved.headers.get('etag')!;
      const read = await client.get('/v1/profiles/legalbusiness');
      expect(read.headers.get('etag')).toBe(etag);
      expect((await client.put('/v1/profiles/legalbusiness', { ...body, legalName: 'Renamed Inc' }, { headers: { 'if-match': etag } })).status).toBe(200);
      const stale = await client.put('/v1/profiles/legalbusiness', { ...body, legalName: 'Again Inc' }, { headers: { 'if-match': etag } });
      expect(stale.status).toBe(412);
      expect((await client.get('/v1/profiles/legalbusiness')).body.legalName).toBe('Renamed Inc');
    });

    it('refuses overlong fields, a bad phone, an unknown country and a malformed DUNS number, writing nothing', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const good = legalProfileBody('FR', 'bad-input.example.com');
      const cases: [unknown, string, string][] = [
        [{ ...good, address: { ...good.address, addressLine1: 'x'.repeat(201) } }, '/address/addressLine1', 'maxLength'],
        [{ ...good, primaryContact: { ...good.primaryContact, firstName: 'y'.repeat(51) } }, '/primaryContact/firstName', 'maxLength'],
        [{ ...good, primaryContact: { ...good.primaryContact, phone: '12' } }, '/primaryContact/phone', 'phone_invalid'],
        [{ ...good, address: { ...good.address, country: 'ZZ' } }, '/address/country', 'country_invalid'],
        [{ ...good, dunsNumber: '12345' }, '/dunsNumber', 'duns_invalid'],
        [{ ...good, primaryContact: { ...good.primaryContact, email: 'not-an-email' } }, '/primaryContact/email', 'format'],
      ];
      for (const [body, path, code] of cases) {
        const response = await client.put('/v1/profiles/legalbusiness', malformed(body));
        expect(response.status, path).toBe(400);
        expect(response.body.errors, path).toEqual(expect.arrayContaining([expect.objectContaining({ path, code })]));
      }
      expect((await client.get('/v1/profiles/legalbusiness')).status).toBe(404);
    });

    it('DUNS look-up from the registry the operator imported (all rows or none)', async () => {
      const t = await target(kind);
      const operator = await signInOperator(t);
      const duns = String(100000000 + Math.floor(Math.random() * 899999999)).slice(0, 9);
      const bad = await operator.request<Problem>('POST', '/v1/operator/company-registry/import', {
        raw: `dunsNumber,legalName,addressLine1,addressLine2,city,state,postalCode,country\n${duns},Good Co,1 Main St,,Paris,,75001,FR\n12,Bad Co,1 Main St,,Paris,,75001,XX\n`,
        headers: { 'content-type': 'text/csv' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('registry_import_invalid');
      expect(bad.body.errors!.map((e) => e.path)).toEqual(['/rows/3/dunsNumber', '/rows/3/country']);
      const { client } = await signUp(t);
      expect((await client.get(`/v1/company-registry/duns/${duns}`)).status).toBe(404); // nothing half-imported
      const good = await operator.request('POST', '/v1/operator/company-registry/import', {
        raw: `dunsNumber,legalName,addressLine1,addressLine2,city,state,postalCode,country\n${duns},Good Co,1 Main St,,Paris,,75001,FR\n`,
        headers: { 'content-type': 'text/csv' },
      });
      expect(good.body).toEqual({ imported: 1 });
      const found = await client.get(`/v1/company-registry/duns/${duns}`);
      expect(found.body).toEqual({ dunsNumber: duns, legalName: 'Good Co', address: { addressLine1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' } });
      const malformed = await client.get('/v1/company-registry/duns/12ab');
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('invalid_duns');
      expect((await client.get('/v1/company-registry/duns/999999998')).body.code).toBe('duns_not_found');
    });

    it('support profile and partner attributes', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const support = await client.put('/v1/profiles/support', { email: 'help@fabrikam.example.com', phone: '+33 1 23 45 67 89', website: 'https://fabrikam.example.com' });
      expect(support.status).toBe(200);
      expect((await client.put('/v1/profiles/support', { email: 'help@fabrikam.example.com', phone: 'abc', website: 'https://fabrikam.example.com' })).status).toBe(400);
      expect((await client.put('/v1/profiles/support', { email: 'help@fabrikam.example.com', phone: '+33 1 23 45 67 89', website: 'ftp://x' })).status).toBe(400);
      const attrs = await client.put('/v1/profiles/attributes', { competencies: ['Cloud Platform'], skills: ['Azure'], servicesOffered: ['marketingHelp'] });
      expect(attrs.body).toEqual({ competencies: ['Cloud Platform'], skills: ['Azure'], servicesOffered: ['marketingHelp'] });
      expect((await client.put('/v1/profiles/attributes', malformed({ competencies: [], skills: [], servicesOffered: ['freeLunch'] }))).status).toBe(400);
    });
  });

  describe('MKT-1, MKT-5 the legal country of a vetted partner', () => {
    it('MKT-1, MKT-5: once verified, the legal country is fixed; moving the address to another region is refused and changes nothing', async () => {
      const t = await target(kind);
      for (const stage of ['verified', 'active'] as const) {
        const partner = await enrollPartner(t, { country: 'FR', stage });
        const before = await partner.client.get('/v1/profiles/legalbusiness');
        const moved = await partner.client.put('/v1/profiles/legalbusiness', legalProfileBody('US', partner.domain));
        expect(moved.status, stage).toBe(422);
        expect(moved.headers.get('content-type')).toContain('application/problem+json');
        expect(moved.body.code).toBe('legal_country_fixed');
        expect(moved.body.errors).toEqual([expect.objectContaining({ path: '/address/country', code: 'legal_country_fixed' })]);
        // Another country of the same region is another legal entity too.
        const sameRegion = await partner.client.put('/v1/profiles/legalbusiness', legalProfileBody('DE', partner.domain));
        expect(sameRegion.body.code).toBe('legal_country_fixed');
        const after = await partner.client.get('/v1/profiles/legalbusiness');
        expect(after.body).toEqual(before.body);
        expect((await partner.client.get(`/v1/enrollments/${partner.enrollmentId}`)).body.status).toBe(stage);
      }
    });

    it('MKT-1, MKT-5: an active French reseller that tries a US address cannot then authorize a US provider', async () => {
      const t = await target(kind);
      const reseller = await enrollPartner(t, { country: 'FR' });
      expect((await reseller.client.put('/v1/profiles/legalbusiness', legalProfileBody('US', reseller.domain))).status).toBe(422);
      const provider = await enrollPartner(t, { program: 'indirectProvider', country: 'US' });
      const invitation = await provider.client.post('/v1/reseller-invitations', {});
      const token = invitation.body.link!.slice(invitation.body.link!.lastIndexOf('/') + 1);
      const accepted = await reseller.client.post(`/v1/invitations/reseller/${token}/accept`, { confirm: true });
      expect([accepted.status, accepted.body.code]).toEqual([422, 'region_mismatch']);
    });

    it('MKT-1, ENR-3: other legal changes of a verified partner are validated and audited with before and after; an applicant may still move', async () => {
      const t = await target(kind);
      const partner = await enrollPartner(t, { country: 'FR' });
      const moved = legalProfileBody('FR', partner.domain, { legalName: 'Renamed SAS', address: { addressLine1: '5 avenue Anatole France', city: 'Paris', postalCode: '75007', country: 'FR' } });
      const saved = await partner.client.put('/v1/profiles/legalbusiness', moved);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ legalName: 'Renamed SAS', address: { postalCode: '75007', country: 'FR' }, vettingStatus: 'active' });
      const audit = await partner.client.get('/v1/audit-records?action=legalBusinessProfile.updated');
      expect(audit.body.items[0]).toMatchObject({
        resourceId: partner.tenantId,
        before: expect.objectContaining({ legalName: `Legal ${partner.domain}`, address: expect.objectContaining({ postalCode: '75002' }) }),
        after: expect.objectContaining({ legalName: 'Renamed SAS', address: expect.objectContaining({ postalCode: '75007' }) }),
      });
      const badPostal = await partner.client.put('/v1/profiles/legalbusiness', legalProfileBody('FR', partner.domain, { address: { ...samples.FR!.address, postalCode: '7500' } }));
      expect(badPostal.status).toBe(422);
      expect(badPostal.body).toMatchObject({ code: 'address_invalid', errors: [expect.objectContaining({ path: '/address/postalCode', code: 'postal_code_invalid' })] });
      expect((await partner.client.get('/v1/profiles/legalbusiness')).body.address.postalCode).toBe('75007');
      // Before verification the applicant may still change its country (the review sees the result).
      const applicant = await enrollPartner(t, { country: 'FR', stage: 'draft' });
      const relocated = await applicant.client.put('/v1/profiles/legalbusiness', legalProfileBody('US', applicant.domain));
      expect([relocated.status, relocated.body.address.country]).toEqual([200, 'US']);
    });
  });

  describe('ENR-3 address validation', () => {
    it('returns the status and the suggestion', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const suggestion = await client.post('/v1/validations/address', { addressLine1: '1 Microsoft Way', city: 'Redmond', state: 'Washington', postalCode: '98052', country: 'US' });
      expect(suggestion.status).toBe(200);
      expect(suggestion.body.status).toBe('InteractionRequired');
      expect(suggestion.body.suggestedAddresses[0]).toMatchObject({ state: 'WA' });
      const invalid = await client.post('/v1/validations/address', { addressLine1: '12 rue de la Paix', city: 'Paris', postalCode: '7500', country: 'FR' });
      expect(invalid.body.status).toBe('None');
      const verified = await client.post('/v1/validations/address', samples.DE!.address);
      expect(['Verified', 'VerifiedShippable']).toContain(verified.body.status);
    });

    it('ENR-3 an unknown country code is a bad field (400), not an address without rules', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      for (const country of ['ZZ', 'XX', 'fr', '1A']) {
        const response = await client.post('/v1/validations/address', { ...samples.FR!.address, country });
        expect(response.status, country).toBe(400);
        expect(response.headers.get('content-type'), country).toContain('application/problem+json');
        expect(response.body.errors, country).toEqual([expect.objectContaining({ path: '/country', code: 'country_invalid' })]);
      }
      // A real country without rules is still answered: NotValidated.
      const noRules = await client.post('/v1/validations/address', { addressLine1: '1 Main Road', city: 'Funafuti', country: 'TV' });
      expect([noRules.status, noRules.body.status]).toEqual([200, 'NotValidated']);
    });
  });

  describe('ENR-8 locations and PartnerIDs', () => {
    it('each location gets a new PartnerID; only a location in the CSP account country can be associated', async () => {
      const t = await target(kind);
      const { client } = await signUp(t, { country: 'FR' });
      await client.put('/v1/profiles/legalbusiness', legalProfileBody('FR', 'locations.example.com'));
      const paris = await client.post('/v1/profiles/locations', { country: 'FR', address: samples.FR!.address });
      const berlin = await client.post('/v1/profiles/locations', { country: 'DE', address: samples.DE!.address });
      expect(paris.status).toBe(201);
      expect(paris.body.partnerId).toMatch(/^\d+$/);
      expect(berlin.body.partnerId).not.toBe(paris.body.partnerId);
      expect((await client.get('/v1/profiles/partner-id')).status).toBe(404);
      const mismatch = await client.put('/v1/profiles/partner-id', { partnerId: berlin.body.partnerId });
      expect(mismatch.status).toBe(422);
      expect(mismatch.body.code).toBe('partner_id_country_mismatch');
      expect((await client.put('/v1/profiles/partner-id', { partnerId: '999999999999' })).status).toBe(404);
      const other = await signUp(t, { country: 'FR' });
      expect((await other.client.put('/v1/profiles/partner-id', { partnerId: paris.body.partnerId })).status).toBe(404);
      const ok = await client.put('/v1/profiles/partner-id', { partnerId: paris.body.partnerId });
      expect(ok.status).toBe(200);
      expect((await client.get('/v1/profiles/partner-id')).body).toMatchObject({ partnerId: paris.body.partnerId, country: 'FR' });
      const locations = await client.get('/v1/profiles/locations');
      expect(locations.body.items).toHaveLength(2);
    });

    it('the agreement cannot be accepted before a PartnerID is associated', async () => {
      const t = await target(kind);
      const templateId = await ensurePartnerAgreement(t);
      const partner = await enrollPartner(t, { stage: 'verified' });
      await t.app.platform.db.execute(sql`delete from partner_id_associations where tenant_id = ${partner.tenantId}`);
      const refused = await partner.client.post(`/v1/agreements/${templateId}/acceptances`, { primaryContact: { firstName: 'P', lastName: 'C', email: partner.contactEmail } });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('partner_id_not_associated');
    });
  });

  describe('enrollment and vetting', () => {
    it('ENR-1 only a global admin starts an enrollment; one open enrollment per program', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const agent = await addUser(t, client, ['adminAgent']);
      const refused = await agent.client.post('/v1/enrollments', { program: 'indirectReseller' });
      expect(refused.status).toBe(403);
      const first = await client.post('/v1/enrollments', { program: 'indirectReseller' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'draft', program: 'indirectReseller', missing: ['legalBusinessProfile', 'supportProfile'] });
      const second = await client.post('/v1/enrollments', { program: 'indirectReseller' });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('enrollment_exists');
      expect((await client.get('/v1/me')).body.memberships).toEqual([{ program: 'indirectReseller', status: 'draft' }]);
    });

    it('submit lists every missing item (provider: services offered and attestation)', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const enrollment = await client.post('/v1/enrollments', { program: 'indirectProvider' });
      const refused = await client.post(`/v1/enrollments/${enrollment.body.id}/submit`);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('enrollment_incomplete');
      expect(refused.body.errors!.map((e: { path: string }) => e.path)).toEqual(['/legalBusinessProfile', '/supportProfile', '/servicesOffered', '/attestation']);
      expect((await client.get(`/v1/enrollments/${enrollment.body.id}`)).body.status).toBe('draft');
    });

    it('ENR-4 a web-mail primary contact is warned on save and refused on submit', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const saved = await client.put('/v1/profiles/legalbusiness', legalProfileBody('FR', 'webmail.example.com', { primaryContact: { firstName: 'A', lastName: 'B', email: 'someone@gmail.com', phone: '+33 1 23 45 67 89' } }));
      expect(saved.body.warnings).toEqual([expect.objectContaining({ path: '/primaryContact/email', code: 'webmail_not_allowed' })]);
      await client.put('/v1/profiles/support', { email: 'help@webmail.example.com', phone: '+33 1 23 45 67 89', website: 'https://webmail.example.com' });
      const enrollment = await client.post('/v1/enrollments', { program: 'indirectReseller' });
      for (const email of ['someone@gmail.com', 'x@yahoo.co.uk', 'x@hotmail.fr', 'x@outlook.com', 'x@icloud.com', 'x@aol.com']) {
        await client.put('/v1/profiles/legalbusiness', legalProfileBody('FR', 'webmail.example.com', { primaryContact: { firstName: 'A', lastName: 'B', email, phone: '+33 1 23 45 67 89' } }));
        const refused = await client.post(`/v1/enrollments/${enrollment.body.id}/submit`);
        expect(refused.status, email).toBe(422);
        expect(refused.body.code).toBe('webmail_not_allowed');
      }
    });

    it('ENR-5 a single-use, expiring link confirms the primary contact; then review starts (ENR-6, ENR-7)', async () => {
      const t = await target(kind);
      const partner = await enrollPartner(t, { stage: 'emailVerificationPending' });
      const enrollment = await partner.client.get(`/v1/enrollments/${partner.enrollmentId}`);
      expect(enrollment.body.status).toBe('emailVerificationPending');
      expect(enrollment.body.vettingSteps[0]).toEqual({ step: 'emailOwnership', state: 'inProgress' });
      const [verifyMail] = await mailsTo(t, partner.contactEmail, 'verifyEmail');
      expect(verifyMail!.text_body).toContain('http://localhost:8080/verify-email?token=');
      const token = await verificationToken(t, partner.contactEmail);
      const anonymous = new Client(t.url);
      expect((await anonymous.post('/v1/email-verifications', { token: 'ccv_unknown-token-value' })).status).toBe(404);
      const confirmed = await anonymous.post('/v1/email-verifications', { token });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.status).toBe('inReview');
      const reused = await anonymous.post('/v1/email-verifications', { token });
      expect(reused.status).toBe(410);
      expect(reused.body.code).toBe('verification_link_used');
      const inReview = await partner.client.get(`/v1/enrollments/${partner.enrollmentId}`);
      expect(inReview.body).toMatchObject({ status: 'inReview', overdue: false });
      expect(inReview.body.expectedDecisionBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // ENR-7: each status change mailed the primary contact
      expect((await mailsTo(t, partner.contactEmail, 'enrollmentStatus')).map((m) => m.subject)).toEqual([
        'Your indirect reseller enrollment: Email verification pending',
        'Your indirect reseller enrollment: In review',
      ]);
    });

    it('ENR-5 an expired link is refused with 410', async () => {
      const t = await target(kind);
      const partner = await enrollPartner(t, { stage: 'emailVerificationPending' });
      const token = await verificationToken(t, partner.contactEmail);
      await t.app.platform.db.execute(sql`update email_verifications set expires_at = now() - interval '1 minute' where enrollment_id = ${partner.enrollmentId}`);
      const expired = await new Client(t.url).post('/v1/email-verifications', { token });
      expect(expired.status).toBe(410);
      expect(expired.body.code).toBe('verification_link_expired');
      // a new link replaces it; the old one stays unusable
      expect((await partner.client.post(`/v1/enrollments/${partner.enrollmentId}/verification-email`)).status).toBe(200);
      const fresh = await verificationToken(t, partner.contactEmail);
      expect(fresh).not.toBe(token);
      expect((await new Client(t.url).post('/v1/email-verifications', { token: fresh })).body.status).toBe('inReview');
    });

    it('ENR-6 overdue after 5 business days in review: flagged in both views, and the applicant can escalate', async () => {
      const t = await target(kind);
      const partner = await enrollPartner(t, { stage: 'inReview' });
      const early = await partner.client.post(`/v1/enrollments/${partner.enrollmentId}/escalations`, {});
      expect(early.status).toBe(422);
      expect(early.body.code).toBe('enrollment_not_overdue');
      await t.app.platform.db.execute(sql`update enrollments set review_started_at = now() - interval '15 days' where id = ${partner.enrollmentId}`);
      expect((await partner.client.get(`/v1/enrollments/${partner.enrollmentId}`)).body.overdue).toBe(true);
      const operator = await signInOperator(t);
      const queue = await operator.get('/v1/operator/enrollments?overdue=true&size=500');
      const item = queue.body.items.find((i: { id: string }) => i.id === partner.enrollmentId);
      expect(item).toMatchObject({ overdue: true, status: 'inReview', tenantId: partner.tenantId });
      expect(item!.ageBusinessDays).toBeGreaterThan(5);
      const notOverdue = await operator.get('/v1/operator/enrollments?overdue=false&size=500');
      expect(notOverdue.body.items.some((i: { id: string }) => i.id === partner.enrollmentId)).toBe(false);
      const escalated = await partner.client.post(`/v1/enrollments/${partner.enrollmentId}/escalations`, { details: 'Please look at our enrollment.' });
      expect(escalated.status).toBe(201);
      expect(escalated.body).toMatchObject({ kind: 'accountVerification', status: 'open', details: 'Please look at our enrollment.', subject: { enrollmentId: partner.enrollmentId } });
    });

    it('ENR-6 escalating again while the request is open returns that request instead of opening another', async () => {
      const t = await target(kind);
      const partner = await enrollPartner(t, { stage: 'inReview' });
      await t.app.platform.db.execute(sql`update enrollments set review_started_at = now() - interval '15 days' where id = ${partner.enrollmentId}`);
      const path = `/v1/enrollments/${partner.enrollmentId}/escalations` as const;
      const first = await partner.client.post(path, { details: 'First.' });
      expect(first.status).toBe(201);
      const second = await partner.client.post(path, { details: 'Second.' });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ id: first.body.id, details: 'First.', status: 'open' });
      const together = await Promise.all(Array.from({ length: 5 }, () => partner.client.post(path, {})));
      expect(together.map((r) => r.body.id)).toEqual(Array(5).fill(first.body.id));
      const count = async () =>
        (await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from support_requests where tenant_id = ${partner.tenantId} and kind = 'accountVerification'`))[0]!.n;
      expect(await count()).toBe(1);
      // Once the operator closes it, a new escalation opens a new request.
      await t.app.platform.db.execute(sql`update support_requests set status = 'resolved' where id = ${first.body.id}`);
      const third = await partner.client.post(path, {});
      expect(third.status).toBe(201);
      expect(third.body.id).not.toBe(first.body.id);
      expect(await count()).toBe(2);
    });

    it('operator review: oldest first, detail with automatic checks, reasons required, request info and resubmit', async () => {
      const t = await target(kind);
      const partner = await enrollPartner(t, { stage: 'inReview' });
      const reviewer = await addOperatorUser(t, ['reviewer']);
      const queue = await reviewer.client.get('/v1/operator/enrollments?status=inReview&size=500');
      const clocks = queue.body.items.map((i) => Date.parse(i.reviewStartedAt!));
      expect(clocks).toEqual([...clocks].sort((a, b) => a - b));
      const detail = await reviewer.client.get(`/v1/operator/enrollments/${partner.enrollmentId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.checks).toEqual({ webmail: false, emailDomainMatchesWebsite: true, dunsMatchesLegalName: null, addressValidationStatus: expect.any(String) });
      const noReason = await reviewer.client.post(`/v1/operator/enrollments/${partner.enrollmentId}/decisions`, { decision: 'requestInfo' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors![0].path).toBe('/reason');
      const asked = await reviewer.client.post(`/v1/operator/enrollments/${partner.enrollmentId}/decisions`, { decision: 'requestInfo', reason: 'Upload proof of address.' });
      expect(asked.body.status).toBe('actionRequired');
      const statusMails = await mailsTo(t, partner.contactEmail, 'enrollmentStatus');
      expect(statusMails.at(-1)!.text_body).toContain('Reason: Upload proof of address.');
      const resubmitted = await partner.client.post(`/v1/enrollments/${partner.enrollmentId}/submit`);
      expect(resubmitted.body.status).toBe('inReview');
      const submitAgain = await partner.client.post(`/v1/enrollments/${partner.enrollmentId}/submit`);
      expect(submitAgain.status).toBe(409);
      expect(submitAgain.body.code).toBe('invalid_transition');
      const rejected = await reviewer.client.post(`/v1/operator/enrollments/${partner.enrollmentId}/decisions`, { decision: 'reject', reason: 'Not a registered business.' });
      expect(rejected.body.status).toBe('rejected');
      const afterReject = await reviewer.client.post(`/v1/operator/enrollments/${partner.enrollmentId}/decisions`, { decision: 'approve' });
      expect(afterReject.status).toBe(409);
      // a rejected applicant may start again
      expect((await partner.client.post('/v1/enrollments', { program: 'indirectReseller' })).status).toBe(201);
    });

    it('two reviewers deciding at once: one wins, the other gets 409', async () => {
      const t = await target(kind);
      const partner = await enrollPartner(t, { stage: 'inReview' });
      const a = await addOperatorUser(t, ['reviewer']);
      const b = await addOperatorUser(t, ['operatorAdmin']);
      const results = await Promise.all([
        a.client.post(`/v1/operator/enrollments/${partner.enrollmentId}/decisions`, { decision: 'approve' }),
        b.client.post(`/v1/operator/enrollments/${partner.enrollmentId}/decisions`, { decision: 'reject', reason: 'Duplicate' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    });
  });

  describe('ENR-9, ENR-10 partner agreement and program status', () => {
    it('view, download and accept; active exactly when verified + agreement + PartnerID', async () => {
      const t = await target(kind);
      const templateId = await ensurePartnerAgreement(t);
      const partner = await enrollPartner(t, { stage: 'verified' });
      const info = await partner.client.get('/v1/profiles/program-information');
      expect(info.body.programs).toEqual([{ program: 'indirectReseller', status: 'verified', agreementAcceptedAt: null, agreementVersion: null }]);
      const html = await partner.client.get(`/v1/agreements/${templateId}/document?language=en`);
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toContain('text/html');
      expect(html.text.match(/<h1>/g)).toHaveLength(1);
      const pdf = await fetch(`${t.url}/v1/agreements/${templateId}/download?language=en`, { headers: { cookie: partner.client.cookie! } });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      const agent = await addUser(t, partner.client, ['adminAgent']);
      const notAdmin = await agent.client.post(`/v1/agreements/${templateId}/acceptances`, { primaryContact: { firstName: 'P', lastName: 'C', email: partner.contactEmail } });
      expect(notAdmin.status).toBe(403);
      const accepted = await partner.client.post(
        `/v1/agreements/${templateId}/acceptances`,
        { primaryContact: { firstName: 'Pat', lastName: 'Contact', email: partner.contactEmail } },
        { headers: { 'user-agent': 'TestAgent/1.0' } },
      );
      expect(accepted.status).toBe(201);
      expect(accepted.body).toMatchObject({ templateId, type: 'partnerAgreement', tenantId: partner.tenantId, region: 'europe', user: { id: partner.userId, email: partner.email }, userAgent: 'TestAgent/1.0' });
      expect(accepted.body.ip).toBeTruthy();
      const twice = await partner.client.post(`/v1/agreements/${templateId}/acceptances`, { primaryContact: { firstName: 'Pat', lastName: 'Contact', email: partner.contactEmail } });
      expect(twice.body.code).toBe('agreement_already_accepted');
      const active = await partner.client.get('/v1/profiles/program-information');
      expect(active.body.programs[0]).toMatchObject({ program: 'indirectReseller', status: 'active', agreementVersion: expect.any(String) });
      expect((await partner.client.get('/v1/me')).body.memberships).toEqual([{ program: 'indirectReseller', status: 'active' }]);
      expect((await partner.client.get('/v1/agreements/acceptances')).body.items).toHaveLength(1);
    });

    it('agreement status is for active providers and the operator; resellers, customers and publishers are refused', async () => {
      const t = await target(kind);
      const reseller = await enrollPartner(t);
      const unsigned = await enrollPartner(t, { stage: 'verified' });
      const provider = await enrollPartner(t, { program: 'indirectProvider' });
      const operator = await signInOperator(t);
      for (const client of [provider.client, operator]) {
        expect((await client.get(`/v1/compliance/agreement-status?partnerId=${reseller.partnerId}`)).body).toEqual({ isAgreementSigned: true });
        expect((await client.get(`/v1/compliance/agreement-status?tenantId=${reseller.tenantId}`)).body).toEqual({ isAgreementSigned: true });
        expect((await client.get(`/v1/compliance/agreement-status?partnerId=${unsigned.partnerId}`)).body).toEqual({ isAgreementSigned: false });
        expect((await client.get('/v1/compliance/agreement-status')).status).toBe(400);
        expect((await client.get(`/v1/compliance/agreement-status?partnerId=1&tenantId=${reseller.tenantId}`)).status).toBe(400);
      }
      const customer = await signUp(t);
      const pendingProvider = await enrollPartner(t, { program: 'indirectProvider', stage: 'inReview' });
      for (const client of [reseller.client, customer.client, pendingProvider.client]) {
        const refused = await client.get(`/v1/compliance/agreement-status?partnerId=${reseller.partnerId}`);
        expect([refused.status, refused.body.code]).toEqual([422, 'not_an_active_provider']);
      }
    });

    it('ENR-9 the agreement cannot be accepted before verification', async () => {
      const t = await target(kind);
      const templateId = await ensurePartnerAgreement(t);
      const partner = await enrollPartner(t, { stage: 'inReview' });
      const refused = await partner.client.post(`/v1/agreements/${templateId}/acceptances`, { primaryContact: { firstName: 'P', lastName: 'C', email: partner.contactEmail } });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('enrollment_not_verified');
    });

    it('documents in Chinese render to PDF with an embedded CJK font', async () => {
      const t = await target(kind);
      const operator = await signInOperator(t);
      const version = `zh-${Date.now()}`;
      const published = await operator.post('/v1/operator/agreements', { type: 'publisherAgreement', version, language: 'zh-Hans', title: '发布者协议', body: '# 条款\n\n发布者同意本计划的条款。' });
      expect(published.status).toBe(201);
      const pdf = await fetch(`${t.url}/v1/agreements/${published.body.templateId}/download?language=zh-Hans`, { headers: { cookie: operator.cookie! } });
      const bytes = Buffer.from(await pdf.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.toString('latin1')).toContain('NotoSansHans');
    });

    it('ENR-11 the enrolling user is warned while it lacks the admin agent role', async () => {
      const t = await target(kind);
      const partner = await enrollPartner(t, { stage: 'verified' });
      const me = await partner.client.get('/v1/me');
      expect(me.body.warnings).toEqual([expect.objectContaining({ code: 'admin_agent_role_missing' })]);
      await partner.client.patch(`/v1/users/${partner.userId}`, { roles: ['globalAdmin', 'adminAgent'] });
      expect((await partner.client.get('/v1/me')).body.warnings).toEqual([]);
    });

    it('ENR-13 a partner vetted as a provider adds the reseller program with only its support details', async () => {
      const t = await target(kind);
      const provider = await enrollPartner(t, { program: 'indirectProvider', stage: 'active' });
      const reseller = await provider.client.post('/v1/enrollments', { program: 'indirectReseller' });
      expect(reseller.body.missing).toEqual([]);
      const submitted = await provider.client.post(`/v1/enrollments/${reseller.body.id}/submit`);
      expect(submitted.status).toBe(200);
      expect(submitted.body.status).toBe('active');
      const info = await provider.client.get('/v1/profiles/program-information');
      expect(info.body.programs.map((p: { program: string; status: string }) => [p.program, p.status]).sort()).toEqual([
        ['indirectProvider', 'active'],
        ['indirectReseller', 'active'],
      ]);
    });
  });

  describe('operator settings', () => {
    it('holidays move the expected decision date', async () => {
      const t = await target(kind);
      const operator = await signInOperator(t);
      const before = await operator.get('/v1/operator/holidays');
      const partner = await enrollPartner(t, { stage: 'emailVerificationPending' });
      // declare the next 30 days holidays: the expected date moves past them
      const days = Array.from({ length: 30 }, (_, i) => new Date(Date.now() + (i + 1) * 86_400_000).toISOString().slice(0, 10));
      expect((await operator.put('/v1/operator/holidays', { items: days.map((day) => ({ day, name: 'Closed' })) })).status).toBe(200);
      try {
        await new Client(t.url).post('/v1/email-verifications', { token: await verificationToken(t, partner.contactEmail) });
        const enrollment = await partner.client.get(`/v1/enrollments/${partner.enrollmentId}`);
        expect(enrollment.body.expectedDecisionBy! > days.at(-1)!).toBe(true);
      } finally {
        await operator.put('/v1/operator/holidays', { items: before.body.items });
      }
    });
  });

  describe('authorization of every enrollment route', () => {
    const readers = partnerRoles;
    it('profile reads: every partner role; writes: global admin only', async () => {
      const t = await target(kind);
      const owner = await roleFixture(t, 'owner');
      await owner.admin.client.put('/v1/profiles/legalbusiness', legalProfileBody('FR', 'authz.example.com'));
      await owner.admin.client.put('/v1/profiles/support', { email: 'help@authz.example.com', phone: '+33 1 23 45 67 89', website: 'https://authz.example.com' });
      for (const path of ['/v1/profiles/legalbusiness', '/v1/profiles/support', '/v1/profiles/attributes', '/v1/profiles/locations', '/v1/profiles/program-information', '/v1/enrollments', '/v1/enrollment/requirements', '/v1/agreements/acceptances']) {
        await expectAuthorization(t, { method: 'GET', path: () => path, allowed: readers, otherTenant: 'own' });
      }
      await expectAuthorization(t, { method: 'PUT', path: () => '/v1/profiles/legalbusiness', body: () => legalProfileBody('FR', 'authz.example.com'), allowed: ['globalAdmin'], otherTenant: 'own' });
      await expectAuthorization(t, { method: 'PUT', path: () => '/v1/profiles/support', body: () => ({ email: 'a@authz.example.com', phone: '+33 1 23 45 67 89', website: 'https://authz.example.com' }), allowed: ['globalAdmin'], otherTenant: 'own' });
      await expectAuthorization(t, { method: 'PUT', path: () => '/v1/profiles/attributes', body: () => ({ competencies: [], skills: [], servicesOffered: [] }), allowed: ['globalAdmin'], otherTenant: 'own' });
      await expectAuthorization(t, { method: 'POST', path: () => '/v1/profiles/locations', body: () => ({ country: 'FR', address: samples.FR!.address }), allowed: ['globalAdmin'], otherTenant: 'own' });
      await expectAuthorization(t, { method: 'POST', path: () => '/v1/validations/address', body: () => samples.FR!.address, allowed: readers, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/company-registry/duns/123456789', allowed: readers, otherTenant: 'own' }).catch(() => undefined);
    });

    it("another tenant's enrollment is not found; operator routes refuse partners", async () => {
      const t = await target(kind);
      const owner = await roleFixture(t, 'owner');
      const enrollments = await owner.admin.client.get('/v1/enrollments');
      let id = enrollments.body.items[0]?.id;
      if (!id) id = (await owner.admin.client.post('/v1/enrollments', { program: 'indirectReseller' })).body.id;
      await expectAuthorization(t, { method: 'GET', path: () => `/v1/enrollments/${id}`, allowed: readers, otherTenant: 'notFound' });
      await expectAuthorization(t, { method: 'PATCH', path: () => `/v1/enrollments/${id}`, body: () => ({ attestation: { billingCapability: true, supportCapability: true } }), allowed: ['globalAdmin'], otherTenant: 'notFound' });
      for (const [method, path, body] of [
        ['GET', '/v1/operator/enrollments', undefined],
        ['GET', `/v1/operator/enrollments/${id}`, undefined],
        ['POST', `/v1/operator/enrollments/${id}/decisions`, { decision: 'approve' }],
        ['GET', '/v1/operator/holidays', undefined],
        ['PUT', '/v1/operator/holidays', { items: [] }],
        ['POST', '/v1/operator/agreements', { type: 'partnerAgreement', version: 'x', language: 'en', title: 'T', body: 'B' }],
      ] as const) {
        await expectAuthorization(t, { method, path: () => path, body: body === undefined ? undefined : () => body, allowed: [], otherTenant: 'own' });
      }
    });

    it('operator roles: reviewers decide, only the operator admin changes settings', async () => {
      const t = await target(kind);
      const byRole: Record<string, Client> = {};
      for (const role of operatorRoles) byRole[role] = (await addOperatorUser(t, [role])).client;
      const partner = await enrollPartner(t, { stage: 'inReview' });
      for (const role of operatorRoles) {
        expect((await byRole[role]!.get('/v1/operator/enrollments')).status, role).toBe(200);
        expect((await byRole[role]!.get('/v1/operator/holidays')).status, role).toBe(200);
        const decide = await byRole[role]!.post(`/v1/operator/enrollments/${partner.enrollmentId}/decisions`, { decision: 'requestInfo', reason: 'More' });
        expect(decide.status === 403, role).toBe(role === 'supportEngineer');
        const settings = await byRole[role]!.put('/v1/operator/holidays', (await byRole[role]!.get('/v1/operator/holidays')).body);
        expect(settings.status === 403, role).toBe(role !== 'operatorAdmin');
        if (decide.status === 200) await partner.client.post(`/v1/enrollments/${partner.enrollmentId}/submit`);
      }
      void testPassword;
    });
  });
});
