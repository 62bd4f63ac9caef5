// MFA rules (ACC-4), pure: who must have a second factor, what an amr proves, which TOTP steps are
// accepted, recovery code shapes, who may reset a second factor.
import { describe, expect, it } from 'vitest';
import { methodsOf, mfaRequiredFor, mfaResetProblem, normalizeRecoveryCode, passedMfa, recoveryCodeFrom, totpStepAccepted, withAmr } from './rules.js';
import { totpCodeAt, totpStepOf } from './totp.js';

describe('MFA rules (ACC-4)', () => {
  it('ACC-4: the program requires a second factor of the operator and partner admins; a tenant may require it of all', () => {
    const partner = (roles: string[], enforced = true, tenantRequiresAll = false) => mfaRequiredFor({ enforced, tenantKind: 'partner', roles, tenantRequiresAll });
    for (const role of ['globalAdmin', 'userManagementAdmin', 'billingAdmin', 'adminAgent']) expect(partner([role]), role).toBe(true);
    for (const role of ['salesAgent', 'helpdeskAgent', 'publisherOwner', 'developer']) expect(partner([role]), role).toBe(false);
    expect(partner(['salesAgent', 'adminAgent'])).toBe(true);
    expect(partner(['globalAdmin'], false)).toBe(false);
    expect(partner(['salesAgent'], false, true)).toBe(true);
    expect(mfaRequiredFor({ enforced: true, tenantKind: 'operator', roles: ['reviewer'], tenantRequiresAll: false })).toBe(true);
    expect(mfaRequiredFor({ enforced: true, tenantKind: 'customer', roles: ['globalAdmin'], tenantRequiresAll: false })).toBe(false);
    expect(mfaRequiredFor({ enforced: false, tenantKind: 'customer', roles: [], tenantRequiresAll: true })).toBe(true);
  });

  it('ACC-4: a code or a passkey passes MFA, and an identity provider that says it did MFA; a password or SSO alone does not', () => {
    expect(passedMfa(['pwd'])).toBe(false);
    expect(passedMfa(['sso'])).toBe(false);
    expect(passedMfa(['pwd', 'otp'])).toBe(true);
    expect(passedMfa(['webauthn'])).toBe(true);
    expect(passedMfa(['sso', 'mfa'])).toBe(true);
    expect(passedMfa(['mfa'])).toBe(false);
    expect(withAmr(['pwd'], 'otp')).toEqual(['pwd', 'otp']);
    expect(withAmr(['pwd', 'otp'], 'otp')).toEqual(['pwd', 'otp']);
  });

  it('ACC-4: a TOTP step is accepted once, only after the newest one used; ±1 step of drift, no more', () => {
    expect(totpStepAccepted(null, null)).toBe(false);
    expect(totpStepAccepted(100, null)).toBe(true);
    expect(totpStepAccepted(100, 100)).toBe(false);
    expect(totpStepAccepted(99, 100)).toBe(false);
    expect(totpStepAccepted(101, 100)).toBe(true);
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    for (const delta of [-1, 0, 1]) expect(totpStepOf(secret, totpCodeAt(secret, step + delta), now)).toBe(step + delta);
    expect(totpStepOf(secret, totpCodeAt(secret, step + 2), now)).toBeNull();
    expect(totpStepOf(secret, totpCodeAt(secret, step - 2), now)).toBeNull();
    expect(totpStepOf(secret, '12345', now)).toBeNull();
  });

  it('ACC-4: recovery codes are ten characters of an unambiguous alphabet, read back whatever the case and spacing', () => {
    const code = recoveryCodeFrom(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 31]));
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    expect(normalizeRecoveryCode(code.toLowerCase().replace('-', ' '))).toBe(code);
    expect(normalizeRecoveryCode(` ${code.replace('-', '')} `)).toBe(code);
    expect(methodsOf({ totp: true, passkeys: 2, recoveryCodesRemaining: 0 })).toEqual(['totp', 'passkey']);
    expect(methodsOf({ totp: false, passkeys: 0, recoveryCodesRemaining: 3 })).toEqual(['recoveryCode']);
  });

  it("ACC-4: a second factor is reset by its tenant's global admin, or by the operator's support for a locked-out global admin, with a reason", () => {
    const user = { id: 'u', tenantId: 'partner', roles: ['adminAgent'] };
    const globalAdmin = { id: 'g', tenantId: 'partner', roles: ['globalAdmin'] };
    const at = (roles: string[], tenantId = 'partner', isOperator = false) => ({ userId: 'actor', tenantId, roles, isOperator });
    expect(mfaResetProblem({ actor: at(['globalAdmin']), target: user })).toBeNull();
    expect(mfaResetProblem({ actor: at(['userManagementAdmin']), target: user })).toBe('forbidden');
    expect(mfaResetProblem({ actor: { ...at(['globalAdmin']), userId: 'g' }, target: globalAdmin })).toBe('cannot_change_own_state');
    expect(mfaResetProblem({ actor: at(['globalAdmin'], 'other'), target: user })).toBe('forbidden');
    const support = at(['supportEngineer'], 'operator', true);
    expect(mfaResetProblem({ actor: support, target: globalAdmin, reason: 'Locked out' })).toBeNull();
    expect(mfaResetProblem({ actor: support, target: globalAdmin, reason: '  ' })).toBe('reason_required');
    expect(mfaResetProblem({ actor: support, target: user, reason: 'Locked out' })).toBe('forbidden');
    expect(mfaResetProblem({ actor: at(['reviewer'], 'operator', true), target: globalAdmin, reason: 'Locked out' })).toBe('forbidden');
    expect(mfaResetProblem({ actor: at(['operatorAdmin'], 'operator', true), target: { ...user, tenantId: 'operator' } })).toBeNull();
    expect(mfaResetProblem({ actor: support, target: { ...user, tenantId: 'operator' } })).toBeNull();
    expect(mfaResetProblem({ actor: at(['reviewer'], 'operator', true), target: { ...user, tenantId: 'operator' } })).toBe('forbidden');
    expect(mfaResetProblem({ actor: { ...at(['globalAdmin']), app: { id: 'a' } }, target: user })).toBe('forbidden');
  });
});
