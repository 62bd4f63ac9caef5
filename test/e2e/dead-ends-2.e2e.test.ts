// Dead ends and contradictions of the portal, each walked through in Chromium (issue 20, items 1, 2, 4,
// 5, 6 and 7): a partner asks an existing customer for delegated admin from the customer's row and sees
// where the approval went; the customer's global admin sees who asks for which roles, what each allows
// and for how long before approving; checkout offers only the customer's resellers as reseller of record
// and starts with one; the operator's support queue names offers, publishers and partners; the review
// queue opens on what needs action, its dates tell one story, and reviewers keep notes beside the
// enrollment's history; the CSP audience says in one message whether it is live, and the partner
// picker's filters keep to their columns and offer the competencies and skills partners name.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addBusinessDays, reviewDays } from '../../src/modules/enrollment/rules.js';
import { addUser, type RequestBody, type SignedUp } from '../helpers/client.js';
import { connectedPartners, ensureProduct, sharedCustomer, tokenOf, type Parties } from '../helpers/commerce.js';
import { signInOperator } from '../helpers/operator.js';
import { enrolledPublisher, enrollPartner, type Partner } from '../helpers/partners.js';
import type { Target } from '../helpers/server.js';
import { browserSuiteSkipped, usePortal } from './browser.js';
import { linkInMail } from './mail.js';

const skip = browserSuiteSkipped();

/** How the portal (English, UTC) writes a day. */
const longDate = (value: string | Date) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value));

/** Connects another active reseller to the provider (REL-3). */
async function connectReseller(t: Target, provider: Partner, organizationName: string): Promise<Partner> {
  const reseller = await enrollPartner(t, { country: provider.country, organizationName });
  const invitation = await provider.client.post('/v1/reseller-invitations', {});
  const accepted = await reseller.client.post(`/v1/invitations/reseller/${tokenOf(invitation.body.link)}/accept`, { confirm: true });
  if (accepted.status !== 201) throw new Error(`connect: ${accepted.text}`);
  return reseller;
}

const listing = {
  summary: 'Field service scheduling',
  description: 'Schedules technicians.',
  supportContact: { email: 'support@isv.example.com', phone: '+1 425 555 0100', url: 'https://isv.example.com/support' },
  cspMaterials: { salesMaterialsUrl: 'https://isv.example.com/partners/kit', channelContact: { name: 'Channel Team', email: 'channel@isv.example.com', phone: '+1 425 555 0101' } },
};
const plans: RequestBody<'/v1/offers/{id}/plans', 'put'> = [{ planId: 'standard', name: 'Standard', licenseModel: 'payg', termDurations: ['P1Y'], billingCycles: ['annual'], prices: [{ currency: 'EUR', unitPrice: 10 }], markets: ['FR'] }];

/** A SaaS offer with its listing and plan, its draft audience these partners (not published). */
async function draftOffer(publisher: SignedUp, name: string, partners: Partner[]) {
  const created = await publisher.client.post('/v1/offers', { type: 'saas', name });
  const id = created.body.id as string;
  const withPlans = await publisher.client.put(`/v1/offers/${id}/plans`, plans, { headers: { 'if-match': created.headers.get('etag')! } });
  await publisher.client.put(`/v1/offers/${id}/listing`, listing, { headers: { 'if-match': withPlans.headers.get('etag')! } });
  const audience = await publisher.client.get(`/v1/offers/${id}/csp-audience`);
  const saved = await publisher.client.put(`/v1/offers/${id}/csp-audience`, { mode: 'selected', partnerTenantIds: partners.map((p) => p.tenantId) }, { headers: { 'if-match': audience.headers.get('etag')! } });
  if (saved.status !== 200) throw new Error(`audience: ${saved.text}`);
  return id;
}

