// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import i18n from './i18n';
import { AUDIT_ACTIONS, AUDIT_RESOURCE_TYPES, auditActionName, auditResourceTypeName, codeAsWords } from './auditLabels';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('audit action names', () => {
  it('names the catalogue’s actions and resource types in each language', async () => {
    expect(AUDIT_ACTIONS).toContain('user.updated');
    expect(AUDIT_ACTIONS).toContain('enrollment.emailVerificationPending');
    expect(AUDIT_RESOURCE_TYPES).toContain('legalBusinessProfile');
    expect(auditActionName(i18n.t, 'user.updated')).toBe('User changed');
    expect(auditResourceTypeName(i18n.t, 'legalBusinessProfile')).toBe('Legal business profile');
    await i18n.changeLanguage('fr');
    expect(auditActionName(i18n.t, 'user.updated')).toBe('Utilisateur modifié');
    expect(auditActionName(i18n.t, 'enrollment.emailVerificationPending')).toBe('Inscription envoyée, vérification de l’e-mail en attente');
    await i18n.changeLanguage('zh-Hans');
    expect(auditActionName(i18n.t, 'user.updated')).toBe('已更改用户');
  });

  it('shows a code nobody named as its words, never as the raw code', () => {
    expect(codeAsWords('enrollment.emailVerificationPending')).toBe('Enrollment: email verification pending');
    expect(codeAsWords('webhookEndpoint.secretRotatedByOperator')).toBe('Webhook endpoint: secret rotated by operator');
    expect(codeAsWords('apply')).toBe('Apply');
    expect(auditActionName(i18n.t, 'gadget.frobnicated')).toBe('Gadget: frobnicated');
    expect(auditActionName(i18n.t, 'user')).toBe('User');
    expect(auditActionName(i18n.t, 'a:b.c')).toBe('A:b: c');
    expect(auditResourceTypeName(i18n.t, 'gadgetPart')).toBe('Gadget part');
  });
});
