// Second factors for the parties tests make (ACC-4: the program enforces MFA, so admins need one).
// The first time a user the tests create signs in through Client.signIn without a second factor, it
// enrols an authenticator app through the API (the secret comes back once, as to a person) and
// confirms it with a code computed here; from then on Client.signIn answers the sign-in's second step
// with the next code — or, when the ±1-step window has no unused step left (a user signing in several
// times within 30 seconds: a code is never accepted twice), with one of its recovery codes, getting
// new ones before they run out. Kept per database, for the whole run (one process).
import { totpCodeAt, totpStepNow } from '../../src/modules/identity/mfa/totp.js';
import { totpPeriodSeconds } from '../../src/modules/identity/mfa/rules.js';
import type { Client, RequestOptions, Response } from './client.js';

interface KnownFactor {
  secret: string;
  /** The newest step used (the server refuses it and every older one). */
  lastStep: number;
  recoveryCodes: string[];
  /** Second steps of this user, one after another: the server refuses a step older than one it took. */
  queue?: Promise<unknown>;
}

interface MfaRegistry {
  /** A test server's base URL → the database it serves (several instances may share one). */
  databases: Map<string, string>;
  /** `<database>|<email>` → the user's authenticator and recovery codes. */
  factors: Map<string, KnownFactor>;
}

const registry: MfaRegistry = ((globalThis as Record<string, unknown>).__channelCenterMfa as MfaRegistry) ?? { databases: new Map(), factors: new Map() };
(globalThis as Record<string, unknown>).__channelCenterMfa = registry;

/** Called by the test servers: which database a base URL serves. */
export function registerDatabase(baseUrl: string, database: string): void {
  registry.databases.set(baseUrl, database);
}

const keyOf = (baseUrl: string, email: string) => `${registry.databases.get(baseUrl) ?? baseUrl}|${email.trim().toLowerCase()}`;

/** The authenticator the helpers enrolled for this user, if any. */
export function knownFactor(baseUrl: string, email: string): KnownFactor | undefined {
  return registry.factors.get(keyOf(baseUrl, email));
}

/** Remember an authenticator app made elsewhere (the demo's), so Client.signIn answers with its codes. */
export function rememberFactor(baseUrl: string, email: string, secret: string): void {
  registry.factors.set(keyOf(baseUrl, email), { secret, lastStep: 0, recoveryCodes: [] });
}

/** Forget a user's factor (after a test reset it, so the next sign-in enrols again). */
export function forgetFactor(baseUrl: string, email: string): void {
  registry.factors.delete(keyOf(baseUrl, email));
}

/**
 * A TOTP code of the helpers' authenticator for this user at a step not used yet (reserved: it counts
 * as used), or undefined when the window has none left. For sign-ins through the portal, too.
 */
export function nextTotpCode(baseUrl: string, email: string): string | undefined {
  const factor = knownFactor(baseUrl, email);
  return factor ? takeStep(factor) : undefined;
}

function takeStep(factor: KnownFactor): string | undefined {
  const now = totpStepNow();
  // The previous step only while the server, a moment later, still accepts it.
  const leftMs = (now + 1) * totpPeriodSeconds * 1000 - Date.now();
  const candidates = leftMs > 3000 ? [now - 1, now, now + 1] : [now, now + 1];
  const step = candidates.find((s) => s > factor.lastStep);
  if (step === undefined) return undefined;
  factor.lastStep = step;
  return totpCodeAt(factor.secret, step);
}

/**
 * What Client.signIn does after the password: answers the second step for a user the helpers know,
 * or enrols one for a user without a second factor. Returns the sign-in's final answer (201 and the
 * session, as before MFA); a challenge for a user the helpers do not know comes back as it is (200).
 */
export async function completeSignIn(client: Client, email: string, response: Response<any>, options: RequestOptions): Promise<Response<any>> {
  if (response.status === 200 && response.body?.mfaRequired) {
    const factor = knownFactor(client.baseUrl, email);
    if (!factor) return response;
    // Two sign-ins of one user in parallel take two steps; if the newer one reached the server first,
    // the older would be refused as used. So the second steps of a user go one at a time.
    const turn = (factor.queue ?? Promise.resolve()).then(() => answerChallenge(client, email, factor, response, options));
    factor.queue = turn.catch(() => undefined);
    return turn;
  }
  if (response.status === 201) await enrolTotp(client, email, response.body.csrfToken);
  return response;
}

async function answerChallenge(client: Client, email: string, factor: KnownFactor, response: Response<any>, options: RequestOptions): Promise<Response<any>> {
  const code = takeStep(factor);
  const recoveryCode = code ? undefined : factor.recoveryCodes.shift();
  if (!code && !recoveryCode) throw new Error(`no unused TOTP step nor recovery code left for ${email}`);
  const second = await client.request<any>('POST', '/v1/auth/sessions/mfa', { ...options, body: { challengeId: response.body.challengeId, ...(code ? { code } : { recoveryCode }) } });
  if (second.status === 201 && factor.recoveryCodes.length < 4) {
    client.csrfToken = second.body.csrfToken;
    const renewed = await client.request<any>('POST', '/v1/me/mfa/recovery-codes', {});
    if (renewed.status !== 201) throw new Error(`renewing recovery codes failed: ${renewed.status} ${renewed.text}`);
    factor.recoveryCodes = renewed.body.recoveryCodes;
  }
  return second;
}

/** Enrols an authenticator app for the signed-in user (its session passes MFA by it) and remembers it. */
export async function enrolTotp(client: Client, email: string, csrfToken: string): Promise<KnownFactor> {
  client.csrfToken = csrfToken;
  const started = await client.request<any>('POST', '/v1/me/mfa/totp', {});
  if (started.status !== 201) throw new Error(`TOTP enrolment failed for ${email}: ${started.status} ${started.text}`);
  const factor: KnownFactor = { secret: started.body.secret, lastStep: 0, recoveryCodes: [] };
  const confirmed = await client.request<any>('POST', '/v1/me/mfa/totp/confirm', { body: { code: takeStep(factor) } });
  if (confirmed.status !== 200) throw new Error(`TOTP confirmation failed for ${email}: ${confirmed.status} ${confirmed.text}`);
  factor.recoveryCodes = confirmed.body.recoveryCodes ?? [];
  registry.factors.set(keyOf(client.baseUrl, email), factor);
  return factor;
}
