// The marketplace in a real browser (MKP-1 … MKP-10): a work account becomes a publisher through the
// portal (accepting the current publisher agreement), creates a SaaS offer with its listing and a
// plan, picks two CSP resellers in the partner picker, saves and publishes; a reseller sees the offer
// with its materials under "Marketplace offers for CSP"; after that reseller has resold it, the
// publisher cannot de-authorize it: the sync is refused, and so is a support request to remove it or to
// move to "no partners" (the form says why, on the requested change). The publisher then asks support
// to remove only the partner that has not resold, which the operator applies, and to open the offer to
// any partner, which the operator declines with a reason.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signUp, testPassword } from '../helpers/client.js';
import { connectedPartners, line, order, sharedCustomer } from '../helpers/commerce.js';
import { operatorEmail, signInOperator } from '../helpers/operator.js';
import { enrollPartner } from '../helpers/partners.js';
import type { Target } from '../helpers/server.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();

/** A current publisher agreement exists (published by the operator through the API). */
async function ensurePublisherAgreement(t: Target): Promise<string> {
  const operator = await signInOperator(t);
  const list = await operator.get('/v1/agreements?type=publisherAgreement');
  const current = list.body.items.find((a: { current: boolean }) => a.current);
  if (current) return current.templateId;
  const published = await operator.post('/v1/operator/agreements', {
    type: 'publisherAgreement',
    version: 'e2e-2026',
    language: 'en',
    title: 'Publisher Agreement',
    body: '# Publisher Agreement\n\nThe publisher supports its customers and the CSP partners that resell its offers.',
  });
  if (published.status !== 201) throw new Error(`publishing the publisher agreement failed: ${published.text}`);
  return published.body.templateId;
}

