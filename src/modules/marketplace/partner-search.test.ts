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
    const path = `/v1/partners/search?tenantId=${reseller.tenantId}`;
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
});
