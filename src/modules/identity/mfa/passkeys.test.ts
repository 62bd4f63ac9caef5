// Passkeys through HTTP on every database (ACC-4), with real WebAuthn responses from a software
// authenticator (test/helpers/webauthn.ts: P-256 keys, CBOR attestation, ES256 signatures): the
// registration (discoverable, user verification preferred, several per user, named, removable; the
// first factor comes with recovery codes), the second step of a password sign-in, and the sign-in with
// a passkey alone (amr webauthn) — and each way a response is refused: a used or foreign challenge,
// another origin, an unverified user, another user's passkey, a counter that does not grow (a clone).
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../../db/index.js';
import { Client, testPassword, uniqueEmail } from '../../../../test/helpers/client.js';
import { target, targetKinds, type Target } from '../../../../test/helpers/server.js';
import { SoftAuthenticator } from '../../../../test/helpers/webauthn.js';
import type { PasskeyRegistrationOptions, PasskeySignInOptions, RegisteredPasskey, PasskeyAuthenticationOptions, Passkey } from './passkeys-contract.js';
import type { MfaChallengeStarted, MyMfa } from './contract.js';
import type { SignedIn } from '../contract.js';

/** The test servers' PUBLIC_URL is http://localhost:8080: the RP ID and the origin passkeys are made for. */
const origin = 'http://localhost:8080';

interface Person {
  client: Client;
  email: string;
  userId: string;
  tenantId: string;
  authenticator: SoftAuthenticator;
}

/** A new work account's global admin, signed in with its password only (no second factor yet). */
async function newAdmin(t: Target): Promise<Person> {
  const email = uniqueEmail('passkey');
  const client = new Client(t.url);
  const created = await client.request<{ user: { id: string }; tenant: { id: string } }>('POST', '/v1/tenants', {
    body: { organizationName: `Passkeys ${randomBytes(3).toString('hex')}`, country: 'FR', admin: { displayName: 'Pat Passkey', email, password: testPassword } },
  });
  expect(created.status).toBe(201);
  await passwordSession(client, email);
  return { client, email, userId: created.body.user.id, tenantId: created.body.tenant.id, authenticator: new SoftAuthenticator(origin) };
}

/** A password sign-in that starts a session at once (the user has no second factor). */
async function passwordSession(client: Client, email: string) {
  const signedIn = await client.request<SignedIn>('POST', '/v1/auth/sessions', { body: { email, password: testPassword } });
  expect(signedIn.status).toBe(201);
  client.csrfToken = signedIn.body.csrfToken;
  return signedIn.body;
}

async function registrationOptions(person: Person) {
  const options = await person.client.request<PasskeyRegistrationOptions>('POST', '/v1/me/mfa/passkeys/options');
  expect(options.status).toBe(200);
  return options.body;
}

async function register(person: Person, name: string) {
  const created = person.authenticator.create(await registrationOptions(person));
  const registered = await person.client.request<RegisteredPasskey>('POST', '/v1/me/mfa/passkeys', { body: { name, passkey: created } });
  expect(registered.status, registered.text).toBe(201);
  return registered.body;
}

async function signInOptions(t: Target) {
  const started = await new Client(t.url).request<PasskeySignInOptions>('POST', '/v1/auth/passkey-options', { body: {} });
  expect(started.status).toBe(200);
  return started.body;
}

function myMfa(client: Client) {
  return client.request<MyMfa>('GET', '/v1/me/mfa');
}

