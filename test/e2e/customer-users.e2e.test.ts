// A customer's users in a real browser (ACC-1, ACC-2, REL-4, ENR-12): the customer's global admin adds a
// plain member (no role) and a license administrator from User management, where only customer roles are
// offered; its reseller, holding the delegated user administrator role only, adds a user from the customer
// users panel (customer roles only, never global admin), is refused with a clear message when it resets
// the password of the license administrator (a role whose permissions it does not hold), and resets the
// plain member's: the temporary password is shown once, the member's session has ended and the new
// password signs in. Back in User management, the customer sees who created the reseller's user, and
// cannot make it a global admin. A provider's admin agent does the same in its reseller's tenant (REL-4).
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../helpers/client.js';
import { connectedPartners, sharedCustomer, type Parties } from '../helpers/commerce.js';
import type { SignedUp } from '../helpers/client.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();

describe.skipIf(skip)("a customer's users in Chromium", () => {
  const portal = usePortal();
  let parties: Parties;
  let customer: SignedUp;
  let resellerName: string;

  beforeAll(async () => {
    // A reseller (and its provider) with a customer that granted the reseller the delegated user
    // administrator role only (CUS-2, CUS-4).
    parties = await connectedPartners(portal.server.target, 'FR');
    customer = await sharedCustomer(portal.server.target, parties, { roles: ['userAdministrator'], durationDays: 90, autoExtend: true });
    resellerName = (await parties.reseller.client.get('/v1/me')).body.tenant.name;
  });

  const testName = "customer users: the customer adds a plain member and a license administrator; its reseller adds a user and resets the member's password";
  it(testName, async () => {
    const { page } = portal.browser;
    const { reseller } = parties;
    const run = randomBytes(4).toString('hex');
    const memberEmail = `member-${run}@customer-${run}.example.com`;
    const licenseAdminEmail = `licenses-${run}@customer-${run}.example.com`;
    const helpdeskEmail = `helpdesk-${run}@customer-${run}.example.com`;
    const customerUsersPath = `/v1/customers/${customer.tenantId}/users` as const;

    /** Adds a user from the open add-user dialog's form; answers the temporary password shown once. */
    const addUser = async (name: string, email: string, roles: string[]) => {
      await page.getByTestId('add-user-dialog').waitFor();
      await page.getByTestId('add-user-display-name').fill(name);
      await page.getByTestId('add-user-email').fill(email);
      for (const role of roles) await page.getByTestId(`add-user-role-${role}`).check();
      await page.getByTestId('add-user-submit').click();
      const password = ((await page.getByTestId('temporary-password').textContent()) ?? '').trim();
      expect(password.length).toBeGreaterThanOrEqual(12);
      await page.getByTestId('temporary-password-copy').waitFor();
      await page.getByTestId('add-user-done').click();
      await page.getByTestId('add-user-dialog').waitFor({ state: 'detached' });
      return password;
    };

    await portal.browser.runTest(testName, async () => {
      // ACC-1: the customer's global admin manages its users with customer roles only; a plain member
      // needs no role.
      await portal.browser.signIn(customer.email, customer.password);
      await page.getByTestId('nav-users').click();
      await page.getByTestId('users-page').waitFor();
      await page.getByTestId(`user-row-${customer.email}`).waitFor();
      await page.getByTestId('add-user-button').click();
      await page.getByTestId('add-user-dialog').waitFor();
      expect(await page.getByTestId('add-user-roles').getAttribute('data-kind')).toBe('customer');
      for (const role of ['globalAdmin', 'userAdministrator', 'licenseAdministrator', 'helpdeskAdministrator', 'billingReader']) {
        expect(await page.getByTestId(`add-user-role-${role}`).isDisabled(), role).toBe(false);
      }
      for (const role of ['adminAgent', 'userManagementAdmin', 'salesAgent', 'operatorAdmin']) {
        expect(await page.getByTestId(`add-user-role-${role}`).count(), role).toBe(0);
      }
      expect(await page.getByTestId('add-user-roles').textContent()).toContain('Assigns the organization\'s licenses to its users');
      const memberPassword = await addUser('Paul Member', memberEmail, []);
      const memberRow = page.getByTestId(`user-row-${memberEmail}`);
      await memberRow.waitFor();
      expect(await memberRow.textContent()).toContain('No roles');

      await page.getByTestId('add-user-button').click();
      await addUser('Lena Licenses', licenseAdminEmail, ['licenseAdministrator']);
      const licenseRow = page.getByTestId(`user-row-${licenseAdminEmail}`);
      await licenseRow.waitFor();
      expect(await licenseRow.textContent()).toContain('License administrator');
      // The customer's own users were created by the customer: no "Created by".
      expect(await page.getByTestId(`user-created-by-${memberEmail}`).count()).toBe(0);
      await portal.browser.signOut();

      // The member signs in (a session that the reset must end).
      const member = new Client(portal.server.url);
      expect((await member.signIn(memberEmail, memberPassword)).status).toBe(201);
      expect((await member.get('/v1/me')).status).toBe(200);

      // ACC-2: the reseller manages the customer's users from the customer users panel, within its
      // delegated user administrator role: customer roles only, and never global admin.
      await portal.browser.signIn(reseller.email, reseller.password);
      await page.getByTestId('nav-customers').click();
      await page.getByTestId(`customer-expand-${customer.tenantId}`).click();
      await page.getByTestId(`customer-details-${customer.tenantId}`).waitFor();
      await page.getByTestId(`customer-user-row-${memberEmail}`).waitFor();
      // A global admin of the customer is changed by nobody outside it: no edit, no reset.
      expect(await page.getByTestId(`customer-user-reset-password-${customer.email}`).count()).toBe(0);
      expect(await page.getByTestId(`customer-user-edit-${customer.email}`).count()).toBe(0);

      await page.getByTestId(`customer-users-add-${customer.tenantId}`).click();
      await page.getByTestId('add-user-dialog').waitFor();
      expect(await page.getByTestId('add-user-roles').getAttribute('data-kind')).toBe('customer');
      expect(await page.getByTestId('add-user-role-globalAdmin').count()).toBe(0);
      expect(await page.getByTestId('add-user-role-adminAgent').count()).toBe(0);
      await addUser('Hugo Helpdesk', helpdeskEmail, ['helpdeskAdministrator']);
      await page.getByTestId(`customer-user-row-${helpdeskEmail}`).waitFor();
      expect(await page.getByTestId(`customer-user-created-by-${helpdeskEmail}`).textContent()).toBe(`Created by ${resellerName}`);

      // ACC-1: the license administrator holds permissions the reseller's delegated role does not give:
      // the refusal is explained, not shown as a code.
      await page.getByTestId(`customer-user-reset-password-${licenseAdminEmail}`).click();
      await page.getByTestId('reset-user-password-dialog').waitFor();
      await page.getByTestId('reset-user-password-confirm').click();
      const refused = page.getByTestId('reset-user-password-error');
      await refused.waitFor();
      expect(await refused.getAttribute('data-code')).toBe('role_grant_exceeds_own');
      expect(await refused.textContent()).toContain("You can't give a role whose permissions you don't hold yourself here");
      expect(await page.getByTestId('reset-user-password-value').count()).toBe(0);
      await page.getByTestId('reset-user-password-cancel').click();
      await page.getByTestId('reset-user-password-dialog').waitFor({ state: 'detached' });

      // The plain member's password: a temporary one, shown once with a copy button; its sessions ended.
      await page.getByTestId(`customer-user-reset-password-${memberEmail}`).click();
      await page.getByTestId('reset-user-password-dialog').waitFor();
      expect(await page.getByTestId('reset-user-password-dialog').textContent()).toContain(memberEmail);
      await page.getByTestId('reset-user-password-confirm').click();
      const shown = page.getByTestId('reset-user-password-value');
      await shown.waitFor();
      const temporaryPassword = ((await shown.textContent()) ?? '').trim();
      expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
      expect(temporaryPassword).not.toBe(memberPassword);
      await page.getByTestId('reset-user-password-copy').waitFor();
      expect(await page.getByTestId('reset-user-password-signins-ended').textContent()).toBe(
        'Every session of Paul Member was signed out and its personal access tokens were revoked. Paul Member must choose a new password at the next sign-in.',
      );
      await page.getByTestId('reset-user-password-done').click();
      await page.getByTestId('reset-user-password-dialog').waitFor({ state: 'detached' });
      // Shown once: nowhere on the page any more, and not in what the API lists.
      expect(await page.getByText(temporaryPassword).count()).toBe(0);
      const listed = await reseller.client.get(customerUsersPath);
      expect(listed.status).toBe(200);
      expect(listed.text).not.toContain(temporaryPassword);
      expect(listed.body.items.find((user) => user.email === memberEmail)!.mustChangePassword).toBe(true);

      expect((await member.get('/v1/me')).status).toBe(401);
      expect((await new Client(portal.server.url).signIn(memberEmail, memberPassword)).status).toBe(401);
      expect((await new Client(portal.server.url).signIn(memberEmail, temporaryPassword)).status).toBe(201);
      await portal.browser.signOut();

      // REL-4: the customer sees which organization created the reseller's user, and cannot make it a
      // global admin.
      await portal.browser.signIn(customer.email, customer.password);
      await page.getByTestId('nav-users').click();
      await page.getByTestId(`user-row-${helpdeskEmail}`).waitFor();
      expect(await page.getByTestId(`user-created-by-${helpdeskEmail}`).textContent()).toBe(`Created by ${resellerName}`);
      await page.getByTestId(`edit-user-${helpdeskEmail}`).click();
      await page.getByTestId('edit-user-dialog').waitFor();
      expect(await page.getByTestId('edit-user-role-helpdeskAdministrator').isChecked()).toBe(true);
      expect(await page.getByTestId('edit-user-role-globalAdmin').count()).toBe(0);
      expect(await page.getByTestId('edit-user-created-elsewhere').textContent()).toBe(`Created by ${resellerName}: this user can never be made a global admin.`);
      // Without any role it stays a member of the directory (no "select a role" for a customer).
      await page.getByTestId('edit-user-role-helpdeskAdministrator').uncheck();
      await page.getByTestId('edit-user-submit').click();
      await page.getByTestId('edit-user-dialog').waitFor({ state: 'detached' });
      await page.getByTestId(`user-row-${helpdeskEmail}`).getByText('No roles').waitFor();

    });
  }, 240_000);

  const resellerTestName = "reseller users: the provider's admin agent adds a user to its reseller's tenant and resets its password, never a global admin's";
  it(resellerTestName, async () => {
    const { page } = portal.browser;
    const { reseller, provider, providerAgent } = parties;
    const run = randomBytes(4).toString('hex');
    const salesEmail = `sales-${run}@reseller-${run}.example.com`;
    const providerName = (await provider.client.get('/v1/me')).body.tenant.name;

    await portal.browser.runTest(resellerTestName, async () => {
      // REL-4: with the admin access the reseller granted, the provider's admin agent manages its users.
      await portal.browser.context.clearCookies();
      await portal.browser.signIn(providerAgent.email, providerAgent.password);
      await page.getByTestId('nav-indirect-resellers').click();
      await page.getByTestId(`manage-users-${reseller.tenantId}`).click();
      await page.getByTestId('reseller-users-page').waitFor();
      await page.getByTestId(`reseller-user-row-${reseller.email}`).waitFor();
      // The reseller's global admin: not changed, and its password not reset, through admin access.
      expect(await page.getByTestId(`reseller-user-edit-${reseller.email}`).isDisabled()).toBe(true);
      expect(await page.getByTestId(`reseller-user-reset-password-${reseller.email}`).count()).toBe(0);

      // Partner roles only, never global admin.
      await page.getByTestId('reseller-users-add').click();
      await page.getByTestId('add-user-dialog').waitFor();
      expect(await page.getByTestId('add-user-roles').getAttribute('data-kind')).toBe('partner');
      expect(await page.getByTestId('add-user-role-globalAdmin').count()).toBe(0);
      expect(await page.getByTestId('add-user-role-userAdministrator').count()).toBe(0);
      // A partner's user needs a role.
      await page.getByTestId('add-user-display-name').fill('Sam Sales');
      await page.getByTestId('add-user-email').fill(salesEmail);
      await page.getByTestId('add-user-submit').click();
      await page.getByText('Select at least one role.').waitFor();
      await page.getByTestId('add-user-role-salesAgent').check();
      await page.getByTestId('add-user-submit').click();
      await page.getByTestId('temporary-password').waitFor();
      await page.getByTestId('add-user-done').click();
      await page.getByTestId('add-user-dialog').waitFor({ state: 'detached' });
      await page.getByTestId(`reseller-user-row-${salesEmail}`).waitFor();
      expect(await page.getByTestId(`reseller-user-created-by-${salesEmail}`).textContent()).toBe(`Created by ${providerName}`);

      await page.getByTestId(`reseller-user-reset-password-${salesEmail}`).click();
      await page.getByTestId('reset-user-password-dialog').waitFor();
      await page.getByTestId('reset-user-password-confirm').click();
      const temporaryPassword = ((await page.getByTestId('reset-user-password-value').textContent()) ?? '').trim();
      expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
      await page.getByTestId('reset-user-password-signins-ended').waitFor();
      await page.getByTestId('reset-user-password-done').click();
      await page.getByTestId('reset-user-password-dialog').waitFor({ state: 'detached' });
      expect(await page.getByText(temporaryPassword).count()).toBe(0);
      expect((await new Client(portal.server.url).signIn(salesEmail, temporaryPassword)).status).toBe(201);

    });
  }, 240_000);
});