describe.skipIf(skip)('dead ends and contradictions in Chromium', () => {
  const portal = usePortal({ locale: 'en-US' });
  let parties: Parties;
  let customer: SignedUp;

  beforeAll(async () => {
    // An active provider and reseller in France, connected, sharing a customer (no delegated admin yet).
    parties = await connectedPartners(portal.server.target, 'FR');
    customer = await sharedCustomer(portal.server.target, parties);
  }, 120_000);

  const signedOut = async () => {
    const { page } = portal.browser;
    if (await page.getByTestId('sign-out-button').isVisible().catch(() => false)) await portal.browser.signOut();
  };

  const requestName = 'item 2: the partner asks an existing customer for delegated admin from its row: roles with what each allows, days, auto-extend; the result says who was mailed and gives the link';
  it(requestName, async () => {
    const { page } = portal.browser;
    const t = portal.server.target;
    const c = customer.tenantId;
    await portal.browser.runTest(requestName, async () => {
      await signedOut();
      await portal.browser.signIn(parties.reseller.email, parties.reseller.password);
      await page.getByTestId('nav-customers').click();
      await page.getByTestId(`customer-expand-${c}`).click();
      await page.getByTestId(`request-delegated-${c}`).click();
      const dialog = page.getByTestId('request-delegated-dialog');
      await dialog.waitFor();

      // Each role says what it allows in the customer's tenant.
      expect(await dialog.getByTestId('request-delegated-role-helpdeskAdministrator-allows').textContent()).toBe('Reads users and resets the passwords of users who are not administrators.');
      expect(await dialog.getByTestId('request-delegated-role-billingReader-allows').textContent()).toBe('Reads subscriptions, orders and charges; changes nothing.');
      expect(await dialog.getByTestId('request-delegated-role-userAdministrator').isChecked()).toBe(true);
      // With the Global administrator role the request cannot extend itself.
      await dialog.getByTestId('request-delegated-role-globalAdministrator').check();
      expect(await dialog.getByTestId('request-delegated-auto-extend').isDisabled()).toBe(true);
      await dialog.getByTestId('request-delegated-role-globalAdministrator').uncheck();
      await dialog.getByTestId('request-delegated-role-licenseAdministrator').uncheck();
      await dialog.getByTestId('request-delegated-role-helpdeskAdministrator').check();
      await dialog.getByTestId('request-delegated-duration').fill('45');
      await dialog.getByTestId('request-delegated-duration').press('Tab');
      await dialog.getByTestId('request-delegated-auto-extend').check();
      await dialog.getByTestId('request-delegated-submit').click();

      // The result: pending, mailed to the customer's one global admin, with the link.
      const result = dialog.getByTestId('request-delegated-result');
      await result.waitFor();
      expect(await result.getAttribute('data-mailed-to')).toBe('1');
      expect(await result.textContent()).toContain('emailed to the global admins of');
      const link = await dialog.getByTestId('request-delegated-link').inputValue();
      expect(link).toMatch(/\/delegated-admin\/approve\?token=cca_[\w-]+$/);
      expect(await dialog.getByTestId('request-delegated-summary').textContent()).toContain('45 days');
      await dialog.getByTestId('delegated-role-helpdeskAdministrator').waitFor();

      const listed = await parties.reseller.client.get(`/v1/customers/${c}/delegated-admin-relationships`);
      const pending = listed.body.items.find((dar) => dar.status === 'approvalPending')!;
      expect(pending).toMatchObject({ roles: ['userAdministrator', 'helpdeskAdministrator'], durationDays: 45, autoExtend: true });
      const mailed = await linkInMail(portal.server.mailDir, customer.email, /https?:\/\/[^\s"'<>]+\/delegated-admin\/approve\?token=[\w-]+/, () => t.app.platform.jobs.drain());
      expect(link.endsWith(`${mailed.pathname}${mailed.search}`)).toBe(true);

      // Closed, the customer's row shows the pending relationship.
      await dialog.getByTestId('request-delegated-done').click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId(`delegated-admin-relationship-${pending.id}`).waitFor();
      await portal.browser.signOut();
    });
  }, 240_000);

  const approveName = 'item 1: the approval page names the partner, the roles with what each allows and the duration before "Approve"';
  it(approveName, async () => {
    const { page } = portal.browser;
    const t = portal.server.target;
    const requested = await parties.reseller.client.post(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`, { roles: ['userAdministrator', 'billingReader'], durationDays: 120, autoExtend: false });
    expect(requested.status, requested.text).toBe(201);
    const partnerName = (await parties.reseller.client.get('/v1/me')).body.tenant.name;
    await portal.browser.runTest(approveName, async () => {
      await signedOut();
      await portal.browser.signIn(customer.email, customer.password);
      const mailed = await linkInMail(portal.server.mailDir, customer.email, /https?:\/\/[^\s"'<>]+\/delegated-admin\/approve\?token=[\w-]+/, () => t.app.platform.jobs.drain());
      expect(requested.body.approval.link!.endsWith(mailed.search)).toBe(true);
      await page.goto(`${portal.server.url}${mailed.pathname}${mailed.search}`);
      await page.getByTestId('delegated-approve-request').waitFor();

      expect(await page.getByTestId('delegated-approve-partner').textContent()).toBe(`${partnerName} (France)`);
      expect(await page.getByTestId('delegated-approve-ask').textContent()).toContain(`${partnerName} (France) asks for the roles below in your tenant for 120 days`);
      expect(await page.getByTestId('delegated-approve-duration').textContent()).toBe('120 days from approval');
      expect(await page.getByTestId('delegated-approve-auto-extend').textContent()).toBe('Ends at the end of the period');
      const roles = page.getByTestId('delegated-approve-roles');
      expect(await roles.getByTestId('delegated-role-userAdministrator').textContent()).toBe(
        "User administratorAdds, changes and removes users and resets their passwords (never an administrator's).",
      );
      expect(await roles.getByTestId('delegated-role-allows-billingReader').textContent()).toBe('Reads subscriptions, orders and charges; changes nothing.');
      expect(await roles.getByTestId('delegated-role-globalAdministrator').count()).toBe(0);
      // All of it comes before the button, which names the partner.
      const approve = page.getByTestId('delegated-approve');
      expect(await approve.textContent()).toBe(`Approve for ${partnerName}`);
      const rolesBeforeButton = await page.evaluate(() => {
        const list = document.querySelector('[data-testid="delegated-approve-roles"]')!;
        const button = document.querySelector('[data-testid="delegated-approve"]')!;
        return (list.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      });
      expect(rolesBeforeButton).toBe(true);

      await approve.click();
      await page.getByTestId('delegated-approve-done').waitFor();
      const listed = await parties.reseller.client.get(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`);
      expect(listed.body.items.find((dar) => dar.id === requested.body.id)).toMatchObject({ status: 'active', roles: ['userAdministrator', 'billingReader'] });

      // The used link then says it cannot be approved, and shows no request.
      await page.goto(`${portal.server.url}${mailed.pathname}${mailed.search}`);
      await page.getByTestId('delegated-approve-unusable').waitFor();
      expect(await page.getByTestId('delegated-approve').count()).toBe(0);
      await portal.browser.signOut();
    });
  }, 240_000);

  const checkoutName = "item 4: checkout offers only the customer's resellers as reseller of record, starts with the customer's, and the order goes through";
  it(checkoutName, async () => {
    const { page } = portal.browser;
    const t = portal.server.target;
    // A second reseller of the same provider, named to sort first, unrelated to the customer.
    const unrelated = await connectReseller(t, parties.provider, `Aaa Unrelated ${randomBytes(3).toString('hex')}`);
    const product = await ensureProduct(t, { markets: ['FR'] });
    const relationships = await parties.providerAgent.client.get('/v1/relationships?relationshipType=IsIndirectCloudSolutionProviderOf&size=500');
    const nameOf = (tenantId: string) => relationships.body.items.find((r) => r.resellerTenantId === tenantId)!.name;
    await portal.browser.runTest(checkoutName, async () => {
      await signedOut();
      await portal.browser.signIn(parties.providerAgent.email, parties.providerAgent.password);
      await page.goto(`${portal.server.url}/customers/${customer.tenantId}/order`);
      await page.getByTestId('checkout-form').waitFor();
      const reseller = page.getByTestId('checkout-line-0-reseller');
      expect(await reseller.textContent()).toBe(`${nameOf(parties.reseller.tenantId)} (${parties.reseller.partnerId})`);
      await reseller.click();
      const offered = await page.getByRole('listbox').getByRole('option').allTextContents();
      expect(offered).toEqual([`${nameOf(parties.reseller.tenantId)} (${parties.reseller.partnerId})`]);
      expect(offered.join()).not.toContain(nameOf(unrelated.tenantId));
      await page.keyboard.press('Escape');
      await page.getByRole('listbox').waitFor({ state: 'detached' });

      await page.getByTestId('checkout-line-0-offer').click();
      await page.getByTestId(`checkout-offer-${product.e3}`).click();
      await page.getByTestId('checkout-submit').click();
      await page.getByTestId('checkout-done').waitFor();
      const subscriptions = await customer.client.get(`/v1/customers/${customer.tenantId}/subscriptions`);
      expect(subscriptions.body.items.filter((s) => s.offerId === product.productId).map((s) => s.status)).toEqual(['active']);
      await portal.browser.signOut();
    });
  }, 240_000);

  const queueName = "item 5: the operator's support queue names the offer, the publisher and the partners, not their IDs";
  it(queueName, async () => {
    const { page } = portal.browser;
    const t = portal.server.target;
    const run = randomBytes(3).toString('hex');
    const publisher = await enrolledPublisher(t);
    const first = await enrollPartner(t, { country: 'FR' });
    const second = await enrollPartner(t, { country: 'FR' });
    const offerName = `Queue Scheduler ${run}`;
    const offerId = await draftOffer(publisher, offerName, [first, second]);
    expect((await publisher.client.post(`/v1/offers/${offerId}/publish`)).status).toBe(200);
    const opened = await publisher.client.post('/v1/support-requests', {
      productVersion: 'Live offer management',
      category: { offerId },
      problemType: 'Update existing offer',
      title: 'De-authorize CSP',
      details: 'We no longer work with this reseller.',
      requestedChange: { removePartnerTenantIds: [second.tenantId] },
    });
    expect(opened.status, opened.text).toBe(201);
    const publisherName = (await publisher.client.get('/v1/me')).body.tenant.name;
    await signInOperator(t);
    const reviewer = await addUser(t, await signInOperator(t), ['supportEngineer']);

    await portal.browser.runTest(queueName, async () => {
      await signedOut();
      await portal.browser.signIn(reviewer.email, reviewer.password);
      await page.getByTestId('nav-operator-support-requests').click();
      await page.getByTestId('support-queue-page').waitFor();
      const row = page.getByTestId(`support-queue-row-${opened.body.id}`);
      await row.waitFor();
      expect(await row.getByTestId('support-queue-offer').textContent()).toBe(offerName);
      expect(await row.getByTestId('support-queue-tenant').textContent()).toBe(publisherName);
      expect(await row.getByTestId('support-queue-change').textContent()).toBe(`Remove partners: Legal ${second.domain}`);
      const text = (await row.textContent()) ?? '';
      for (const id of [offerId, publisher.tenantId, second.tenantId]) expect(text).not.toContain(id);
      await portal.browser.signOut();
    });
  }, 240_000);

  const reviewName = 'item 6: the review queue opens on what needs action, its dates tell one story, and a reviewer keeps notes beside the history';
  it(reviewName, async () => {
    const { page } = portal.browser;
    const t = portal.server.target;
    const db = t.app.platform.db;
    const waiting = await enrollPartner(t, { stage: 'inReview', organizationName: `Waiting Reseller ${randomBytes(3).toString('hex')}` });
    const asked = await enrollPartner(t, { stage: 'inReview' });
    const active = await enrollPartner(t, { stage: 'active' });
    const reviewer = await addUser(t, await signInOperator(t), ['reviewer']);
    expect((await reviewer.client.post(`/v1/operator/enrollments/${asked.enrollmentId}/decisions`, { decision: 'requestInfo', reason: 'Upload proof of address.' })).status).toBe(200);
    // Eight business days in review: the whole story moves back together, and the stored expected date is left stale.
    await db.execute(sql`update enrollments set created_at = created_at - interval '12 days', submitted_at = submitted_at - interval '12 days',
      email_verified_at = email_verified_at - interval '12 days', review_started_at = review_started_at - interval '12 days', expected_decision_by = (now() + interval '30 days')::date
      where id = ${waiting.enrollmentId}`);
    const holidays = await t.app.services.operator.holidaySet();
    const started = (await reviewer.client.get(`/v1/operator/enrollments/${waiting.enrollmentId}`)).body.enrollment;
    const expected = addBusinessDays(new Date(started.reviewStartedAt!), reviewDays.latest, holidays);

    await portal.browser.runTest(reviewName, async () => {
      await signedOut();
      await portal.browser.signIn(reviewer.email, reviewer.password);
      await page.getByTestId('nav-review-queue').click();
      await page.getByTestId('review-queue-page').waitFor();
      // Opens on what needs action: in review and action required, not the active partners.
      expect(await page.getByTestId('review-filter-status').textContent()).toBe('Needs action');
      // The shared test database holds other suites' enrollments too: load pages until the row is there.
      const reveal = async (id: string) => {
        for (let page_ = 0; page_ < 40 && (await page.getByTestId(`review-row-${id}`).count()) === 0; page_++) {
          const more = page.getByTestId('review-queue-more');
          if ((await more.count()) === 0 || (await more.isDisabled())) {
            await page.waitForLoadState('networkidle');
            if ((await more.count()) === 0) break;
            continue;
          }
          await more.click();
          await page.waitForLoadState('networkidle');
        }
        await page.getByTestId(`review-row-${id}`).waitFor();
      };
      await reveal(waiting.enrollmentId);
      await reveal(asked.enrollmentId);
      expect(await page.getByTestId(`review-row-${active.enrollmentId}`).count()).toBe(0);
      const statuses = await page.locator('[data-testid^="review-row-"] [data-status]').evaluateAll((badges) => [...new Set(badges.map((b) => b.getAttribute('data-status')))]);
      expect(statuses.every((status) => status === 'inReview' || status === 'actionRequired')).toBe(true);

      // One story: submitted the day the review started, expected 5 business days after that, overdue since.
      expect(await page.getByTestId(`review-submitted-${waiting.enrollmentId}`).textContent()).toBe(longDate(started.submittedAt!));
      expect(await page.getByTestId(`review-started-${waiting.enrollmentId}`).textContent()).toBe(longDate(started.reviewStartedAt!));
      expect(await page.getByTestId(`review-expected-${waiting.enrollmentId}`).textContent()).toBe(longDate(`${expected}T00:00:00Z`));
      expect(expected < new Date().toISOString().slice(0, 10)).toBe(true);
      await page.getByTestId(`review-overdue-${waiting.enrollmentId}`).waitFor();
      expect(Number(await page.getByTestId(`review-age-${waiting.enrollmentId}`).textContent())).toBeGreaterThan(reviewDays.latest);
      expect(await page.getByTestId(`review-expected-${asked.enrollmentId}`).textContent()).toBe('Waiting for the partner');
      // "All statuses" still shows the rest.
      await page.getByTestId('review-filter-status').click();
      await page.getByTestId('review-filter-status-all').click();
      await page.waitForLoadState('networkidle');
      await reveal(active.enrollmentId);

      // The enrollment: notes saved, kept, and recorded in its history with who wrote them.
      await page.getByTestId(`review-open-${waiting.enrollmentId}`).click();
      await page.getByTestId('review-detail').waitFor();
      expect(await page.getByTestId('review-expected-at').textContent()).toContain(longDate(`${expected}T00:00:00Z`));
      expect(await page.getByTestId('review-notes-save').isDisabled()).toBe(true);
      await page.getByTestId('review-notes').fill('Called the contact: the registration document is on its way.');
      await page.getByTestId('review-notes-save').click();
      await page.getByTestId('review-notes-saved').waitFor();
      await page.locator('[data-testid="review-history-entry"][data-action="enrollment.reviewNotesUpdated"]').waitFor();
      await page.reload();
      await page.getByTestId('review-detail').waitFor();
      expect(await page.getByTestId('review-notes').inputValue()).toBe('Called the contact: the registration document is on its way.');
      expect(await page.getByTestId('review-notes-updated').textContent()).toContain('Last saved by User reviewer');
      const history = page.getByTestId('review-history-entry');
      await history.first().waitFor();
      const whats = await page.getByTestId('review-history-what').allTextContents();
      expect(whats).toEqual(['Reviewer notes changed', 'Status: In review', 'Status: Email verification pending', 'Enrollment started']);
      expect(await history.first().getByTestId('review-history-who').textContent()).toMatch(/^User reviewer \(/);

      // Persisted and audited in the operator's tenant; the partner reads none of it.
      const notes = await reviewer.client.get(`/v1/operator/enrollments/${waiting.enrollmentId}`);
      expect(notes.body.reviewNotes.notes).toBe('Called the contact: the registration document is on its way.');
      expect(JSON.stringify((await waiting.client.get('/v1/audit-records?size=200')).body)).not.toContain('registration document');
      await portal.browser.signOut();
    });
  }, 240_000);

  const audienceName = 'item 7: after "Publish changes" the audience says it is live and nothing else; the picker keeps its filters apart and offers competencies and skills to choose';
  it(audienceName, async () => {
    const { page } = portal.browser;
    const t = portal.server.target;
    const run = randomBytes(3).toString('hex');
    const publisher = await enrolledPublisher(t);
    const first = await enrollPartner(t, { country: 'FR' });
    const second = await enrollPartner(t, { country: 'FR' });
    expect((await second.client.put('/v1/profiles/attributes', { competencies: [`Security ${run}`], skills: [`Sentinel ${run}`], servicesOffered: [] })).status).toBe(200);
    const offerName = `Audience Scheduler ${run}`;
    const offerId = await draftOffer(publisher, offerName, [first]);
    const state = page.getByTestId('audience-state');

    await portal.browser.runTest(audienceName, async () => {
      await signedOut();
      await portal.browser.signIn(publisher.email, publisher.password);
      await page.goto(`${portal.server.url}/marketplace/offers/${offerId}`);
      await page.getByTestId('offer-editor-page').waitFor();
      await page.getByTestId('module-audience').click();
      await page.getByTestId('audience-panel').waitFor();
      expect(await state.getAttribute('data-state')).toBe('draft');

      // The partner picker: the country select keeps to its column; competency and skill are choices.
      await page.getByTestId('audience-pick').click();
      await page.getByTestId('partner-picker').waitFor();
      const country = (await page.getByTestId('partner-search-country').boundingBox())!;
      const competency = (await page.getByTestId('partner-search-competency').boundingBox())!;
      const skill = (await page.getByTestId('partner-search-skill').boundingBox())!;
      expect(country.x + country.width).toBeLessThanOrEqual(competency.x);
      expect(competency.x + competency.width).toBeLessThanOrEqual(skill.x);
      for (const field of ['partner-search-competency', 'partner-search-skill']) {
        expect(await page.getByTestId(field).evaluate((element) => element.tagName)).toBe('SELECT');
      }
      await page.getByTestId('partner-search-competency').selectOption(`Security ${run}`);
      await page.getByTestId('partner-search-skill').selectOption(`Sentinel ${run}`);
      await page.getByTestId('partner-search-submit').click();
      await page.getByTestId(`partner-result-${second.tenantId}`).check();
      expect(await page.getByTestId('partner-search-results').locator('tbody tr').count()).toBe(1);
      await page.getByTestId('partner-picker-add').click();
      await page.getByTestId('partner-picker').waitFor({ state: 'detached' });
      await page.getByTestId('audience-save').click();
      await page.getByTestId('audience-saved').waitFor();
      expect(await state.getAttribute('data-state')).toBe('draft');

      // Publish changes: the audience is live, and the panel says so and nothing else.
      await page.getByTestId('offer-publish').click();
      await page.getByTestId('offer-published').waitFor();
      await page.locator('[data-testid="audience-state"][data-state="live"]').waitFor();
      const panel = (await page.getByTestId('audience-panel').textContent()) ?? '';
      expect(panel).toContain('The saved draft is what is live.');
      expect(panel).not.toMatch(/sync the CSP audience to make it live|to make the draft live|not live yet/i);
      expect(await page.getByTestId('audience-state').count()).toBe(1);
      const live = await publisher.client.get(`/v1/offers/${offerId}/csp-audience`);
      expect(live.body.live!.partners.map((p) => p.tenantId).sort()).toEqual([first.tenantId, second.tenantId].sort());

      // A saved draft that differs from the live audience says how it goes live, until it does.
      await page.getByTestId(`audience-remove-${second.tenantId}`).click();
      await page.getByTestId('audience-unsaved').waitFor();
      await page.getByTestId('audience-save').click();
      await page.getByTestId('audience-saved').waitFor();
      await page.locator('[data-testid="audience-state"][data-state="pending"]').waitFor();
      expect(await state.textContent()).toContain('through a support request');
      await portal.browser.signOut();
    });
  }, 240_000);
});
