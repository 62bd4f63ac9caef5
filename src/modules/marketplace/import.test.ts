// MKP-5 at program scale: a CSP audience CSV of 100,000 partners imports into an offer in one go, and
// a file with one bad row among them imports nothing.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import type { Problem } from '../../../test/helpers/client.js';
import { bulkResellers, enrolledPublisher } from '../../../test/helpers/partners.js';
import { target, targetKinds } from '../../../test/helpers/server.js';

describe.each(targetKinds())('CSP audience import of 100,000 partners on %s', (kind) => {
  it('imports all rows in one go, and nothing when one row is bad', async () => {
    // 100,000 partners would crowd every other suite's lists: a database of its own.
    const t = await target(kind, { instance: 'scale', isolated: true });
    const ids = await bulkResellers(t.app.platform.db, 100_000);
    expect(ids).toHaveLength(100_000);
    const publisher = await enrolledPublisher(t);
    const offer = await publisher.client.post('/v1/offers', { type: 'saas', name: 'At scale' });
    const csv = `tenantId,name,country\n${ids.map((id) => `${id},x,FR`).join('\n')}\n`;
    const bad = await publisher.client.request<Problem>('POST', `/v1/offers/${offer.body.id}/csp-audience/import`, { raw: `${csv}not-a-tenant,x,FR\n`, headers: { 'content-type': 'text/csv' } });
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
