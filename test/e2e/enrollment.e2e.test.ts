// Enrollment in a real browser, in French: a reseller creates a work account and enrolls through the
// portal (PartnerID, legal business profile with address validation, contacts, submit); the primary
// contact opens the emailed confirmation link; the operator approves the enrollment from the review
// queue; the reseller's global admin reads the partner agreement, downloads its PDF, accepts it, and
// the legal-info page shows the program as active.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../helpers/client.js';
import { operatorEmail, signInOperator } from '../helpers/operator.js';
import { ensurePartnerAgreement, samples } from '../helpers/partners.js';
import { browserSuiteSkipped, usePortal } from './browser.js';
import { linkInMail } from './mail.js';

const skip = browserSuiteSkipped();

describe.skipIf(skip)('enrollment in Chromium', () => {
  const portal = usePortal({ locale: 'fr-FR' });

  beforeAll(async () => {
    // The operator has published the partner agreement the reseller accepts at the end.
    await ensurePartnerAgreement(portal.server.target);
  });

  const testName = 'enrollment: a French reseller enrolls, confirms its email, is approved, accepts the agreement and is active';
  it(testName, async () => {
    const { page } = portal.browser;
    const run = randomBytes(4).toString('hex');
    const domain = `lumiere-${run}.example.com`;
    const organization = `Lumière ${run}`;
    const legalName = `Lumière Conseil ${run} SAS`;
    const adminEmail = `admin@${domain}`;
    const adminPassword = `Correct-Horse-${run}-Battery`;
    const contactEmail = `contact@${domain}`;
    const phone = samples.FR!.phone;

    await portal.browser.runTest(testName, async () => {
      // A work account in France, created in French.
      await page.goto(`${portal.server.url}/signup`);
      await page.getByTestId('sign-up-page').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
      await page.getByTestId('sign-up-organization').fill(organization);
      const country = page.getByTestId('sign-up-country');
      await country.click();
      await country.fill('');
      await country.pressSequentially('Franc');
      await page.getByTestId('country-option-FR').click();
      await page.getByTestId('sign-up-display-name').fill('Camille Martin');
      await page.getByTestId('sign-up-email').fill(adminEmail);
      await page.getByTestId('sign-up-password').fill(adminPassword);
      await page.getByTestId('sign-up-submit').click();
      // Signed in with the new account at once (its second factor first).
      await portal.browser.finishSignIn(adminEmail);

      // The welcome page lists what the applicant needs, then the stepper starts.
      await page.getByTestId('nav-enrollment').getByText('Inscription', { exact: true }).waitFor();
      await page.getByTestId('nav-enrollment').click();
      await page.getByTestId('enrollment-welcome').waitFor();
      for (const key of ['globalAdminCredentials', 'partnerId', 'legalBusinessProfile', 'primaryContact', 'supportProfile']) {
        await page.getByTestId(`requirement-${key}`).waitFor();
      }
      expect(await page.getByTestId('requirement-servicesOffered').count()).toBe(0); // providers only
      expect(await page.getByTestId('program-choice-indirectReseller').isChecked()).toBe(true);
      await page.getByTestId('enrollment-start').click();
      await page.getByTestId('apply-page').waitFor();

      // Step 1, PartnerID: add a location in France (a new PartnerID is issued) and associate it.
      await page.getByTestId('apply-partnerId').waitFor();
      await page.getByTestId('partner-id-not-associated').waitFor();
      await page.getByTestId('add-location-button').click();
      await page.getByTestId('location-form').waitFor();
      expect(await page.getByTestId('location-country').inputValue()).toBe('France');
      await page.getByTestId('location-addressLine1').fill('12 rue de la Paix');
      await page.getByTestId('location-city').fill('Paris');
      await page.getByTestId('location-postalCode').fill('75002');
      await page.getByTestId('location-submit').click();
      await page.getByTestId('location-added').waitFor();
      const associate = page.locator('[data-testid^="associate-"]');
      const partnerId = ((await associate.getAttribute('data-testid')) ?? '').replace('associate-', '');
      expect(partnerId).toMatch(/^\d+$/);
      await associate.click();
      await page.getByTestId('partner-id-associated').waitFor();
      expect(await page.getByTestId('partner-id-associated').textContent()).toContain(partnerId);
      await page.getByTestId(`location-associated-${partnerId}`).waitFor();
      await page.getByTestId('apply-next').click();

      // Step 2, legal business profile: the address is validated; a postal code written "75 002"
      // gets the standardized form suggested next to the one entered, and the applicant picks it.
      await page.getByTestId('apply-legal').waitFor();
      await page.getByTestId('legal-name').fill(legalName);
      expect(await page.getByTestId('legal-address-country').inputValue()).toBe('France');
      await page.getByTestId('legal-address-addressLine1').fill('12 rue de la Paix');
      await page.getByTestId('legal-address-city').fill('Paris');
      await page.getByTestId('legal-address-postalCode').fill('75 002');
      await page.getByTestId('apply-next').click();
      const dialog = page.getByTestId('address-suggestion-dialog');
      await dialog.waitFor();
      expect(await dialog.getAttribute('data-validation-status')).toBe('InteractionRequired');
      expect(await page.getByTestId('address-choice-entered').textContent()).toContain('75 002 Paris');
      expect(await page.getByTestId('address-choice-suggested-0').textContent()).toContain('75002 Paris');
      expect(await page.getByTestId('address-choice-suggested-0-radio').isChecked()).toBe(true);
      await page.getByTestId('address-choice-confirm').click();
      await dialog.waitFor({ state: 'detached' });

      // Step 3, contact details: a company-domain primary contact and the support details.
      await page.getByTestId('apply-contacts').waitFor();
      await page.getByTestId('contact-first-name').fill('Camille');
      await page.getByTestId('contact-last-name').fill('Martin');
      await page.getByTestId('contact-email').fill(contactEmail);
      await page.getByTestId('contact-phone').fill(phone);
      await page.getByTestId('support-email').fill(`support@${domain}`);
      await page.getByTestId('support-phone').fill(phone);
      await page.getByTestId('support-website').fill(`www.${domain}`);
      await page.getByTestId('apply-next').click();

      // Step 4, review and submit.
      await page.getByTestId('apply-review').waitFor();
      const legalSection = page.getByTestId('review-section-legal');
      expect(await legalSection.textContent()).toContain(legalName);
      expect(await legalSection.textContent()).toContain('75002 Paris');
      expect(await page.getByTestId('review-section-partnerId').textContent()).toContain(partnerId);
      expect(await page.getByTestId('review-section-contacts').textContent()).toContain(`https://www.${domain}`);
      await page.getByTestId('apply-submit').click();

      // The status page: waiting for the primary contact to confirm by email.
      await page.getByTestId('enrollment-submitted').waitFor();
      const status = page.getByTestId('enrollment-indirectReseller-status');
      expect(await status.getAttribute('data-status')).toBe('emailVerificationPending');
      expect(await status.textContent()).toBe('Vérification de l’e-mail en attente');
      await page.getByTestId('enrollment-indirectReseller-verification-pending').waitFor();
      expect(await page.getByTestId('enrollment-indirectReseller-step-emailOwnership').getAttribute('data-state')).toBe('inProgress');

      // The primary contact opens the link from the delivered mail (the mail's origin is the
      // configured PUBLIC_URL; the test server listens elsewhere).
      const link = await linkInMail(portal.server.mailDir, contactEmail, /https?:\/\/[^\s"'<>]+\/verify-email\?token=[\w-]+/, () =>
        portal.server.target.app.platform.jobs.drain(),
      );
      expect(link.origin).toBe('http://localhost:8080');
      await page.goto(`${portal.server.url}${link.pathname}${link.search}`);
      await page.getByTestId('verify-email-success').waitFor();
      expect(await page.getByTestId('verify-email-status').getAttribute('data-status')).toBe('inReview');
      expect(await page.getByTestId('verify-email-status').textContent()).toBe('En cours de vérification');
      expect(await page.getByTestId('verify-email-expected').textContent()).toMatch(/^Décision attendue d’ici le \d{1,2} \S+ \d{4}\.$/);

      // The applicant sees the review with its expected decision window, dates in French.
      await page.getByTestId('verify-email-continue').click();
      await page.getByTestId('enrollment-detail-page').waitFor();
      expect(await status.getAttribute('data-status')).toBe('inReview');
      expect(await page.getByTestId('enrollment-indirectReseller-decision-window').textContent()).toMatch(
        /^Décision attendue entre le \d{1,2} \S+ \d{4} et le \d{1,2} \S+ \d{4}\.$/,
      );
      expect(await page.getByTestId('enrollment-indirectReseller-step-businessVerification').getAttribute('data-state')).toBe('inProgress');

      // The operator signs in through the sign-in page and approves the enrollment from the queue.
      await portal.browser.signOut();
      await signInOperator(portal.server.target); // makes sure the program's operator account exists
      await portal.browser.signIn(operatorEmail, testPassword);
      await page.getByTestId('nav-review-queue').click();
      await page.getByTestId('review-queue-page').waitFor();
      await page.getByTestId('review-filter-status').click();
      await page.getByTestId('review-filter-status-inReview').click();
      await page.waitForURL((url) => url.searchParams.get('status') === 'inReview');
      const queue = page.getByTestId('review-queue-table');
      await queue.getByRole('link', { name: legalName }).click();
      await page.getByTestId('review-detail').waitFor();
      expect(await page.getByTestId('review-status').getAttribute('data-status')).toBe('inReview');
      expect(await page.getByTestId('review-check-webmail').getAttribute('data-result')).toBe('pass');
      expect(await page.getByTestId('review-check-emailDomainMatchesWebsite').getAttribute('data-result')).toBe('pass');
      expect(await page.getByTestId('review-check-addressValidationStatus').getAttribute('data-result')).toBe('pass');
      await page.getByTestId('review-approve').click();
      await page.getByTestId('review-decision-dialog').waitFor();
      await page.getByTestId('review-confirm').click();
      await page.getByTestId('review-decided').waitFor();
      await page.locator('[data-testid="review-status"][data-status="verified"]').waitFor();
      expect(await page.getByTestId('review-approve').count()).toBe(0);

      // Back to the reseller (in French again). ENR-11: the enrolling admin lacks the admin agent
      // role; the banner offers the fix.
      await portal.browser.signOut();
      await portal.browser.signIn(adminEmail, adminPassword);
      await page.getByTestId('nav-enrollment').getByText('Inscription', { exact: true }).waitFor();
      await page.getByTestId('admin-agent-warning').waitFor();
      await page.getByTestId('admin-agent-fix').click();
      await page.getByTestId('admin-agent-warning').waitFor({ state: 'detached' });

      // The partner agreement: read it, download the PDF, accept it.
      await page.getByTestId('nav-agreements').click();
      await page.getByTestId('agreements-page').waitFor();
      await page.getByTestId('agreement-current').waitFor();
      const agreementFrame = page.frameLocator('[data-testid="agreement-document"]');
      await agreementFrame.locator('h1').first().waitFor();
      expect(await agreementFrame.locator('article').textContent()).toContain('Partner Agreement');
      expect(await page.getByTestId('agreement-document').getAttribute('sandbox')).toBe('');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('agreement-download').click()]);
      expect(download.suggestedFilename()).toMatch(/^partnerAgreement-.+\.pdf$/);
      const pdf = await readFile((await download.path())!);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const form = page.getByTestId('agreement-accept-form');
      await form.waitFor();
      // The primary contact of the legal profile is filled in.
      expect(await page.getByTestId('agreement-first-name').inputValue()).toBe('Camille');
      expect(await page.getByTestId('agreement-email').inputValue()).toBe(contactEmail);
      expect(await page.getByTestId('agreement-accept').isDisabled()).toBe(true);
      await page.getByTestId('agreement-confirm').check();
      await page.getByTestId('agreement-accept').click();
      await page.getByTestId('agreement-accepted').waitFor();
      await page.locator('[data-testid^="acceptance-"]').first().waitFor();

      // Legal info: the program is active ("Actif"), with the agreement's acceptance.
      await page.getByTestId('nav-legal-info').click();
      await page.getByTestId('legal-info-page').waitFor();
      const programStatus = page.getByTestId('program-status-indirectReseller');
      await programStatus.waitFor();
      expect(await programStatus.getAttribute('data-status')).toBe('active');
      expect(await programStatus.textContent()).toBe('Actif');
      expect(await page.getByTestId('program-agreement-indirectReseller').textContent()).toContain('Contrat partenaire accepté le');
      expect(await page.getByTestId('legal-info-name').textContent()).toBe(legalName);
      expect(await page.getByTestId('legal-info-address').textContent()).toContain('75002 Paris');

      // And the enrollment page says so too.
      await page.getByTestId('nav-enrollment').click();
      await page.getByTestId('enrollment-indirectReseller-active').waitFor();

    });
  }, 180_000);
});
