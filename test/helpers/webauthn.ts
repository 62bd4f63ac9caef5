// A software authenticator for API tests: real WebAuthn responses, made the way a platform
// authenticator makes them — a P-256 key pair per credential (node:crypto), authenticator data and
// the "none" attestation object encoded in CBOR by hand, ES256 signatures over authenticator data and
// the client data hash. It keeps its credentials (discoverable: each with its user handle) and their
// sign counters, so a test can sign in with no user named, replay, clone or tamper on purpose.
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

export interface StoredCredential {
  id: string;
  privateKey: KeyObject;
  userHandle: string;
  counter: number;
}

interface RegistrationOptionsJson {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  excludeCredentials?: { id: string }[];
}

interface AuthenticationOptionsJson {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}

export interface MakeOptions {
  /** Whether the user was verified (biometric or PIN); default true. */
  userVerified?: boolean;
  /** The origin the "browser" reports (default: the authenticator's). */
  origin?: string;
  /** The client data type (default webauthn.create / webauthn.get). */
  type?: string;
  /** A different challenge than the options' one. */
  challenge?: string;
}

export class SoftAuthenticator {
  readonly credentials: StoredCredential[] = [];

  /** `origin` as the browser would report it (the portal's), `rpId` the RP ID the options name. */
  constructor(
    readonly origin = 'http://localhost:8080',
    readonly rpId = 'localhost',
  ) {}

  /** navigator.credentials.create(): a new discoverable ES256 credential, as @simplewebauthn/browser sends it. */
  create(options: RegistrationOptionsJson, make: MakeOptions = {}) {
    const rpId = options.rp.id ?? this.rpId;
    if (options.excludeCredentials?.some((c) => this.credentials.some((own) => own.id === c.id))) throw new Error('InvalidStateError: already registered');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const credentialId = randomBytes(32);
    const coseKey = cbor(
      new Map<number, unknown>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([authenticatorData(rpId, flags(make.userVerified ?? true, true), 0), Buffer.alloc(16), idLength, credentialId, coseKey]);
    const attestationObject = cbor(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    const clientDataJSON = this.clientData(make.type ?? 'webauthn.create', make.challenge ?? options.challenge, make.origin);
    const id = credentialId.toString('base64url');
    this.credentials.push({ id, privateKey, userHandle: options.user.id, counter: 0 });
    return {
      id,
      rawId: id,
      type: 'public-key' as const,
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: { credProps: { rk: true } },
      response: {
        clientDataJSON: b64(clientDataJSON),
        attestationObject: b64(attestationObject),
        transports: ['internal' as const],
      },
    };
  }

  /**
   * navigator.credentials.get(): signs the challenge with the credential the options allow (or, with
   * no allowCredentials, the discoverable one named or the newest), counting the signature.
   */
  get(options: AuthenticationOptionsJson, make: MakeOptions & { credentialId?: string; counter?: number } = {}) {
    const allowed = options.allowCredentials?.length ? this.credentials.filter((c) => options.allowCredentials!.some((a) => a.id === c.id)) : this.credentials;
    const credential = make.credentialId ? allowed.find((c) => c.id === make.credentialId) : allowed.at(-1);
    if (!credential) throw new Error('NotAllowedError: no credential for these options');
    credential.counter = make.counter ?? credential.counter + 1;
    const authData = authenticatorData(options.rpId ?? this.rpId, flags(make.userVerified ?? true, false), credential.counter);
    const clientDataJSON = this.clientData(make.type ?? 'webauthn.get', make.challenge ?? options.challenge, make.origin);
    const signature = sign('sha256', Buffer.concat([authData, createHash('sha256').update(clientDataJSON).digest()]), credential.privateKey);
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key' as const,
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64(clientDataJSON),
        authenticatorData: b64(authData),
        signature: b64(signature),
        userHandle: credential.userHandle,
      },
    };
  }

  /** A copy of a credential on another device (same key, its own counter): what clone detection is for. */
  clone(credentialId: string): SoftAuthenticator {
    const copy = new SoftAuthenticator(this.origin, this.rpId);
    const source = this.credentials.find((c) => c.id === credentialId)!;
    copy.credentials.push({ ...source, privateKey: createPrivateKey(source.privateKey.export({ format: 'pem', type: 'pkcs8' })) });
    return copy;
  }

  private clientData(type: string, challenge: string, origin?: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: origin ?? this.origin, crossOrigin: false }));
  }
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}

/** UP always; UV when verified; AT when attested credential data follows. */
function flags(userVerified: boolean, attested: boolean): number {
  return 0x01 | (userVerified ? 0x04 : 0) | (attested ? 0x40 : 0);
}

function authenticatorData(rpId: string, flagBits: number, counter: number): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter);
  return Buffer.concat([createHash('sha256').update(rpId).digest(), Buffer.from([flagBits]), count]);
}

/** The CBOR subset WebAuthn needs (RFC 8949): integers, byte and text strings, maps. */
function cbor(value: unknown): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Map) return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  throw new Error(`cbor: cannot encode ${typeof value}`);
}

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const out = Buffer.alloc(5);
  out[0] = (major << 5) | 26;
  out.writeUInt32BE(length, 1);
  return out;
}
