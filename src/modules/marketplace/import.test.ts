// MKP-5 at program scale: a CSP audience CSV of 100,000 partners imports into an offer in one go, and
// a file with one bad row among them imports nothing.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { signUp } from '../../../test/helpers/client.js';
import { target, targetKinds, type Target } from '../../../test/helpers/server.js';

/** 100,000 active CSP resellers, written in bulk (the API path for one is tested elsewhere). */
async function manyResellers(t: Target, count: number): Promise<string[]> {
  const batch = randomUUID().slice(0, 8);
  await t.app.platform.db.execute(sql`
    insert into tenants (id, name, country, primary_domain)
    select gen_random_uuid(), ${`Bulk ${batch} `} || i, 'FR', ${`bulk${batch}x`} || i || '.onchannelcenter.com' from generate_series(1, ${count}) as i`);
  await t.app.platform.db.execute(sql`
    insert into enrollments (tenant_id, program, status, enrolled_by_user_id)
    select id, 'indirectReseller', 'active', gen_random_uuid() from tenants where name like ${`Bulk ${batch} %`}`);
  const rows = await query<{ tenant_id: string }>(
    t.app.platform.db,
    sql`select tenant_id from enrollments where program = 'indirectReseller' and status = 'active' and tenant_id not in (select tenant_id from legal_business_profiles) order by created_at desc limit ${count}`,
  );
  await t.app.platform.db.execute(sql`
    insert into legal_business_profiles (tenant_id, legal_name, address, country, primary_contact, address_validation_status)
    select e.tenant_id, ${`Bulk ${batch} `} || e.tenant_id, '{"addressLine1":"1 Main St","city":"Paris","country":"FR"}'::jsonb, 'FR',
           '{"firstName":"A","lastName":"B","email":"a@b.example.com","phone":"+33123456789"}'::jsonb, 'Verified'
    from enrollments e where e.tenant_id in (select tenant_id from enrollments where program = 'indirectReseller' and status = 'active' and tenant_id not in (select tenant_id from legal_business_profiles))`);
  return rows.map((r) => r.tenant_id);
}

describe.each(targetKinds())('CSP audience import of 100,000 partners on %s', (kind) => {
  it('imports all rows in one go, and nothing when one row is bad', async () => {
    // 100,000 partners would crowd every other suite's lists: a database of its own.
    const t = await target(kind, { instance: 'scale', isolated: true });
    const ids = await manyResellers(t, 100_000);
    expect(ids).toHaveLength(100_000);
    const publisher = await signUp(t, { country: 'US' });
    const agreements = await publisher.client.get('/v1/agreements?type=publisherAgreement');
    const current = agreements.body.items.find((a: { current: boolean }) => a.current);
    if (current) await publisher.client.post(`/v1/agreements/${current.templateId}/acceptances`, { primaryContact: { firstName: 'P', lastName: 'O', email: publisher.email } });
    await publisher.client.post('/v1/publisher/enrollment');
    const offer = await publisher.client.post('/v1/offers', { type: 'saas', name: 'At scale' });
    const csv = `tenantId,name,country\n${ids.map((id) => `${id},x,FR`).join('\n')}\n`;
    const bad = await publisher.client.request('POST', `/v1/offers/${offer.body.id}/csp-audience/import`, { raw: `${csv}not-a-tenant,x,FR\n`, headers: { 'content-type': 'text/csv' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: '/rows/100002', code: 'malformed' })]);
    const [none] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from offer_audience where offer_id = ${offer.body.id}`);
    expect(none!.n).toBe(0);
    const started = Date.now();
    const imported = await publisher.client.request('POST', `/v1/offers/${offer.body.id}/csp-audience/import`, { raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(imported.body).toEqual({ imported: 100_000 });
    console.log(`CSP audience import (${kind}): 100,000 partners in ${Date.now() - started} ms`);
    const [all] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from offer_audience where offer_id = ${offer.body.id} and in_draft`);
    expect(all!.n).toBe(100_000);
    const exported = await publisher.client.get(`/v1/offers/${offer.body.id}/csp-audience/export`);
    expect(exported.text.trim().split('\n')).toHaveLength(100_001);
  });
});
