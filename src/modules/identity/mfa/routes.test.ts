// ACC-4 through HTTP on every database: TOTP enrolment and the sign-in's second step, a used code never
// accepted again, recovery codes used once, the per-user limit on code attempts (atomic), forced
// enrolment by the program's and a tenant's policy, second-factor resets (who may), personal access
// tokens only from an MFA session, and amr on sessions and in the audit log.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../../db/index.js';
import { operatorRoles, partnerRoles } from '../../../platform/access.js';
import { expectAuthorization } from '../../../../test/helpers/authz.js';
import { addUser, Client, signUp, testPassword, uniqueEmail, type Response } from '../../../../test/helpers/client.js';
import { forgetFactor } from '../../../../test/helpers/mfa.js';
import { signInOperator } from '../../../../test/helpers/operator.js';
import { target, targetKinds, type Target } from '../../../../test/helpers/server.js';
import { codeAttemptLimit, recoveryCodeCount } from './rules.js';
import { totpCodeAt, totpStepNow } from './totp.js';

/** Untyped calls: these tests read fields by the contract in contract.ts. */
function call(client: Client, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<any>> {
  return client.request<any>(method, path, { ...(body === undefined ? {} : { body }), headers });
}

/** A password sign-in without the helpers' second step: the answer as the API gives it. */
async function passwordOnly(t: Target, email: string, password = testPassword): Promise<{ client: Client; response: Response<any> }> {
  const client = new Client(t.url);
  const response = await call(client, 'POST', '/v1/auth/sessions', { email, password });
  if (response.status === 201) client.csrfToken = response.body.csrfToken;
  return { client, response };
}

/** A new work account whose global admin has no second factor yet (not signed in through the helpers). */
async function bareAccount(t: Target): Promise<{ email: string; tenantId: string; userId: string }> {
  const email = uniqueEmail('mfa');
  const created = await call(new Client(t.url), 'POST', '/v1/tenants', { organizationName: `Mfa ${randomBytes(3).toString('hex')}`, country: 'FR', admin: { displayName: 'Mfa Admin', email, password: testPassword } });
  expect(created.status).toBe(201);
  return { email, tenantId: created.body.tenant.id, userId: created.body.user.id };
}

/** Enrols TOTP on a signed-in client by hand; the secret, the recovery codes and the step used. */
async function enrol(client: Client) {
  const started = await call(client, 'POST', '/v1/me/mfa/totp');
  expect(started.status).toBe(201);
  const step = totpStepNow();
  const confirmed = await call(client, 'POST', '/v1/me/mfa/totp/confirm', { code: totpCodeAt(started.body.secret, step) });
  expect(confirmed.status).toBe(200);
  return { secret: started.body.secret as string, recoveryCodes: (confirmed.body.recoveryCodes ?? []) as string[], step, started: started.body };
}

async function challenge(t: Target, email: string) {
  const { response } = await passwordOnly(t, email);
  expect(response.status).toBe(200);
  return response.body.challengeId as string;
}

describe.each(targetKinds())('MFA (ACC-4) on %s', (kind) => {
  it('ACC-4: TOTP enrolment, then the sign-in asks for a code before any session; amr on the session and in the audit log', async () => {
    const t = await target(kind);
    const account = await bareAccount(t);
    const { client, response } = await passwordOnly(t, account.email);
    expect(response.status).toBe(201);
    expect(response.body.mfa).toEqual({ required: true, enrolmentRequired: true, sessionMfa: false });
    // Forced enrolment: nothing but the account, enrolment and sign-out answers.
    const refused = await call(client, 'GET', '/v1/users');
    expect([refused.status, refused.body.code]).toEqual([403, 'mfa_enrolment_required']);
    expect((await call(client, 'GET', '/v1/me')).body.mfa).toEqual({ required: true, enrolmentRequired: true, sessionMfa: false });
    expect((await call(client, 'GET', '/v1/me/mfa')).body).toMatchObject({ totp: { enrolled: false }, passkeys: [], recoveryCodesRemaining: 0, enrolmentRequired: true });

    const started = await call(client, 'POST', '/v1/me/mfa/totp');
    expect(started.status).toBe(201);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Channel%20Center:.+\?.*secret=/);
    expect(started.body.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    const wrong = await call(client, 'POST', '/v1/me/mfa/totp/confirm', { code: '000000' === totpCodeAt(started.body.secret, totpStepNow()) ? '111111' : '000000' });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'mfa_code_invalid']);
    const confirmed = await call(client, 'POST', '/v1/me/mfa/totp/confirm', { code: totpCodeAt(started.body.secret, totpStepNow()) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(recoveryCodeCount);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(recoveryCodeCount);
    // The session that enrolled passed a second factor now.
    expect((await call(client, 'GET', '/v1/users')).status).toBe(200);
    expect((await call(client, 'GET', '/v1/me/mfa')).body).toMatchObject({ totp: { enrolled: true }, recoveryCodesRemaining: 10, required: true, enrolmentRequired: false, sessionMfa: true });
    // A second authenticator waits until the first is removed.
    expect((await call(client, 'POST', '/v1/me/mfa/totp')).body.code).toBe('mfa_totp_exists');

    const signIn = await passwordOnly(t, account.email);
    expect(signIn.response.status).toBe(200);
    expect(signIn.response.body).toMatchObject({ mfaRequired: true, methods: ['totp', 'recoveryCode'] });
    expect(signIn.response.headers.get('set-cookie')).toBeNull();
    const second = new Client(t.url);
    const answered = await call(second, 'POST', '/v1/auth/sessions/mfa', { challengeId: signIn.response.body.challengeId, code: totpCodeAt(started.body.secret, totpStepNow() + 1) });
    expect(answered.status).toBe(201);
    expect(answered.body.mfa).toEqual({ required: true, enrolmentRequired: false, sessionMfa: true });
    expect(answered.headers.get('set-cookie')).toMatch(/^cc_session=/);
    second.csrfToken = answered.body.csrfToken;
    expect((await call(second, 'GET', '/v1/users')).status).toBe(200);
    // The challenge was used: it opens nothing twice.
    const again = await call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId: signIn.response.body.challengeId, code: totpCodeAt(started.body.secret, totpStepNow() + 1) });
    expect([again.status, again.body.code]).toEqual([401, 'mfa_challenge_invalid']);
    const sessions = await call(second, 'GET', '/v1/audit-records?resourceType=session&action=session.created');
    expect(sessions.body.items.map((r: { after: { amr: string[] } }) => r.after.amr)).toEqual([['pwd', 'otp'], ['pwd']]);
    // Exactly one factor per answer, and a malformed one is a 400 naming the field.
    const both = await call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId: await challenge(t, account.email), code: '123456', recoveryCode: 'AAAAA-BBBBB' });
    expect([both.status, both.body.errors?.[0]?.path]).toEqual([400, '/code']);
    const malformed = await call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId: 'nope', code: '12' });
    expect(malformed.status).toBe(400);
    expect([...new Set(malformed.body.errors.map((e: { path: string }) => e.path))].sort()).toEqual(['/challengeId', '/code']);
  });

  it('ACC-4: a TOTP code is accepted once: the same code (same step) is refused at the next sign-in, also when sent twice at once', async () => {
    const t = await target(kind);
    const account = await bareAccount(t);
    const { client } = await passwordOnly(t, account.email);
    const { secret, step } = await enrol(client);
    // The step used to confirm is spent too.
    const spent = await call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId: await challenge(t, account.email), code: totpCodeAt(secret, step) });
    expect([spent.status, spent.body.code]).toEqual([401, 'mfa_code_invalid']);
    const code = totpCodeAt(secret, step + 1);
    const [a, b] = await Promise.all([challenge(t, account.email), challenge(t, account.email)]);
    const answers = await Promise.all([a, b].map((challengeId) => call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId, code })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 401]);
    const replayed = await call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId: await challenge(t, account.email), code });
    expect([replayed.status, replayed.body.code]).toEqual([401, 'mfa_code_invalid']);
    // A code outside ±1 step is refused; the next step's is not.
    const later = await call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId: await challenge(t, account.email), code: totpCodeAt(secret, totpStepNow() + 3) });
    expect(later.status).toBe(401);
  });

  it('ACC-4: a recovery code signs in once; used codes are refused; new codes replace all from an MFA session only', async () => {
    const t = await target(kind);
    const account = await bareAccount(t);
    const first = await passwordOnly(t, account.email);
    const { recoveryCodes, secret } = await enrol(first.client);
    const [code] = recoveryCodes;
    const used = await call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId: await challenge(t, account.email), recoveryCode: code!.toLowerCase().replace('-', ' ') });
    expect(used.status).toBe(201);
    expect(used.body.mfa.sessionMfa).toBe(true);
    const again = await call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId: await challenge(t, account.email), recoveryCode: code });
    expect([again.status, again.body.code]).toEqual([401, 'mfa_code_invalid']);
    expect((await call(first.client, 'GET', '/v1/me/mfa')).body.recoveryCodesRemaining).toBe(recoveryCodeCount - 1);
    const renewed = await call(first.client, 'POST', '/v1/me/mfa/recovery-codes');
    expect(renewed.status).toBe(201);
    expect(renewed.body.recoveryCodes).toHaveLength(recoveryCodeCount);
    const old = await call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId: await challenge(t, account.email), recoveryCode: recoveryCodes[1] });
    expect(old.status).toBe(401);
    // Removing the authenticator app takes the codes with it; the account may enrol again.
    expect((await call(first.client, 'DELETE', '/v1/me/mfa/totp')).status).toBe(204);
    expect((await call(first.client, 'GET', '/v1/me/mfa')).body).toMatchObject({ totp: { enrolled: false }, recoveryCodesRemaining: 0, sessionMfa: true });
    const next = await passwordOnly(t, account.email);
    expect([next.response.status, next.response.body.mfa.enrolmentRequired]).toEqual([201, true]);
    expect(secret).toBeTruthy();
  });

  it(`ACC-4: ${codeAttemptLimit.perUser} wrong codes per user, counted atomically across challenges: 20 at once give exactly ${codeAttemptLimit.perUser} 401 and the rest 429`, async () => {
    const t = await target(kind);
    const account = await bareAccount(t);
    const { client } = await passwordOnly(t, account.email);
    const { secret } = await enrol(client);
    const challenges = await Promise.all(Array.from({ length: 4 }, () => challenge(t, account.email)));
    const wrong = totpCodeAt(secret, totpStepNow() + 5);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId: challenges[i % 4], code: wrong })));
    const count = (status: number, code: string) => answers.filter((r) => r.status === status && r.body.code === code).length;
    expect([count(401, 'mfa_code_invalid'), count(429, 'too_many_attempts')]).toEqual([codeAttemptLimit.perUser, 20 - codeAttemptLimit.perUser]);
    // Even the right code waits now, with Retry-After.
    const blocked = await call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId: challenges[0], code: totpCodeAt(secret, totpStepNow() + 1) });
    expect([blocked.status, blocked.body.code]).toEqual([429, 'too_many_attempts']);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Right answers are not counted: another user is not affected.
    const other = await bareAccount(t);
    const otherSession = await passwordOnly(t, other.email);
    const enrolled = await enrol(otherSession.client);
    for (let i = 1; i <= 2; i++) {
      const ok = await call(new Client(t.url), 'POST', '/v1/auth/sessions/mfa', { challengeId: await challenge(t, other.email), recoveryCode: enrolled.recoveryCodes[i] });
      expect(ok.status).toBe(201);
    }
  });

  it("ACC-4: who must enrol: the operator's users and partner admins, not other partner roles, unless the tenant requires all users", async () => {
    const t = await target(kind);
    const admin = await signUp(t);
    const operator = await signInOperator(t);
    const required = async (client: Client, roles: string[]) => {
      const email = uniqueEmail('policy');
      expect((await call(client, 'POST', '/v1/users', { displayName: 'Policy User', email, roles, password: testPassword })).status).toBe(201);
      return (await passwordOnly(t, email)).response.body.mfa.enrolmentRequired as boolean;
    };
    for (const role of partnerRoles.filter((r) => r !== 'globalAdmin')) {
      expect(await required(admin.client, [role]), role).toBe(['userManagementAdmin', 'billingAdmin', 'adminAgent'].includes(role));
    }
    for (const role of operatorRoles) expect(await required(operator, [role]), role).toBe(true);
    // The tenant's global admin requires a second factor of everyone.
    const policy = `/v1/tenants/${admin.tenantId}/mfa-policy`;
    expect((await call(admin.client, 'GET', policy)).body).toEqual({ requireAllUsers: false });
    const sales = await addUser(t, admin.client, ['salesAgent']);
    expect((await call(sales.client, 'PUT', policy, { requireAllUsers: true })).status).toBe(403);
    expect((await call(admin.client, 'PUT', `/v1/tenants/${(await signUp(t)).tenantId}/mfa-policy`, { requireAllUsers: true })).status).toBe(404);
    expect((await call(admin.client, 'PUT', policy, { requireAllUsers: true })).body).toEqual({ requireAllUsers: true });
    expect(await required(admin.client, ['salesAgent'])).toBe(true);
    const audit = await call(admin.client, 'GET', '/v1/audit-records?action=mfa.tenantPolicyChanged');
    expect(audit.body.items[0]).toMatchObject({ before: { requireAllUsers: false }, after: { requireAllUsers: true } });
    expect((await call(admin.client, 'PUT', policy, { requireAllUsers: false })).status).toBe(200);
    expect(await required(admin.client, ['helpdeskAgent'])).toBe(false);
  });

  it("ACC-4: the program's policy is the operator's; off, partner admins need no second factor", async () => {
    const t = await target(kind, { instance: 'mfa-policy', isolated: true });
    const operator = await signInOperator(t);
    expect((await call(operator, 'GET', '/v1/operator/mfa-policy')).body).toEqual({ enforced: true });
    const partner = await signUp(t);
    expect((await call(partner.client, 'PUT', '/v1/operator/mfa-policy', { enforced: false })).status).toBe(403);
    const reviewer = await addUser(t, operator, ['reviewer']);
    expect((await call(reviewer.client, 'GET', '/v1/operator/mfa-policy')).status).toBe(200);
    expect((await call(reviewer.client, 'PUT', '/v1/operator/mfa-policy', { enforced: false })).status).toBe(403);
    expect((await call(operator, 'PUT', '/v1/operator/mfa-policy', { enforced: false })).body).toEqual({ enforced: false });
    const account = await bareAccount(t);
    const signedIn = await passwordOnly(t, account.email);
    expect(signedIn.response.body.mfa).toEqual({ required: false, enrolmentRequired: false, sessionMfa: false });
    expect((await call(signedIn.client, 'GET', '/v1/users')).status).toBe(200);
    expect((await call(operator, 'PUT', '/v1/operator/mfa-policy', { enforced: true })).status).toBe(200);
    expect((await call(signedIn.client, 'GET', '/v1/users')).body.code).toBe('mfa_enrolment_required');
    const audit = await call(operator, 'GET', '/v1/audit-records?action=mfa.programPolicyChanged');
    expect(audit.body.items.map((r: { after: { enforced: boolean } }) => r.after.enforced)).toEqual([true, false]);
  });

  it('ACC-4: a personal access token only from an MFA session; it counts as MFA', async () => {
    const t = await target(kind);
    const account = await bareAccount(t);
    // Two sessions before enrolment; the second enrols, so the first never passed a second factor.
    const before = await passwordOnly(t, account.email);
    const enrolling = await passwordOnly(t, account.email);
    await enrol(enrolling.client);
    expect((await call(before.client, 'GET', '/v1/me')).body.mfa).toEqual({ required: true, enrolmentRequired: false, sessionMfa: false });
    const refused = await call(before.client, 'POST', '/v1/me/tokens', { name: 'CI', expiresInDays: 5 });
    expect([refused.status, refused.body.code]).toEqual([403, 'mfa_required']);
    expect((await call(before.client, 'POST', '/v1/me/mfa/recovery-codes')).body.code).toBe('mfa_required');
    expect((await call(before.client, 'DELETE', '/v1/me/mfa/totp')).body.code).toBe('mfa_required');
    const created = await call(enrolling.client, 'POST', '/v1/me/tokens', { name: 'CI', expiresInDays: 5 });
    expect(created.status).toBe(201);
    const api = new Client(t.url);
    api.bearer = created.body.token;
    expect((await call(api, 'GET', '/v1/me')).body.mfa).toEqual({ required: true, enrolmentRequired: false, sessionMfa: true });
  });

  it("ACC-4: resetting a second factor: the tenant's global admin (every other role refused), sessions end, the user is mailed and enrols again", async () => {
    const t = await target(kind);
    const admin = await signUp(t);
    const user = await addUser(t, admin.client, ['adminAgent']);
    const path = `/v1/tenants/${admin.tenantId}/users/${user.userId}/mfa`;
    const reset = await call(admin.client, 'DELETE', path, { reason: 'Lost phone' });
    expect(reset.status).toBe(204);
    expect((await call(user.client, 'GET', '/v1/me')).status).toBe(401);
    forgetFactor(t.url, user.email);
    const signedIn = await passwordOnly(t, user.email);
    expect(signedIn.response.status).toBe(201);
    expect(signedIn.response.body.mfa.enrolmentRequired).toBe(true);
    const [mail] = await query<{ subject: string; text_body: string }>(t.app.platform.db, sql`select subject, text_body from mail_outbox where to_address = ${user.email} and template = 'mfaReset'`);
    expect(mail?.text_body).toContain('Lost phone');
    const audit = await call(admin.client, 'GET', `/v1/audit-records?action=mfa.reset`);
    expect(audit.body.items[0]).toMatchObject({ resourceId: user.userId, after: { reason: 'Lost phone', byOperator: false } });
    expect((await call(admin.client, 'DELETE', `/v1/tenants/${admin.tenantId}/users/${admin.userId}/mfa`, {})).body.code).toBe('cannot_change_own_state');
    // As every role of the owning tenant, and from another tenant (not found).
    const report = await expectAuthorization(t, {
      method: 'DELETE',
      path: async (owner) => {
        const created = await call(owner.admin.client, 'POST', '/v1/users', { displayName: 'Reset Target', email: uniqueEmail('reset'), roles: ['salesAgent'], password: testPassword });
        return `/v1/tenants/${owner.tenantId}/users/${created.body.user.id}/mfa`;
      },
      body: () => ({}),
      allowed: ['globalAdmin'],
      otherTenant: 'notFound',
    });
    expect(report.cases).toBeGreaterThan(partnerRoles.length);
  });

  it("ACC-4: the operator's support resets a locked-out global admin of any tenant, with a reason; nobody else's, and no other operator role", async () => {
    const t = await target(kind);
    const operator = await signInOperator(t);
    const support = await addUser(t, operator, ['supportEngineer']);
    const reviewer = await addUser(t, operator, ['reviewer']);
    const partner = await signUp(t);
    const agent = await addUser(t, partner.client, ['adminAgent']);
    const globalAdminPath = `/v1/tenants/${partner.tenantId}/users/${partner.userId}/mfa`;
    const noReason = await call(support.client, 'DELETE', globalAdminPath, {});
    expect([noReason.status, noReason.body.errors?.[0]?.path]).toEqual([400, '/reason']);
    expect((await call(reviewer.client, 'DELETE', globalAdminPath, { reason: 'Locked out' })).status).toBe(403);
    expect((await call(support.client, 'DELETE', `/v1/tenants/${partner.tenantId}/users/${agent.userId}/mfa`, { reason: 'Locked out' })).status).toBe(403);
    expect((await call(agent.client, 'DELETE', globalAdminPath, { reason: 'Locked out' })).status).toBe(403);
    expect((await call(support.client, 'DELETE', globalAdminPath, { reason: 'Locked out, identity checked by phone' })).status).toBe(204);
    forgetFactor(t.url, partner.email);
    expect((await call(partner.client, 'GET', '/v1/me')).status).toBe(401);
    const audit = await query<{ tenant_id: string; actor_user_id: string; after: { reason: string; byOperator: boolean } }>(
      t.app.platform.db,
      sql`select tenant_id, actor_user_id, after from audit_records where action = 'mfa.reset' and resource_id = ${partner.userId}`,
    );
    expect(audit).toEqual([{ tenant_id: partner.tenantId, actor_user_id: support.userId, after: expect.objectContaining({ reason: 'Locked out, identity checked by phone', byOperator: true }) }]);
    expect((await passwordOnly(t, partner.email)).response.body.mfa.enrolmentRequired).toBe(true);
  });
});
