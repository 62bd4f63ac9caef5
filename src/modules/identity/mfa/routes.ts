// MFA over HTTP (ACC-4): the sign-in's second step (public: the challenge is the credential), the
// signed-in user's TOTP and recovery codes (reachable while enrolment is still required), the program's
// policy (the operator), a tenant's policy (its global admin) and second-factor resets.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sessionCookie } from '../../../platform/auth/plugin.js';
import type { Platform } from '../../../platform/context.js';
import { NoContent, requestContext, withErrors } from '../../../platform/http.js';
import { SignedIn, TenantParams, TenantUserParams } from '../contract.js';
import { MfaResetBody, MfaSignInBody, MyMfa, ProgramMfaPolicy, RecoveryCodes, TenantMfaPolicy, TotpConfirmBody, TotpConfirmed, TotpEnrolment } from './contract.js';
import type { MfaService } from './service.js';

const tags = ['identity'];

export function mfaRoutes(fastify: FastifyInstance, platform: Platform, mfa: MfaService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const secure = platform.config.publicUrl.startsWith('https:');
  /** The user's own second factors, reachable before the password is replaced and before enrolment. */
  const enrolment = { access: 'signedIn', allowMfaEnrolment: true, allowTemporaryPassword: true } as const;

  app.post(
    '/v1/auth/sessions/mfa',
    {
      config: { auth: 'public', idempotent: false },
      schema: {
        tags,
        summary: "Sign in, second step: answer the challenge with a TOTP code, a recovery code (used up) or a passkey's assertion; starts the session (cookie)",
        body: MfaSignInBody,
        response: withErrors({ 201: SignedIn }),
      },
    },
    async (request, reply) => {
      const result = await mfa.completeSignIn(requestContext(request), request.body, request.headers['user-agent']);
      reply.setCookie(sessionCookie, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: result.expiresAt });
      return reply.code(201).send(result.body);
    },
  );

  app.get(
    '/v1/me/mfa',
    { config: enrolment, schema: { tags, summary: 'My second factors (never a secret), recovery codes left, and whether I must have one', response: withErrors({ 200: MyMfa }) } },
    async (request) => mfa.me(request.actor!),
  );

  app.post(
    '/v1/me/mfa/totp',
    {
      config: { ...enrolment, idempotent: false },
      schema: {
        tags,
        summary: 'Start adding an authenticator app: the secret, its otpauth:// URL and QR code (shown once; pending until confirmed; needs an MFA session once you have a second factor)',
        response: withErrors({ 201: TotpEnrolment }),
      },
    },
    async (request, reply) => reply.code(201).send(await mfa.startTotp(requestContext(request))),
  );

  app.post(
    '/v1/me/mfa/totp/confirm',
    {
      config: { ...enrolment, idempotent: false },
      schema: {
        tags,
        summary: 'Confirm the authenticator app with its current code; this session passed a second factor; your first factor comes with ten recovery codes (shown once)',
        body: TotpConfirmBody,
        response: withErrors({ 200: TotpConfirmed }),
      },
    },
    async (request) => mfa.confirmTotp(requestContext(request), request.body),
  );

  app.delete(
    '/v1/me/mfa/totp',
    { config: { access: 'signedIn' }, schema: { tags, summary: 'Remove my authenticator app (needs an MFA session)', response: withErrors({ 204: NoContent }) } },
    async (request, reply) => {
      await mfa.removeTotp(requestContext(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/me/mfa/recovery-codes',
    {
      config: { access: 'signedIn', idempotent: false },
      schema: { tags, summary: 'Ten new recovery codes replacing all others (shown once; needs an MFA session)', response: withErrors({ 201: RecoveryCodes }) },
    },
    async (request, reply) => reply.code(201).send(await mfa.regenerateRecoveryCodes(requestContext(request))),
  );

  app.get(
    '/v1/operator/mfa-policy',
    { config: { permission: 'operator.settings.read' }, schema: { tags, summary: "Whether the program enforces MFA (on by default)", response: withErrors({ 200: ProgramMfaPolicy }) } },
    async () => mfa.programPolicy(),
  );

  app.put(
    '/v1/operator/mfa-policy',
    {
      config: { permission: 'operator.settings.manage' },
      schema: {
        tags,
        summary: "Turn the program's MFA enforcement on or off: the operator's users, partner admins and every delegated request need a second factor",
        body: ProgramMfaPolicy,
        response: withErrors({ 200: ProgramMfaPolicy }),
      },
    },
    async (request) => mfa.setProgramPolicy(requestContext(request), request.body),
  );

  app.get(
    '/v1/tenants/:tenantId/mfa-policy',
    {
      config: { permission: 'mfaPolicy.manage' },
      schema: { tags, summary: 'Whether the organization requires a second factor of all its users', params: TenantParams, response: withErrors({ 200: TenantMfaPolicy }) },
    },
    async (request) => mfa.tenantPolicy(requestContext(request), request.params.tenantId),
  );

  app.put(
    '/v1/tenants/:tenantId/mfa-policy',
    {
      config: { permission: 'mfaPolicy.manage' },
      schema: { tags, summary: 'Require a second factor of all users of the organization (or stop)', params: TenantParams, body: TenantMfaPolicy, response: withErrors({ 200: TenantMfaPolicy }) },
    },
    async (request) => mfa.setTenantPolicy(requestContext(request), request.params.tenantId, request.body),
  );

  app.delete(
    '/v1/tenants/:tenantId/users/:id/mfa',
    {
      config: { permission: 'users.resetMfa' },
      schema: {
        tags,
        summary:
          "Reset a user's second factor: its authenticator app, passkeys and recovery codes go, its sessions and tokens end, it is mailed. A global admin of its own organization, or the operator's support for a locked-out global admin (with a reason)",
        params: TenantUserParams,
        body: MfaResetBody,
        response: withErrors({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await mfa.resetUser(requestContext(request), request.params.tenantId, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );
}
