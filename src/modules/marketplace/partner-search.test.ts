// MKP-3 partner search through HTTP on a real database: it serves publishers (choosing their offers'
// CSP audience) and the operator; customers and partners that publish nothing are refused.
import { describe, expect, it } from 'vitest';
import { addUser, signUp } from '../../../test/helpers/client.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { enrolledPublisher, enrollPartner } from '../../../test/helpers/partners.js';
import { target, targetKinds } from '../../../test/helpers/server.js';

describe.each(targetKinds())('partner search on %s', (kind) => {
  it('MKP-3: publishers search partners; a customer and a plain partner are refused', async () => {
    const t = await target(kind);
    const reseller = await enrollPartner(t, { country: 'DE' });
    const publisher = await enrolledPublisher(t);
    const developer = await addUser(t, publisher.client, ['developer']);
    const path = `/v1/partners/search?tenantId=${reseller.tenantId}` as const;
    for (const client of [publisher.client, developer.client]) {
      const found = await client.get(path);
      expect(found.status).toBe(200);
      expect(found.body.items.map((p: { tenantId: string }) => p.tenantId)).toEqual([reseller.tenantId]);
    }
    const customer = await signUp(t, { country: 'DE' });
    const partner = await enrollPartner(t, { country: 'DE' });
    for (const client of [customer.client, partner.client, reseller.client]) {
      const refused = await client.get(path);
      expect([refused.status, refused.body.code]).toEqual([422, 'not_a_publisher']);
      expect(refused.body.items).toBeUndefined();
    }
    // The operator's staff search too; a partner's sales or helpdesk agent holds no search permission.
    const operator = await signInOperator(t);
    for (const role of ['reviewer', 'supportEngineer']) {
      const staff = await addUser(t, operator, [role]);
      expect((await staff.client.get(path)).status, role).toBe(200);
    }
    expect((await operator.get(path)).body.items.map((p: { tenantId: string }) => p.tenantId)).toEqual([reseller.tenantId]);
    const sales = await addUser(t, partner.client, ['salesAgent']);
    expect((await sales.client.get(path)).status).toBe(403);
  });

  it('MKP-3: pages by keyset over (name, tenant ID); a made-up cursor is 400 cursor_invalid', async () => {
    const t = await target(kind);
    const tag = `Keyset${Date.now().toString(36)}`;
    for (let i = 0; i < 3; i++) {
      const reseller = await enrollPartner(t, { country: 'DE' });
      await reseller.client.put('/v1/profiles/attributes', { competencies: [tag], skills: [], servicesOffered: [] });
    }
    const publisher = await enrolledPublisher(t);
    const all = await publisher.client.get(`/v1/partners/search?competency=${tag}`);
    const names: string[] = all.body.items.map((p: { name: string }) => p.name);
    expect(names).toHaveLength(3);
    expect([...names].sort()).toEqual(names);
    const first = await publisher.client.get(`/v1/partners/search?competency=${tag}&size=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((p: { name: string }) => p.name)).toEqual(names.slice(0, 2));
    expect(first.body.totalCount).toBe(3);
    const next: string = first.body.links.next!.uri;
    const second = await publisher.client.get<'/v1/partners/search'>(next);
    expect(second.body.items.map((p) => p.name)).toEqual(names.slice(2));
    expect([second.body.totalCount, second.body.links.next]).toEqual([3, undefined]);
    for (const cursor of ['10', Buffer.from(JSON.stringify(['A', 'not-an-id'])).toString('base64url'), Buffer.from(JSON.stringify(['A', '00000000-0000-0000-0000-000000000000', -1])).toString('base64url')]) {
      const bad = await publisher.client.get(`/v1/partners/search?competency=${tag}&cursor=${cursor}`);
      expect([bad.status, bad.body.errors?.[0]?.code], cursor).toEqual([400, 'cursor_invalid']);
    }
  });
});
