// The WebAuthn library, loaded on the first passkey ceremony rather than at start-up: it is about 20 MB
// of resident memory that most processes (a server nobody signs in to with a passkey yet, the CLI)
// never need. Loaded once; later calls share the same module.
let loaded: Promise<typeof import('@simplewebauthn/server')> | undefined;

export function webauthn(): Promise<typeof import('@simplewebauthn/server')> {
  loaded ??= import('@simplewebauthn/server');
  return loaded;
}
