// Security groups and access assignments in a real browser (ACC-3): a reseller's global admin creates a
// security group under Account settings and adds its admin agent, then assigns the group one of the
// roles a customer approved, from the customer's row on the Customers page; the agent acts in the
// customer's tenant with that role and no other, and with none once the assignment is removed. The
// customer sees which roles are in use, never the group.
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, type SignedUp } from '../helpers/client.js';
import { connectedPartners, customerAccepts, tokenOf, type Parties } from '../helpers/commerce.js';
import { relationshipsWith } from '../helpers/groups.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();

describe.skipIf(skip)('security groups in Chromium', () => {
  const portal = usePortal({ locale: 'en-US' });
  let parties: Parties;
  let customer: SignedUp;
  let agent: SignedUp;

  beforeAll(async () => {
    // A reseller whose customer granted it two delegated-admin roles, and an admin agent of the
    // reseller in no security group yet.
    const t = portal.server.target;
    parties = await connectedPartners(t, 'FR');
    const invitation = await parties.reseller.client.post('/v1/customer-invitations', {
      type: 'resellerAndProvider',
      providerRelationshipId: parties.relationshipId,
      delegatedAdmin: { roles: ['userAdministrator', 'helpdeskAdministrator'], durationDays: 90, autoExtend: false },
    });
    if (invitation.status !== 201) throw new Error(`customer invitation: ${invitation.text}`);
    customer = await customerAccepts(t, tokenOf(invitation.body.link));
    agent = await addUser(t, parties.reseller.client, ['adminAgent']);
  });

  const testName = 'security groups: a group with the admin agent, assigned one approved role on a customer; the agent acts with it and nothing more; the customer sees the role in use';
  it(testName, async () => {
    const { page } = portal.browser;
    const { reseller } = parties;
    const c = customer.tenantId;
    const usersOfCustomer = async () => (await agent.client.request<{ code?: string }>('GET', `/v1/customers/${c}/users`)).status;
    const addsUser = async () =>
      (await agent.client.request<{ code?: string }>('POST', `/v1/customers/${c}/users`, { body: { displayName: 'By agent', email: `by-agent-${Date.now()}@example.com`, roles: [] } })).body.code;

    await portal.browser.runTest(testName, async () => {
      // Outside every assigned group, the admin agent holds nothing in the customer's tenant.
      expect(await usersOfCustomer()).toBe(403);

      // Account settings → Security groups: a new group, with the agent in it.
      await portal.browser.signIn(reseller.email, reseller.password);
      await page.getByTestId('nav-account-settings').waitFor();
      await page.getByTestId('nav-security-groups').click();
      await page.getByTestId('security-groups-page').waitFor();
      await page.getByTestId('create-group').click();
      await page.getByTestId('group-dialog').waitFor();
      await page.getByTestId('group-dialog-submit').click();
      await page.getByText('This field is required.').first().waitFor();
      await page.getByTestId('group-name').fill('Helpdesk desk');
      await page.getByTestId('group-description').fill('First-line support for our customers');
      await page.getByTestId('group-dialog-submit').click();
      await page.getByTestId('group-dialog').waitFor({ state: 'detached' });
      const row = page.getByTestId('group-row-Helpdesk desk');
      await row.waitFor();
      await page.getByTestId('group-expand-Helpdesk desk').click();
      await page.getByTestId('group-members-empty').waitFor();
      const groups = await reseller.client.request<{ items: { id: string; name: string }[] }>('GET', `/v1/tenants/${reseller.tenantId}/security-groups`);
      const groupId = groups.body.items.find((group) => group.name === 'Helpdesk desk')!.id;
      await page.getByTestId(`add-member-${groupId}`).click();
      await page.getByTestId('add-member-dialog').waitFor();
      await page.getByTestId('add-member-user').click();
      await page.getByTestId(`add-member-option-${agent.email}`).click();
      await page.getByTestId('add-member-submit').click();
      await page.getByTestId('add-member-dialog').waitFor({ state: 'detached' });
      await page.getByTestId(`group-member-${agent.email}`).waitFor();
      expect(await row.getByTestId('group-member-count').textContent()).toBe('1');
      // A group alone gives nothing.
      expect(await usersOfCustomer()).toBe(403);

      // Customers → the customer's row → Delegated admin: the group gets the helpdesk role only.
      const [dar] = await relationshipsWith(reseller.client, c);
      await page.getByTestId('nav-customers').click();
      await page.getByTestId(`customer-expand-${c}`).click();
      const relationship = page.getByTestId(`delegated-admin-relationship-${dar!.id}`);
      await relationship.waitFor();
      expect(await relationship.getByTestId('delegated-admin-in-use').textContent()).toContain('No role assigned');
      await page.getByTestId(`assign-group-${dar!.id}`).click();
      await page.getByTestId('assign-group-dialog').waitFor();
      await page.getByTestId('assign-group-group').click();
      await page.getByTestId('assign-group-option-Helpdesk desk').click();
      expect(await page.getByTestId('assignment-role-userAdministrator').isChecked()).toBe(true);
      await page.getByTestId('assignment-role-userAdministrator').uncheck();
      await page.getByTestId('assign-group-submit').click();
      await page.getByTestId('assign-group-dialog').waitFor({ state: 'detached' });
      const assignment = relationship.getByTestId('assignment-Helpdesk desk');
      await assignment.waitFor();
      expect(await assignment.getByTestId('assignment-roles').textContent()).toBe('Helpdesk administrator');
      await relationship.getByText('In use: Helpdesk administrator').waitFor();

      // The agent now reads the customer's users, and still adds none (not a user administrator).
      expect(await usersOfCustomer()).toBe(200);
      expect(await addsUser()).toBe('delegated_role_missing');
      await portal.browser.signOut();

      // The customer sees the role in use, not the reseller's group.
      await portal.browser.signIn(customer.email, customer.password);
      await page.getByTestId('nav-partner-relationships').click();
      const partner = page.getByTestId(`partner-relationship-${reseller.tenantId}`);
      await partner.waitFor();
      expect(await partner.getByTestId('delegated-admin-in-use').textContent()).toContain('Helpdesk administrator');
      expect(await page.getByTestId('partner-relationships-page').textContent()).not.toContain('Helpdesk desk');
      await portal.browser.signOut();

      // The reseller removes the assignment: the agent's next request is refused.
      await portal.browser.signIn(reseller.email, reseller.password);
      await page.getByTestId('nav-customers').click();
      await page.getByTestId(`customer-expand-${c}`).click();
      await page.getByTestId('remove-assignment-Helpdesk desk').click();
      await page.getByTestId('remove-assignment-dialog').waitFor();
      await page.getByTestId('remove-assignment-dialog-confirm').click();
      await page.getByTestId('remove-assignment-dialog').waitFor({ state: 'detached' });
      await page.getByTestId('assignment-Helpdesk desk').waitFor({ state: 'detached' });
      expect(await usersOfCustomer()).toBe(403);
    });
  }, 240_000);
});