describe.each(targetKinds())('passkeys on %s (ACC-4)', (kind) => {
  let t: Target;
  beforeAll(async () => {
    t = await target(kind);
  });

  it('ACC-4: registers a discoverable passkey as the first factor: recovery codes once, the session passed it, enrolment done', async () => {
    const pat = await newAdmin(t);
    const before = await myMfa(pat.client);
    expect(before.body).toMatchObject({ passkeys: [], sessionMfa: false });

    const options = await registrationOptions(pat);
    expect(options.rp).toEqual({ id: 'localhost', name: 'Channel Center' });
    expect(options.user.name).toBe(pat.email);
    expect(Buffer.from(options.user.id, 'base64url').toString('hex')).toBe(pat.userId.replace(/-/g, ''));
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' });
    expect(options.attestation).toBe('none');

    const created = pat.authenticator.create(options);
    const registered = await pat.client.request<RegisteredPasskey>('POST', '/v1/me/mfa/passkeys', { body: { name: '  Work laptop ', passkey: created } });
    expect(registered.status).toBe(201);
    expect(registered.body.passkey).toMatchObject({ name: 'Work laptop', lastUsedAt: null });
    expect(registered.body.recoveryCodes).toHaveLength(10);
    expect(JSON.stringify(registered.body.passkey)).not.toMatch(/publicKey|counter|credential/i);

    const after = await myMfa(pat.client);
    expect(after.body.passkeys).toEqual([registered.body.passkey]);
    expect(after.body).toMatchObject({ recoveryCodesRemaining: 10, sessionMfa: true, enrolmentRequired: false });

    // The same answer again: its challenge was used.
    const replay = await pat.client.request('POST', '/v1/me/mfa/passkeys', { body: { name: 'Again', passkey: created } });
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ code: 'passkey_invalid', errors: [{ path: '/passkey', code: 'passkey_invalid' }] });
  });

  it('ACC-4: several passkeys per user, each named; registered ones are excluded; no second set of recovery codes', async () => {
    const pat = await newAdmin(t);
    const first = await register(pat, 'Phone');
    const options = await registrationOptions(pat);
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([pat.authenticator.credentials[0]!.id]);
    const other = new SoftAuthenticator(origin);
    const second = await pat.client.request<RegisteredPasskey>('POST', '/v1/me/mfa/passkeys', { body: { name: 'Security key', passkey: other.create(options) } });
    expect(second.status).toBe(201);
    expect(second.body.recoveryCodes).toBeUndefined();

    const renamed = await pat.client.request<Passkey>('PATCH', `/v1/me/mfa/passkeys/${first.passkey.id}`, { body: { name: 'Old phone' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Old phone');
    const listed = await myMfa(pat.client);
    expect(listed.body.passkeys.map((p) => p.name)).toEqual(['Old phone', 'Security key']);
  });

  it('ACC-4: a registration is refused for another origin, another RP, another user\'s challenge or a wrong client data type', async () => {
    const pat = await newAdmin(t);
    const sam = await newAdmin(t);
    const refusals = [
      pat.authenticator.create(await registrationOptions(pat), { origin: 'https://evil.example' }),
      new SoftAuthenticator(origin, 'evil.example').create({ ...(await registrationOptions(pat)), rp: { id: 'evil.example', name: 'Evil' } }),
      pat.authenticator.create(await registrationOptions(sam)),
      pat.authenticator.create(await registrationOptions(pat), { type: 'webauthn.get' }),
      pat.authenticator.create(await registrationOptions(pat), { challenge: randomBytes(32).toString('base64url') }),
    ];
    for (const passkey of refusals) {
      const refused = await pat.client.request('POST', '/v1/me/mfa/passkeys', { body: { name: 'Nope', passkey } });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'passkey_invalid' });
    }
    expect((await myMfa(pat.client)).body.passkeys).toEqual([]);
  });

  it('ACC-4: signs in with a passkey alone (discoverable, user verified): amr webauthn, audited', async () => {
    const pat = await newAdmin(t);
    const { passkey } = await register(pat, 'Laptop');

    const started = await signInOptions(t);
    expect(started.options.allowCredentials ?? []).toEqual([]);
    expect(started.options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    const browser = new Client(t.url);
    const signedIn = await browser.request<SignedIn>('POST', '/v1/auth/sessions/passkey', { body: { challengeId: started.challengeId, passkey: pat.authenticator.get(started.options) } });
    expect(signedIn.status, signedIn.text).toBe(201);
    expect(signedIn.body.user.id).toBe(pat.userId);
    expect(signedIn.body.mfa).toMatchObject({ sessionMfa: true, enrolmentRequired: false });
    expect(browser.cookie).toMatch(/^cc_session=/);
    browser.csrfToken = signedIn.body.csrfToken;

    const mine = await myMfa(browser);
    expect(mine.status).toBe(200);
    expect(mine.body.sessionMfa).toBe(true);
    expect(mine.body.passkeys[0]).toMatchObject({ id: passkey.id, name: 'Laptop' });
    expect(mine.body.passkeys[0]!.lastUsedAt).not.toBeNull();

    const audit = await browser.request<{ items: { action: string; resourceId: string | null; after: Record<string, unknown> | null }[] }>('GET', '/v1/audit-records?resourceType=session');
    expect(audit.status).toBe(200);
    expect(audit.body.items.find((r) => r.action === 'session.created' && (r.after as { amr?: string[] })?.amr?.includes('webauthn'))?.after).toMatchObject({ amr: ['webauthn'] });
  });

  it('ACC-4: a passwordless sign-in is refused for a used challenge, a repeated counter (clone), an unverified user, another origin or an unknown passkey', async () => {
    const pat = await newAdmin(t);
    await register(pat, 'Laptop');
    const browser = new Client(t.url);
    const attempt = (challengeId: string, passkey: unknown) => browser.request('POST', '/v1/auth/sessions/passkey', { body: { challengeId, passkey } });

    const first = await signInOptions(t);
    const answer = pat.authenticator.get(first.options);
    expect((await attempt(first.challengeId, answer)).status).toBe(201);
    // The same challenge again: used.
    const replayed = await attempt(first.challengeId, pat.authenticator.get(first.options));
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatchObject({ code: 'mfa_challenge_invalid' });

    // A copy of the key on another device still counts from 1: the counter did not grow, refused.
    const copy = pat.authenticator.clone(pat.authenticator.credentials[0]!.id);
    copy.credentials[0]!.counter = 0;
    const cloned = await signInOptions(t);
    const clonedAnswer = await attempt(cloned.challengeId, copy.get(cloned.options));
    expect(clonedAnswer.status).toBe(401);
    expect(clonedAnswer.body).toMatchObject({ code: 'mfa_code_invalid' });

    const unverified = await signInOptions(t);
    expect((await attempt(unverified.challengeId, pat.authenticator.get(unverified.options, { userVerified: false }))).status).toBe(401);
    const elsewhere = await signInOptions(t);
    expect((await attempt(elsewhere.challengeId, pat.authenticator.get(elsewhere.options, { origin: 'https://evil.example' }))).status).toBe(401);
    const stranger = new SoftAuthenticator(origin);
    stranger.create({ challenge: 'x', rp: { id: 'localhost', name: 'Channel Center' }, user: { id: Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url'), name: 'x', displayName: 'x' } });
    const unknown = await signInOptions(t);
    expect((await attempt(unknown.challengeId, stranger.get(unknown.options))).status).toBe(401);
    // A random challenge ID: not a challenge.
    expect((await attempt(randomUUID(), pat.authenticator.get(unknown.options))).body).toMatchObject({ code: 'mfa_challenge_invalid' });

    // Pat's own key still signs in after all that (its counter moves on).
    const again = await signInOptions(t);
    expect((await attempt(again.challengeId, pat.authenticator.get(again.options))).status).toBe(201);
  });

  it('ACC-4: a passkey answers the second step of a password sign-in: amr pwd + webauthn; only the user\'s own passkeys', async () => {
    const pat = await newAdmin(t);
    await register(pat, 'Laptop');
    const sam = await newAdmin(t);
    await register(sam, 'Phone');

    const browser = new Client(t.url);
    const password = await browser.request<MfaChallengeStarted>('POST', '/v1/auth/sessions', { body: { email: pat.email, password: testPassword } });
    expect(password.status).toBe(200);
    expect(password.body).toMatchObject({ mfaRequired: true, methods: expect.arrayContaining(['passkey', 'recoveryCode']) });
    expect(browser.cookie).toBeUndefined();
    const { challengeId } = password.body;

    // No options asked for yet: no WebAuthn challenge to answer.
    const early = await browser.request('POST', '/v1/auth/sessions/mfa', { body: { challengeId, passkey: pat.authenticator.get({ challenge: randomBytes(32).toString('base64url') }) } });
    expect(early.status).toBe(401);
    expect(early.body).toMatchObject({ code: 'mfa_code_invalid' });

    const options = await browser.request<PasskeyAuthenticationOptions>('POST', '/v1/auth/sessions/mfa/passkey-options', { body: { challengeId } });
    expect(options.status).toBe(200);
    expect(options.body.allowCredentials?.map((c) => c.id)).toEqual([pat.authenticator.credentials[0]!.id]);

    // Sam's passkey, signing Pat's challenge: not Pat's.
    const foreign = await browser.request('POST', '/v1/auth/sessions/mfa', { body: { challengeId, passkey: sam.authenticator.get({ ...options.body, allowCredentials: [] }) } });
    expect(foreign.status).toBe(401);
    expect(foreign.body).toMatchObject({ code: 'mfa_code_invalid' });
    // A passwordless sign-in cannot take a password sign-in's challenge.
    expect((await browser.request('POST', '/v1/auth/sessions/passkey', { body: { challengeId, passkey: pat.authenticator.get(options.body) } })).status).toBe(401);

    const fresh = await browser.request<PasskeyAuthenticationOptions>('POST', '/v1/auth/sessions/mfa/passkey-options', { body: { challengeId } });
    const signedIn = await browser.request<SignedIn>('POST', '/v1/auth/sessions/mfa', { body: { challengeId, passkey: pat.authenticator.get(fresh.body, { userVerified: false }) } });
    expect(signedIn.status, signedIn.text).toBe(201);
    expect(signedIn.body.mfa.sessionMfa).toBe(true);
    browser.csrfToken = signedIn.body.csrfToken;
    const audit = await browser.request<{ items: { action: string; after: { amr?: string[] } | null }[] }>('GET', '/v1/audit-records?resourceType=session');
    expect(audit.body.items.some((r) => r.action === 'session.created' && JSON.stringify(r.after?.amr) === JSON.stringify(['pwd', 'webauthn']))).toBe(true);

    // Used: the second step is over.
    const again = await browser.request('POST', '/v1/auth/sessions/mfa/passkey-options', { body: { challengeId } });
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ code: 'mfa_challenge_invalid' });
  });

  it('ACC-4: removing a passkey needs a session that passed a second factor; only the user\'s own; the last one takes the recovery codes along', async () => {
    const pat = await newAdmin(t);
    // A second browser signed in with the password before Pat had any factor: it passed none.
    const older = new Client(t.url);
    await passwordSession(older, pat.email);
    const { passkey } = await register(pat, 'Laptop');

    const notMfa = await older.request('DELETE', `/v1/me/mfa/passkeys/${passkey.id}`);
    expect(notMfa.status).toBe(403);
    expect(notMfa.body).toMatchObject({ code: 'mfa_required' });
    // …nor may it add a second factor behind the first one's back.
    const adding = await older.request('POST', '/v1/me/mfa/passkeys/options');
    expect(adding.status).toBe(403);
    expect(adding.body).toMatchObject({ code: 'mfa_required' });

    const sam = await newAdmin(t);
    await register(sam, 'Phone');
    expect((await sam.client.request('DELETE', `/v1/me/mfa/passkeys/${passkey.id}`)).status).toBe(404);
    expect((await sam.client.request('PATCH', `/v1/me/mfa/passkeys/${passkey.id}`, { body: { name: 'Mine now' } })).status).toBe(404);

    const removed = await pat.client.request('DELETE', `/v1/me/mfa/passkeys/${passkey.id}`);
    expect(removed.status).toBe(204);
    expect((await myMfa(pat.client)).body).toMatchObject({ passkeys: [], recoveryCodesRemaining: 0 });
    expect((await pat.client.request('DELETE', `/v1/me/mfa/passkeys/${passkey.id}`)).status).toBe(404);

    // A removed passkey signs in no more.
    const started = await signInOptions(t);
    expect((await new Client(t.url).request('POST', '/v1/auth/sessions/passkey', { body: { challengeId: started.challengeId, passkey: pat.authenticator.get(started.options) } })).status).toBe(401);
  });

  it('ACC-5: once the user\'s domain signs in through its organization\'s identity provider, a passkey alone signs in only its global admins', async () => {
    const pat = await newAdmin(t);
    await register(pat, 'Laptop');
    const agentEmail = `agent@${pat.email.split('@')[1]}`;
    const added = await pat.client.request<{ user: { id: string } }>('POST', '/v1/users', { body: { displayName: 'Alex Agent', email: agentEmail, roles: ['adminAgent'], password: testPassword } });
    expect(added.status, added.text).toBe(201);
    const alex: Person = { client: new Client(t.url), email: agentEmail, userId: added.body.user.id, tenantId: pat.tenantId, authenticator: new SoftAuthenticator(origin) };
    await passwordSession(alex.client, agentEmail);
    await register(alex, 'Phone');

    // The organization's provider and its verified domain (as connecting and verifying it leave them).
    const domain = pat.email.split('@')[1]!;
    const db = t.app.platform.db;
    const [provider] = await query<{ id: string }>(db, sql`insert into identity_providers (tenant_id, issuer, client_id, client_secret_sealed) values (${pat.tenantId}, 'https://login.example.com', 'cc', 'sealed') returning id`);
    await db.execute(sql`insert into identity_provider_domain_claims (tenant_id, domain, verification_token, verified_at) values (${pat.tenantId}, ${domain}, 'token', now())`);
    await db.execute(sql`insert into identity_provider_domains (domain, identity_provider_id, tenant_id) values (${domain}, ${provider!.id}, ${pat.tenantId})`);

    const refused = await signInOptions(t);
    const answer = await new Client(t.url).request('POST', '/v1/auth/sessions/passkey', { body: { challengeId: refused.challengeId, passkey: alex.authenticator.get(refused.options) } });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'sso_required' });
    const admin = await signInOptions(t);
    expect((await new Client(t.url).request('POST', '/v1/auth/sessions/passkey', { body: { challengeId: admin.challengeId, passkey: pat.authenticator.get(admin.options) } })).status).toBe(201);
  });

  it('bad input is a 400 naming the field; signed-out callers get 401', async () => {
    const pat = await newAdmin(t);
    const options = await registrationOptions(pat);
    const created = pat.authenticator.create(options);
    const cases: [unknown, string][] = [
      [{ name: '', passkey: created }, '/name'],
      [{ name: 'x'.repeat(101), passkey: created }, '/name'],
      [{ name: 'Key', passkey: { ...created, type: 'password' } }, '/passkey/type'],
      [{ name: 'Key', passkey: { ...created, response: { ...created.response, clientDataJSON: 'not base64url!' } } }, '/passkey/response/clientDataJSON'],
      [{ name: 'Key', passkey: created, extra: true }, ''],
    ];
    for (const [body, path] of cases) {
      const refused = await pat.client.request('POST', '/v1/me/mfa/passkeys', { body });
      expect(refused.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(refused.body).toMatchObject({ code: 'validation_failed' });
      expect(JSON.stringify(refused.body)).toContain(path);
    }
    // Client data that is not JSON at all: refused as not a passkey for this registration.
    const garbled = await pat.client.request('POST', '/v1/me/mfa/passkeys', { body: { name: 'Key', passkey: { ...created, response: { ...created.response, clientDataJSON: 'AAAA' } } } });
    expect(garbled.body).toMatchObject({ code: 'passkey_invalid' });
    expect((await pat.client.request('PATCH', '/v1/me/mfa/passkeys/not-a-uuid', { body: { name: 'x' } })).status).toBe(400);
    expect((await pat.client.request('POST', '/v1/auth/sessions/mfa/passkey-options', { body: { challengeId: 'nope' } })).status).toBe(400);
    expect((await new Client(t.url).request('POST', '/v1/auth/sessions/passkey', { body: { challengeId: randomUUID() } })).status).toBe(400);

    const stranger = new Client(t.url);
    for (const [method, path] of [
      ['POST', '/v1/me/mfa/passkeys/options'],
      ['POST', '/v1/me/mfa/passkeys'],
      ['PATCH', `/v1/me/mfa/passkeys/${randomUUID()}`],
      ['DELETE', `/v1/me/mfa/passkeys/${randomUUID()}`],
    ] as const) {
      expect((await stranger.request(method, path, { body: method === 'DELETE' ? undefined : {} })).status).toBe(401);
    }
  });
});
