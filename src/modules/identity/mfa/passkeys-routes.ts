// Passkeys over HTTP (ACC-4): the signed-in user's own passkeys (register, rename, remove; reachable
// while enrolment is still required), and the two sign-ins a passkey makes: the second step after a
// password, and on its own (public; the session cookie is set like a password sign-in's).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sessionCookie } from '../../../platform/auth/plugin.js';
import type { Platform } from '../../../platform/context.js';
import { NoContent, requestContext, withErrors } from '../../../platform/http.js';
import { SignedIn } from '../contract.js';
import {
  MfaChallengeBody,
  Passkey,
  PasskeyAuthenticationOptions,
  PasskeyBody,
  PasskeyParams,
  PasskeyPatch,
  PasskeyRegistrationOptions,
  PasskeySignInBody,
  PasskeySignInOptions,
  PasskeySignInOptionsBody,
  RegisteredPasskey,
} from './passkeys-contract.js';
import type { PasskeysService } from './passkeys-service.js';

const tags = ['identity'];

export function passkeysRoutes(fastify: FastifyInstance, platform: Platform, passkeys: PasskeysService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const secure = platform.config.publicUrl.startsWith('https:');

  app.post(
    '/v1/me/mfa/passkeys/options',
    {
      config: { access: 'signedIn', allowMfaEnrolment: true, allowTemporaryPassword: true, idempotent: false },
      schema: {
        tags,
        summary: 'Options for registering a passkey (for navigator.credentials.create; discoverable, 5 minutes, single use; needs an MFA session once you have a second factor)',
        response: withErrors({ 200: PasskeyRegistrationOptions }),
      },
    },
    async (request) => passkeys.registrationOptions(requestContext(request)),
  );

  app.post(
    '/v1/me/mfa/passkeys',
    {
      config: { access: 'signedIn', allowMfaEnrolment: true, allowTemporaryPassword: true },
      schema: {
        tags,
        summary: 'Register the passkey the browser created, with a name; your first second factor comes with ten recovery codes (shown once)',
        body: PasskeyBody,
        response: withErrors({ 201: RegisteredPasskey }),
      },
    },
    async (request, reply) => reply.code(201).send(await passkeys.register(requestContext(request), request.body)),
  );

  app.patch(
    '/v1/me/mfa/passkeys/:passkeyId',
    {
      config: { access: 'signedIn', allowMfaEnrolment: true, allowTemporaryPassword: true },
      schema: { tags, summary: 'Rename one of your passkeys', params: PasskeyParams, body: PasskeyPatch, response: withErrors({ 200: Passkey }) },
    },
    async (request) => passkeys.rename(requestContext(request), request.params.passkeyId, request.body.name),
  );

  app.delete(
    '/v1/me/mfa/passkeys/:passkeyId',
    {
      config: { access: 'signedIn', allowMfaEnrolment: true, allowTemporaryPassword: true },
      schema: { tags, summary: 'Remove one of your passkeys (needs a session that passed a second factor)', params: PasskeyParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await passkeys.remove(requestContext(request), request.params.passkeyId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/auth/sessions/mfa/passkey-options',
    {
      config: { auth: 'public', idempotent: false },
      schema: {
        tags,
        summary: "The second step of a sign-in with a passkey: options naming the user's passkeys, for the challenge the password answered",
        body: MfaChallengeBody,
        response: withErrors({ 200: PasskeyAuthenticationOptions }),
      },
    },
    async (request) => passkeys.secondFactorOptions(request.body.challengeId),
  );

  app.post(
    '/v1/auth/passkey-options',
    {
      config: { auth: 'public', idempotent: false },
      schema: {
        tags,
        summary: 'Begin a sign-in with a passkey alone: options for the discoverable passkeys the browser holds, and the challenge to answer (5 minutes, single use)',
        body: PasskeySignInOptionsBody,
        response: withErrors({ 200: PasskeySignInOptions }),
      },
    },
    async () => passkeys.signInOptions(),
  );

  app.post(
    '/v1/auth/sessions/passkey',
    {
      config: { auth: 'public', idempotent: false },
      schema: {
        tags,
        summary: 'Sign in with a passkey alone (user verified): starts a session (cookie, amr webauthn) and returns its CSRF token',
        body: PasskeySignInBody,
        response: withErrors({ 201: SignedIn }),
      },
    },
    async (request, reply) => {
      const result = await passkeys.signIn(requestContext(request), request.body, request.headers['user-agent']);
      reply.setCookie(sessionCookie, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: result.expiresAt });
      return reply.code(201).send(result.body);
    },
  );
}
