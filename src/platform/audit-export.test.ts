// The audit log through HTTP on a real database: filtered by who acted (actorUserId), and exported as
// CSV with the same filters (format=csv or Accept: text/csv), every matching record newest first in
// batches, up to the export cap.
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { partnerRoles, permissionTable } from './access.js';
import { auditRecordsToExport } from './audit.js';
import { expectAuthorization } from '../../test/helpers/authz.js';
import { addUser, signUp } from '../../test/helpers/client.js';
import { target, targetKinds } from '../../test/helpers/server.js';

const columns = ['id', 'at', 'action', 'resourceType', 'resourceId', 'tenantId', 'actorUserId', 'actorTenantId', 'actorAppId', 'actorAppName', 'ip', 'requestId', 'before', 'after'];

type CsvRow = Record<(typeof columns)[number], string>;
const rowsOf = (text: string): CsvRow[] => parse(text, { columns: true, skip_empty_lines: true });

describe.each(targetKinds())('audit log filters and export on %s', (kind) => {
  it('filters by the user who acted, alone or with the other filters', async () => {
    const t = await target(kind);
    const admin = await signUp(t);
    const agent = await addUser(t, admin.client, ['userManagementAdmin']);
    expect((await agent.client.patch('/v1/me', { displayName: 'Agent Renamed' })).status).toBe(200);
    expect((await admin.client.patch('/v1/me', { displayName: 'Admin Renamed' })).status).toBe(200);

    const byAgent = await admin.client.get(`/v1/audit-records?actorUserId=${agent.userId}&size=500`);
    expect(byAgent.status, byAgent.text).toBe(200);
    expect(byAgent.body.items.length).toBeGreaterThan(0);
    expect(byAgent.body.items.every((record) => record.actorUserId === agent.userId)).toBe(true);
    expect(byAgent.body.totalCount).toBe(byAgent.body.items.length);
    const all = await admin.client.get('/v1/audit-records?size=500');
    expect(all.body.items.filter((record) => record.actorUserId === agent.userId).map((record) => record.id)).toEqual(byAgent.body.items.map((record) => record.id));

    const updates = await admin.client.get(`/v1/audit-records?actorUserId=${admin.userId}&action=user.updated`);
    expect(updates.body.items.map((record) => [record.action, record.actorUserId, record.resourceId])).toEqual([['user.updated', admin.userId, admin.userId]]);
    expect((await admin.client.get(`/v1/audit-records?actorUserId=${agent.userId}&resourceType=tenant`)).body.items).toEqual([]);
    expect((await admin.client.get('/v1/audit-records?actorUserId=not-a-user')).status).toBe(400);
  });

  it('exports the matching records as CSV, with the same filters, whether asked by format=csv or by Accept', async () => {
    const t = await target(kind);
    const admin = await signUp(t);
    const agent = await addUser(t, admin.client, ['userManagementAdmin']);
    expect((await agent.client.patch('/v1/me', { displayName: '=HYPERLINK("http://evil.example")' })).status).toBe(200);

    const json = await admin.client.get('/v1/audit-records?size=500');
    const csv = await admin.client.get('/v1/audit-records?format=csv');
    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-records-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.text.split('\n')[0]).toBe(columns.join(','));
    const rows = rowsOf(csv.text);
    expect(rows.map((row) => [row.id, row.at, row.action, row.resourceId])).toEqual(json.body.items.map((record) => [record.id, record.at, record.action, record.resourceId ?? '']));
    const renamed = rows.find((row) => row.action === 'user.updated' && row.actorUserId === agent.userId)!;
    expect(JSON.parse(renamed.after).displayName).toBe('=HYPERLINK("http://evil.example")');
    expect(renamed.tenantId).toBe(admin.tenantId);

    // The same filters as the list.
    const filtered = rowsOf((await admin.client.get(`/v1/audit-records?format=csv&actorUserId=${agent.userId}&action=user.updated`)).text);
    expect(filtered.map((row) => [row.action, row.actorUserId])).toEqual([['user.updated', agent.userId]]);
    const empty = await admin.client.get(`/v1/audit-records?format=csv&from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`);
    expect([empty.status, empty.text]).toEqual([200, `${columns.join(',')}\n`]);

    // Accept: text/csv asks for the same file; JSON stays the default, and format wins over Accept.
    const accepted = await admin.client.get('/v1/audit-records', { headers: { accept: 'text/csv' } });
    expect(accepted.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(rowsOf(accepted.text)).toHaveLength(rows.length);
    const asJson = await admin.client.get('/v1/audit-records?format=json', { headers: { accept: 'text/csv' } });
    expect(asJson.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await admin.client.get('/v1/audit-records?format=xlsx')).status).toBe(400);
    // The refusals of the list apply to the export: a reversed range, another tenant.
    expect((await admin.client.get('/v1/audit-records?format=csv&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(400);
    const stranger = await signUp(t);
    expect((await stranger.client.get(`/v1/audit-records?format=csv&tenantId=${admin.tenantId}`)).status).toBe(403);
  });

  it('reads an export in batches over the index, newest first, each record once, up to the cap', async () => {
    const t = await target(kind);
    const admin = await signUp(t);
    // More records than one batch holds (500), some sharing a timestamp, so batches meet inside a run of equal times.
    await t.app.platform.db.execute(sql`
      insert into audit_records (at, tenant_id, actor_tenant_id, action, resource_type, resource_id)
      select now() - (n / 3) * interval '1 second', ${admin.tenantId}::uuid, ${admin.tenantId}::uuid, 'bulk.tested', 'bulk', n::text
      from generate_series(1, 1234) n`);
    const rows = rowsOf((await admin.client.get('/v1/audit-records?format=csv&action=bulk.tested')).text);
    expect(rows).toHaveLength(1234);
    expect(new Set(rows.map((row) => row.resourceId)).size).toBe(1234);
    const times = rows.map((row) => Date.parse(row.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const capped: string[] = [];
    for await (const row of auditRecordsToExport(t.app.platform.db, { tenantId: admin.tenantId, action: 'bulk.tested' }, 501)) capped.push(row.resourceId!);
    expect(capped).toEqual(rows.slice(0, 501).map((row) => row.resourceId));
  });

  it('GET /v1/audit-records?format=csv: the roles that read the audit log', async () => {
    const allowed = partnerRoles.filter((role) => permissionTable['audit.read'].includes(role));
    expect(allowed).toEqual(['globalAdmin', 'userManagementAdmin', 'billingAdmin', 'adminAgent']);
    await expectAuthorization(await target(kind), { method: 'GET', path: () => '/v1/audit-records?format=csv', allowed, otherTenant: 'own' });
  });
});
