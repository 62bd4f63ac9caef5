// Delegated admin asked of an existing customer, through HTTP on a real database: the request's answer
// carries its approval link and how many global admins it was mailed to; the customer's global admin
// reads through that link which partner asks for which roles and for how long before approving
// (GET /v1/delegated-admin-approvals/{token}), refused like the approval itself for anyone else and for
// a link that no longer works.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { addUser, type RequestBody } from '../../../test/helpers/client.js';
import { connectedPartners, sharedCustomer } from '../../../test/helpers/commerce.js';
import { target, targetKinds } from '../../../test/helpers/server.js';

const tokenIn = (link: string) => new URL(link).searchParams.get('token')!;

describe.each(targetKinds())('delegated-admin approval link on %s', (kind) => {
  it("the request answers its link and the number of global admins mailed; through the link the customer's global admin reads partner, roles and duration, nobody else does, and a used, ended or stale link reads nothing", async () => {
    const t = await target(kind);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const secondAdmin = await addUser(t, customer.client, ['globalAdmin']);
    const helpdesk = await addUser(t, customer.client, ['helpdeskAdministrator']);
    const ask = async (roles: RequestBody<'/v1/customers/{id}/delegated-admin-relationships', 'post'>['roles']) => {
      const requested = await parties.reseller.client.post(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`, { roles, durationDays: 120, autoExtend: true });
      expect(requested.status, requested.text).toBe(201);
      return requested;
    };

    const requested = await ask(['userAdministrator', 'billingReader']);
    expect(requested.body).toMatchObject({ status: 'approvalPending', roles: ['userAdministrator', 'billingReader'], durationDays: 120, autoExtend: true, approval: { mailedTo: 2 } });
    const link = requested.body.approval.link!;
    expect(link).toMatch(/\/delegated-admin\/approve\?token=cca_/);
    // The link answered is the one mailed to each global admin.
    const mailed = await query<{ to_address: string; text_body: string }>(t.app.platform.db, sql`select to_address, text_body from mail_outbox where template = 'delegatedAdminRequest' and tenant_id = ${customer.tenantId} order by created_at`);
    expect(mailed.map((m) => m.to_address).sort()).toEqual([customer.email, secondAdmin.email].sort());
    expect(mailed.every((m) => m.text_body.includes(link))).toBe(true);
    // The request's own list shows no link (only the answer that made it does).
    const listed = await parties.reseller.client.get(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`);
    expect(JSON.stringify(listed.body)).not.toContain(tokenIn(link));

    const token = tokenIn(link);
    const read = await customer.client.get(`/v1/delegated-admin-approvals/${token}`);
    expect(read.status, read.text).toBe(200);
    const partner = await parties.reseller.client.get('/v1/me');
    expect(read.body).toEqual({
      id: requested.body.id,
      partner: { tenantId: parties.reseller.tenantId, name: partner.body.tenant.name, country: 'FR' },
      roles: ['userAdministrator', 'billingReader'],
      durationDays: 120,
      autoExtend: true,
      status: 'approvalPending',
      createdAt: requested.body.createdAt,
      expiresAt: new Date(Date.parse(requested.body.createdAt) + 30 * 86_400_000).toISOString(),
    });

    // Another organization (the partner itself included) finds nothing; a customer user who may not approve is refused.
    expect((await parties.reseller.client.get(`/v1/delegated-admin-approvals/${token}`)).status).toBe(404);
    expect((await parties.provider.client.get(`/v1/delegated-admin-approvals/${token}`)).status).toBe(404);
    expect((await helpdesk.client.get(`/v1/delegated-admin-approvals/${token}`)).status).toBe(403);
    expect((await customer.client.get('/v1/delegated-admin-approvals/cca_no-such-token')).status).toBe(404);

    // A replay of the request (same Idempotency-Key) answers the same relationship without the link.
    const once = { roles: ['helpdeskAdministrator'] as const, durationDays: 30, autoExtend: false };
    const headers = { 'idempotency-key': `dar-${requested.body.id}` };
    const firstTry = await parties.reseller.client.post(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`, { ...once, roles: [...once.roles] }, { headers });
    const replay = await parties.reseller.client.post(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`, { ...once, roles: [...once.roles] }, { headers });
    expect([replay.status, replay.headers.get('idempotent-withheld')]).toEqual([201, '/approval/link']);
    expect(replay.body).toEqual({ ...firstTry.body, approval: { link: null, mailedTo: 2 } });

    // Reading changes nothing: the link still approves, once; then it reads nothing.
    expect((await customer.client.post('/v1/delegated-admin-approvals', { token })).body.status).toBe('active');
    expect((await customer.client.get(`/v1/delegated-admin-approvals/${token}`)).status).toBe(404);

    // A request the customer ended reads as used; so does one older than 30 days.
    const ended = await ask(['helpdeskAdministrator']);
    const partners = await customer.client.get('/v1/partner-relationships');
    const entry = partners.body.items.find((p) => p.partnerTenantId === parties.reseller.tenantId)!;
    expect((await customer.client.delete(`/v1/partner-relationships/${entry.id}/delegated-admin`)).status).toBe(204);
    const endedRead = await customer.client.get(`/v1/delegated-admin-approvals/${tokenIn(ended.body.approval.link!)}`);
    expect([endedRead.status, endedRead.body.code]).toEqual([410, 'invitation_used']);
    const stale = await ask(['licenseAdministrator']);
    await t.app.platform.db.execute(sql`update delegated_admin_relationships set created_at = now() - interval '31 days' where id = ${stale.body.id}`);
    const staleRead = await customer.client.get(`/v1/delegated-admin-approvals/${tokenIn(stale.body.approval.link!)}`);
    expect([staleRead.status, staleRead.body.code]).toEqual([410, 'invitation_used']);
  });
});
