// Delegated admin's single-use approval link and the CUS-7 hook through HTTP on a real database: the
// emailed link opens through the one single-use-link look-up (platform/single-use-links.ts), and the
// customers service refuses to run without commerce's count of active subscriptions.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { connectedPartners, sharedCustomer } from '../../../test/helpers/commerce.js';
import { target, targetKinds, type Target } from '../../../test/helpers/server.js';
import { customersService } from './service.js';

/** The token of the newest approval link mailed to this address. */
async function approvalToken(t: Target, email: string) {
  const [mail] = await query<{ text_body: string }>(t.app.platform.db, sql`select text_body from mail_outbox where template = 'delegatedAdminRequest' and to_address = ${email} order by created_at desc limit 1`);
  return /token=([\w-]+)/.exec(mail!.text_body)![1]!;
}

async function statusOf(t: Target, id: string) {
  const [row] = await query<{ status: string }>(t.app.platform.db, sql`select status from delegated_admin_relationships where id = ${id}`);
  return row!.status;
}

describe.each(targetKinds())('delegated admin on %s', (kind) => {
  it("the approval link works once, only for the customer's own tenant, while the request is pending and for 30 days; a refused link changes nothing", async () => {
    const t = await target(kind);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const ask = async () => {
      const requested = await parties.reseller.client.post(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`, { roles: ['licenseAdministrator'], durationDays: 90, autoExtend: false });
      expect(requested.status, requested.text).toBe(201);
      return { id: requested.body.id as string, token: await approvalToken(t, customer.email) };
    };

    // Another organization's user learns nothing from the link: not found, and the request stays pending.
    const first = await ask();
    const stranger = await parties.reseller.client.post('/v1/delegated-admin-approvals', { token: first.token });
    expect([stranger.status, stranger.body.code]).toEqual([404, 'not_found']);
    expect(await statusOf(t, first.id)).toBe('approvalPending');
    const unknown = await customer.client.post('/v1/delegated-admin-approvals', { token: 'cca_no-such-token' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);

    // A request the customer ended before approving it: its link is used up.
    const partners = await customer.client.get('/v1/partner-relationships');
    const resellerEntry = partners.body.items.find((p: { partnerTenantId: string }) => p.partnerTenantId === parties.reseller.tenantId);
    expect((await customer.client.delete(`/v1/partner-relationships/${resellerEntry!.id}/delegated-admin`)).status).toBe(204);
    const terminated = await customer.client.post('/v1/delegated-admin-approvals', { token: first.token });
    expect([terminated.status, terminated.body.code]).toEqual([410, 'invitation_used']);
    expect(await statusOf(t, first.id)).toBe('terminated');

    // A request older than an invitation's 30 days: refused, still pending.
    const stale = await ask();
    await t.app.platform.db.execute(sql`update delegated_admin_relationships set created_at = now() - interval '31 days' where id = ${stale.id}`);
    const late = await customer.client.post('/v1/delegated-admin-approvals', { token: stale.token });
    expect([late.status, late.body.code]).toEqual([410, 'invitation_used']);
    expect(await statusOf(t, stale.id)).toBe('approvalPending');

    // A pending request within its 30 days: approved once; the link then names nothing.
    const fresh = await ask();
    const approved = await customer.client.post('/v1/delegated-admin-approvals', { token: fresh.token });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ id: fresh.id, status: 'active', roles: ['licenseAdministrator'] });
    const again = await customer.client.post('/v1/delegated-admin-approvals', { token: fresh.token });
    expect([again.status, again.body.code]).toEqual([404, 'not_found']);
    const audit = await customer.client.get('/v1/audit-records?action=delegatedAdmin.active');
    expect(audit.body.items.filter((r) => r.resourceId === fresh.id)).toHaveLength(1);
  });

  it("CUS-7: without commerce's count of active subscriptions the customers service does not start, and removes nothing on a guess", async () => {
    const t = await target(kind);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const { identity, enrollment, markets, relationships, agreements, groups } = t.app.services;
    const unwired = customersService(t.app.platform, { identity, enrollment, markets, relationships, agreements, groups });
    expect(() => unwired.assertWired()).toThrow(/CUS-7/);
    const ctx = { actor: await identity.actorOf(parties.reseller.userId), requestId: 'cus-7-unwired', locale: 'en' as const };
    await expect(unwired.removeRelationship(ctx, customer.tenantId)).rejects.toThrow(/not wired/);
    expect((await parties.reseller.client.get(`/v1/customers/${customer.tenantId}`)).status).toBe(200);
    // The app's own service was given commerce's count at start-up.
    expect(() => t.app.services.customers.assertWired()).not.toThrow();
  });
});
