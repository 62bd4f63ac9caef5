// Passkey rules (ACC-4): the relying party from the public URL, user handles, client data challenges.
import { describe, expect, it } from 'vitest';
import { challengeOfClientData, relyingParty, userHandle, userIdOfHandle } from './passkeys-rules.js';

describe('passkey rules (ACC-4)', () => {
  it('the RP ID is the public URL\'s host and the origin its scheme, host and port', () => {
    expect(relyingParty('https://partners.example.com/')).toEqual({ id: 'partners.example.com', name: 'Channel Center', origin: 'https://partners.example.com' });
    expect(relyingParty('http://localhost:8080')).toMatchObject({ id: 'localhost', origin: 'http://localhost:8080' });
    expect(relyingParty('https://cc.example.org:8443/portal')).toMatchObject({ id: 'cc.example.org', origin: 'https://cc.example.org:8443' });
  });

  it('a user handle is the 16 bytes of the user ID and reads back as it', () => {
    const id = '0b8e6f4c-2f1a-4c3d-9e5b-7a6d5c4b3a29';
    const handle = userHandle(id);
    expect(handle).toHaveLength(16);
    expect(userIdOfHandle(Buffer.from(handle).toString('base64url'))).toBe(id);
    expect(userIdOfHandle(Buffer.from('someone@example.com').toString('base64url'))).toBeUndefined();
  });

  it('the challenge of client data, or nothing for what is not client data', () => {
    const data = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(challengeOfClientData(data({ type: 'webauthn.create', challenge: 'abc_-123', origin: 'x' }))).toBe('abc_-123');
    expect(challengeOfClientData(data({ type: 'webauthn.create' }))).toBeUndefined();
    expect(challengeOfClientData(data({ challenge: 42 }))).toBeUndefined();
    expect(challengeOfClientData(data({ challenge: 'x'.repeat(513) }))).toBeUndefined();
    expect(challengeOfClientData(data('just a string'))).toBeUndefined();
    expect(challengeOfClientData('AAAA')).toBeUndefined();
  });
});
