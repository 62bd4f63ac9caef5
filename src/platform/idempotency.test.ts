// What an idempotent replay may show, pure: one-time secrets and the texts that quote them are withheld.
import { describe, expect, it } from 'vitest';
import { withholdSecrets } from './idempotency.js';

describe('withholdSecrets (item 17: a replay never repeats a one-time secret)', () => {
  it('withholds a temporary password, wherever it is', () => {
    const payload = JSON.stringify({ customer: { id: 'c1' }, admin: { email: 'a@b.example.com', temporaryPassword: 'Tmp-Secret-123456' } });
    const { body, withheld } = withholdSecrets(payload);
    expect(JSON.parse(body)).toEqual({ customer: { id: 'c1' }, admin: { email: 'a@b.example.com', temporaryPassword: null } });
    expect(withheld).toEqual(['/admin/temporaryPassword']);
  });

  it('withholds an invitation link and every text quoting it (the draft email), in arrays too', () => {
    const link = 'http://localhost:8080/invitations/reseller/cci_abcdefghijklmnop';
    const payload = JSON.stringify({ id: 'i1', link, draftEmail: { subject: 'Join us', body: `Hello,\n${link}\nBye` }, notes: [`see ${link}`, 'other'] });
    const { body, withheld } = withholdSecrets(payload);
    expect(JSON.parse(body)).toEqual({ id: 'i1', link: null, draftEmail: { subject: 'Join us', body: null }, notes: [null, 'other'] });
    expect(withheld).toEqual(['/link', '/draftEmail/body', '/notes/0']);
    expect(body).not.toContain('cci_abcdefghijklmnop');
  });

  it('names fields as JSON pointers (~ and / escaped)', () => {
    expect(withholdSecrets(JSON.stringify({ 'a/b': { token: 'tok-1' }, 'c~d': 'has tok-1' })).withheld).toEqual(['/a~1b/token', '/c~0d']);
  });

  it('keeps a response without secrets, an empty secret and a body that is not JSON as they are', () => {
    const plain = JSON.stringify({ user: { id: 'u1', email: 'a@b.example.com' }, links: { next: { uri: '/v1/x' } } });
    expect(withholdSecrets(plain)).toEqual({ body: plain, withheld: [] });
    const empty = JSON.stringify({ token: '', name: 'x' });
    expect(withholdSecrets(empty)).toEqual({ body: empty, withheld: [] });
    expect(withholdSecrets('tenantId,name\n1,a')).toEqual({ body: 'tenantId,name\n1,a', withheld: [] });
    expect(withholdSecrets('')).toEqual({ body: '', withheld: [] });
  });
});