describe.skipIf(skip)('marketplace in Chromium', () => {
  const portal = usePortal({ locale: 'en-US' });

  const testName = 'marketplace: a publisher opens an offer to two CSP resellers, one resells it, and the resale lock holds through sync and support';
  it(testName, async () => {
    const { page } = portal.browser;
    const t = portal.server.target;
    const run = randomBytes(4).toString('hex');
    const offerName = `Field Service Scheduler ${run}`;

    // Prepared over the API: the publisher's work account, two active resellers in France (one of
    // them connected to a provider), and a current publisher agreement.
    await ensurePublisherAgreement(t);
    const publisher = await signUp(t, { country: 'US', organizationName: `Fabrikam ISV ${run}` });
    const parties = await connectedPartners(t, 'FR');
    const second = await enrollPartner(t, { country: 'FR', organizationName: `Second Reseller ${run}` });
    const reseller = parties.reseller;

    const openAudience = async (offerId: string) => {
      await page.getByTestId('nav-marketplace-offers').click();
      await page.getByTestId('offers-table').getByRole('link', { name: offerName }).click();
      await page.waitForURL((url) => url.pathname === `/marketplace/offers/${offerId}`);
      await page.getByTestId('module-audience').click();
      await page.getByTestId('audience-panel').waitFor();
    };

    await portal.browser.runTest(testName, async () => {
      // The work account becomes a publisher through the page: the current agreement comes first.
      await portal.browser.signIn(publisher.email, publisher.password);
      await page.getByTestId('nav-become-publisher').click();
      await page.getByTestId('become-publisher-page').waitFor();
      await page.getByTestId('publisher-enroll').click();
      await page.getByTestId('publisher-agreement-step').waitFor();
      await page.getByTestId('publisher-agreement-document').waitFor();
      expect(await page.getByTestId('publisher-email').inputValue()).toBe(publisher.email);
      await page.getByTestId('publisher-agreement-confirm').check();
      await page.getByTestId('publisher-agreement-accept').click();
      await page.getByTestId('offers-page').waitFor();
      await page.getByTestId('publisher-enrolled').waitFor();
      await page.getByTestId('nav-marketplace-offers').waitFor();
      expect(await page.getByTestId('nav-become-publisher').count()).toBe(0);

      // A new SaaS offer.
      await page.getByTestId('new-offer').click();
      await page.getByTestId('new-offer-dialog').waitFor();
      await page.getByTestId('new-offer-type').selectOption('saas');
      await page.getByTestId('new-offer-name').fill(offerName);
      await page.getByTestId('new-offer-create').click();
      await page.waitForURL(/\/marketplace\/offers\/[0-9a-f-]{36}/);
      const offerId = /\/marketplace\/offers\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      await page.getByTestId('offer-editor-page').waitFor();
      expect(await page.getByTestId('offer-status').getAttribute('data-status')).toBe('draft');

      // Publishing too early lists every missing item.
      await page.getByTestId('offer-publish').click();
      await page.locator('[data-testid="publish-error"][data-code="offer_incomplete"]').waitFor();
      await page.getByTestId('publish-missing-listing').waitFor();
      await page.getByTestId('publish-missing-plans').waitFor();

      // Listing, with the CSP materials (MKP-10) and the support contact (MKP-11).
      await page.getByTestId('listing-form').waitFor();
      await page.getByTestId('listing-summary').fill('Schedules field technicians.');
      await page.getByTestId('listing-description').fill('Plans routes and visits for field service teams.');
      await page.getByTestId('listing-support-email').fill('support@fabrikam.example.com');
      await page.getByTestId('listing-support-phone').fill('+1 425 555 0100');
      await page.getByTestId('listing-support-url').fill('https://fabrikam.example.com/support');
      await page.getByTestId('listing-sales-materials-url').fill(`https://fabrikam.example.com/partners/kit-${run}`);
      await page.getByTestId('listing-channel-name').fill('Channel Team');
      await page.getByTestId('listing-channel-email').fill(`channel-${run}@fabrikam.example.com`);
      await page.getByTestId('listing-channel-phone').fill('+1 425 555 0101');
      await page.getByTestId('listing-save').click();
      await page.getByTestId('listing-saved').waitFor();

      // One plan sold in France, priced in euros.
      await page.getByTestId('module-plans').click();
      await page.getByTestId('plans-form').waitFor();
      await page.getByTestId('plan-add').click();
      await page.getByTestId('plan-0-id').fill('standard');
      await page.getByTestId('plan-0-name').fill('Standard');
      expect(await page.getByTestId('plan-0-license-payg').isChecked()).toBe(true);
      await page.getByTestId('plan-0-term-P1Y').check();
      await page.getByTestId('plan-0-cycle-annual').check();
      await page.getByTestId('plan-0-price-0-currency').fill('EUR');
      await page.getByTestId('plan-0-price-0-amount').fill('12.50');
      await page.getByTestId('plan-0-markets').fill('FR');
      await page.getByTestId('plans-save').click();
      await page.getByTestId('plans-saved').waitFor();

      // CSP Reseller audience: specific partners, found by name in the partner picker (MKP-3).
      await page.getByTestId('module-audience').click();
      await page.getByTestId('audience-panel').waitFor();
      expect(await page.getByTestId('audience-mode-none').isChecked()).toBe(true); // MKP-1: SaaS starts closed
      await page.getByTestId('audience-mode-selected').check();
      await page.getByTestId('audience-pick').click();
      await page.getByTestId('partner-picker').waitFor();
      for (const partner of [reseller, second]) {
        await page.getByTestId('partner-search-text').fill(partner.domain);
        await page.getByTestId('partner-search-submit').click();
        await page.getByTestId(`partner-result-${partner.tenantId}`).check();
      }
      expect(await page.getByTestId('partner-picker-add').textContent()).toContain('2');
      await page.getByTestId('partner-picker-add').click();
      await page.getByTestId('partner-picker').waitFor({ state: 'detached' });
      await page.getByTestId(`audience-partner-${reseller.tenantId}`).waitFor();
      await page.getByTestId(`audience-partner-${second.tenantId}`).waitFor();
      await page.getByTestId('audience-save').click();
      await page.getByTestId('audience-saved').waitFor();

      await page.getByTestId('offer-publish').click();
      await page.getByTestId('offer-published').waitFor();
      await page.locator('[data-testid="offer-status"][data-status="live"]').waitFor();
      await page.locator('[data-testid="audience-state"][data-state="live"]').waitFor();

      // The reseller sees the offer with its sales materials and channel contact.
      await portal.browser.signOut();
      await portal.browser.signIn(reseller.email, reseller.password);
      await page.getByTestId('nav-csp-offers').click();
      await page.getByTestId('csp-offers-page').waitFor();
      const card = page.getByTestId(`csp-offer-${offerId}`);
      await card.waitFor();
      expect(await card.getByTestId('csp-offer-sales-materials').getAttribute('href')).toBe(`https://fabrikam.example.com/partners/kit-${run}`);
      expect(await card.getByTestId('csp-offer-channel-contact').textContent()).toContain(`channel-${run}@fabrikam.example.com`);

      // The public storefront sells it in France, without the partner materials.
      await page.goto(`${portal.server.url}/storefront?country=FR`);
      await page.getByTestId(`storefront-offer-${offerId}`).waitFor();
      expect(await page.getByTestId('storefront-page').textContent()).not.toContain(`channel-${run}@fabrikam.example.com`);

      // The provider orders it for a shared customer through that reseller (MKP-6; the resale is stamped).
      const customer = await sharedCustomer(t, parties);
      const ordered = await order(parties.providerAgent.client, customer.tenantId, [line(`${offerId}:standard`, reseller.partnerId)]);
      expect(ordered.status, ordered.text).toBe(201);

      // MKP-7: the publisher removes the reseller that has resold and syncs: refused.
      await page.goto(`${portal.server.url}/`);
      await page.getByTestId('home-page').waitFor();
      await portal.browser.signOut();
      await portal.browser.signIn(publisher.email, publisher.password);
      await openAudience(offerId);
      await page.getByTestId(`audience-resold-${reseller.tenantId}`).waitFor();
      await page.getByTestId(`audience-remove-${reseller.tenantId}`).click();
      expect(await page.getByTestId(`audience-partner-${reseller.tenantId}`).count()).toBe(0);
      await page.getByTestId('audience-save').click();
      await page.getByTestId('audience-saved').waitFor();
      await page.getByTestId('audience-sync').click();
      const refusal = page.locator('[data-testid="audience-sync-error"][data-code="partner_has_resold"]');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('can never be de-authorized');

      // Partners are named by their legal business name (ENR-2).
      const resellerName = `Legal ${reseller.domain}`;
      const secondName = `Legal ${second.domain}`;
      // MKP-7, MKP-9: asking support to remove it instead is refused when the request is sent, and the
      // form names the partner on the requested change.
      await page.getByTestId('audience-request-change').click();
      await page.getByTestId('support-request-form').waitFor();
      expect(await page.getByTestId('support-request-change').textContent()).toContain(resellerName);
      await page.getByTestId('support-request-details').fill('We no longer work with this reseller.');
      await page.getByTestId('support-request-submit').click();
      await page.locator('[data-testid="support-request-error"][data-code="partner_has_resold"]').waitFor();
      const removeRefused = page.getByTestId('support-request-change-error');
      expect(await removeRefused.getAttribute('data-code')).toBe('partner_has_resold');
      expect(await removeRefused.textContent()).toBe(
        `These partners have resold this offer to a customer and can never be de-authorized: ${resellerName}. Keep them in the audience; only partners that have not resold can be removed.`,
      );
      expect(await page.getByTestId('support-requests-page').count()).toBe(0);

      // MKP-8, MKP-9: moving to "no partners" goes through a support request, pre-filled; with a partner
      // that has resold, the request is refused when it is sent, with the reason on the requested change.
      await page.getByTestId('support-request-cancel').click();
      await page.getByTestId('audience-panel').waitFor();
      await page.getByTestId('audience-mode-none').check();
      await page.getByTestId('audience-save').click();
      await page.getByTestId('audience-saved').waitFor();
      await page.getByTestId('audience-request-change').click();
      await page.getByTestId('support-request-form').waitFor();
      expect(await page.getByTestId('support-request-product-version').inputValue()).toBe('Live offer management');
      expect(await page.getByTestId('support-request-problem-type').inputValue()).toBe('Update existing offer');
      expect(await page.getByTestId('support-request-title').inputValue()).toBe('De-authorize CSP');
      expect(await page.getByTestId('support-request-category').inputValue()).toBe(offerName);
      expect(await page.getByTestId('support-request-change').getAttribute('data-mode')).toBe('none');
      await page.getByTestId('support-request-details').fill('We stop selling this offer through CSP partners.');
      await page.getByTestId('support-request-submit').click();
      const formRefusal = page.locator('[data-testid="support-request-error"][data-code="partner_has_resold"]');
      await formRefusal.waitFor();
      expect(await formRefusal.textContent()).toContain('This request was not sent: the operator could never apply it.');
      const modeRefused = page.getByTestId('support-request-change-error');
      expect(await modeRefused.getAttribute('data-code')).toBe('partner_has_resold');
      expect(await modeRefused.textContent()).toBe(
        'A partner has already resold this offer to a customer and can never be de-authorized, so the offer cannot move to "No partners in the CSP program". Keep the partners that have resold; you can still ask to remove the others.',
      );
      expect((await publisher.client.get('/v1/support-requests')).body.items).toEqual([]); // nothing was opened

      // MKP-7: the publisher asks instead to remove only the partner that has not resold.
      await page.getByTestId('support-request-cancel').click();
      await page.getByTestId('audience-panel').waitFor();
      await page.getByTestId('audience-mode-selected').check();
      await page.getByTestId('audience-pick').click();
      await page.getByTestId('partner-picker').waitFor();
      await page.getByTestId('partner-search-text').fill(reseller.domain);
      await page.getByTestId('partner-search-submit').click();
      await page.getByTestId(`partner-result-${reseller.tenantId}`).check();
      await page.getByTestId('partner-picker-add').click();
      await page.getByTestId('partner-picker').waitFor({ state: 'detached' });
      await page.getByTestId('audience-save').click();
      await page.getByTestId('audience-saved').waitFor();
      await page.getByTestId('audience-request-change').click();
      await page.getByTestId('support-request-form').waitFor();
      expect(await page.getByTestId('support-request-change').textContent()).toContain(secondName);
      expect(await page.getByTestId('support-request-change').textContent()).not.toContain(resellerName);
      await page.getByTestId('support-request-details').fill('We no longer work with this reseller.');
      await page.getByTestId('support-request-submit').click();
      await page.getByTestId('support-requests-page').waitFor();
      await page.getByTestId('support-request-created').waitFor();
      const requestRow = page.getByTestId('support-requests-table').locator('tr', { hasText: offerName });
      await requestRow.waitFor();
      expect(await requestRow.getByTestId('support-request-status').getAttribute('data-status')).toBe('open');

      // The operator applies it: the rules are checked again and allow it.
      const openQueue = async () => {
        await page.getByTestId('nav-operator-support-requests').click();
        await page.getByTestId('support-queue-page').waitFor();
        const row = page.locator(`[data-testid^="support-queue-row-"][data-offer-id="${offerId}"]`);
        await row.waitFor();
        return { row, requestId: ((await row.getAttribute('data-testid')) ?? '').replace('support-queue-row-', '') };
      };
      await portal.browser.signOut();
      await signInOperator(t); // makes sure the program's operator account exists
      await portal.browser.signIn(operatorEmail, testPassword);
      const removal = await openQueue();
      await page.getByTestId(`support-apply-${removal.requestId}`).click();
      await page.getByTestId('resolution-dialog').waitFor();
      await page.getByTestId('resolution-reason').fill('The partner has not resold the offer.');
      await page.getByTestId('resolution-confirm').click();
      await page.locator('[data-testid="support-queue-done"][data-action="apply"]').waitFor();
      await removal.row.waitFor({ state: 'detached' });
      const afterRemoval = await publisher.client.get(`/v1/offers/${offerId}/csp-audience`);
      expect(afterRemoval.body.live!.mode).toBe('selected');
      expect(afterRemoval.body.live!.partners.map((p: { tenantId: string }) => p.tenantId)).toEqual([reseller.tenantId]);

      // MKP-8: the publisher asks to open the offer to any partner; the operator declines with a reason.
      await portal.browser.signOut();
      await portal.browser.signIn(publisher.email, publisher.password);
      await openAudience(offerId);
      await page.getByTestId('audience-mode-all').check();
      await page.getByTestId('audience-save').click();
      await page.getByTestId('audience-saved').waitFor();
      await page.getByTestId('audience-request-change').click();
      await page.getByTestId('support-request-form').waitFor();
      expect(await page.getByTestId('support-request-change').getAttribute('data-mode')).toBe('all');
      await page.getByTestId('support-request-details').fill('Any CSP partner may resell this offer.');
      await page.getByTestId('support-request-submit').click();
      await page.getByTestId('support-request-created').waitFor();

      await portal.browser.signOut();
      await portal.browser.signIn(operatorEmail, testPassword);
      const toAll = await openQueue();
      await page.getByTestId(`support-decline-${toAll.requestId}`).click();
      await page.getByTestId('resolution-dialog').waitFor();
      await page.getByTestId('resolution-confirm').click();
      await page.getByText('Enter the reason sent to the publisher.').waitFor(); // the reason is required
      await page.getByTestId('resolution-reason').fill('This offer stays with the partners selected for it.');
      await page.getByTestId('resolution-confirm').click();
      await page.locator('[data-testid="support-queue-done"][data-action="decline"]').waitFor();
      await toAll.row.waitFor({ state: 'detached' });

      // The live audience keeps the reseller that has resold; each request has its outcome.
      const audience = await publisher.client.get(`/v1/offers/${offerId}/csp-audience`);
      expect(audience.body.live!.mode).toBe('selected');
      expect(audience.body.live!.partners.map((p: { tenantId: string }) => p.tenantId)).toEqual([reseller.tenantId]);
      const requests = await publisher.client.get('/v1/support-requests');
      const statusOf = (id: string) => requests.body.items.find((r) => r.id === id)!.status;
      expect([statusOf(removal.requestId), statusOf(toAll.requestId)]).toEqual(['resolved', 'declined']);
      expect(requests.body.items).toHaveLength(2);

    });
  }, 240_000);
});
