// Passkey rules, pure: the relying party a deployment is (from its public URL), the user handle a
// passkey stores for a user, how long a WebAuthn challenge may be answered, and the challenge a
// browser's client data answers (to find the registration it belongs to). ACC-4.

/** Who the passkeys belong to: the RP ID is the public URL's host, the origin its scheme, host and port. */
export interface RelyingParty {
  id: string;
  name: string;
  origin: string;
}

export function relyingParty(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { id: url.hostname, name: 'Channel Center', origin: url.origin };
}

/** A challenge (registration or sign-in) is answered within this time, once. */
export const passkeyChallengeMs = 5 * 60_000;

/** How long the browser shows its prompt before giving up (shorter than the challenge lives). */
export const passkeyPromptMs = 2 * 60_000;

/** The WebAuthn user handle of a user: the 16 bytes of its UUID (no email or name in it). */
export function userHandle(userId: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(Buffer.from(userId.replace(/-/g, ''), 'hex'));
}

/** The user a user handle (base64url) names, or undefined when it is not one of ours. */
export function userIdOfHandle(handle: string): string | undefined {
  const hex = Buffer.from(handle, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The challenge a browser's clientDataJSON (base64url) answers, or undefined when it is not client data. */
export function challengeOfClientData(clientDataJSON: string): string | undefined {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const challenge = typeof data === 'object' && data !== null ? (data as { challenge?: unknown }).challenge : undefined;
    return typeof challenge === 'string' && challenge.length > 0 && challenge.length <= 512 ? challenge : undefined;
  } catch {
    return undefined;
  }
}
