// Passkey rows → the shapes they show (never a key or a counter), and → what the WebAuthn library checks.
import type { WebAuthnCredential } from '@simplewebauthn/server';
import type { Passkey } from './passkeys-contract.js';
import type { passkeys } from './schema.js';

export type PasskeyRow = typeof passkeys.$inferSelect;

export function passkeyView(row: PasskeyRow): Passkey {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null };
}

export function credentialOf(row: PasskeyRow): WebAuthnCredential {
  return {
    id: row.credentialId,
    publicKey: Uint8Array.from(Buffer.from(row.publicKey, 'base64url')),
    counter: row.counter,
    transports: row.transports as WebAuthnCredential['transports'],
  };
}

/** How a browser is told which passkeys it may use (or must not register again). */
export function descriptorOf(row: PasskeyRow) {
  return { id: row.credentialId, transports: row.transports as WebAuthnCredential['transports'] };
}
