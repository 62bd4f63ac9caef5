// The identity provider's OpenID configuration (discovery), kept per connection version so each
// sign-in does not fetch it again. Every request to the provider (discovery, token, keys, user info)
// goes through the outbound guard (platform/outbound.ts): the issuer is a URL a tenant chose.
import * as oidc from 'openid-client';
import type { Sealer } from '../../../platform/auth/sealing.js';
import type { Outbound } from '../../../platform/outbound.js';
import { allowsInsecureIssuer } from './rules.js';
import type { ProviderRow } from './views.js';

const discoveryMaxAgeMs = 3_600_000;

export function providerDiscovery(net: Outbound, box: Sealer) {
  const discovered = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();

  /** The provider's configuration; every request it makes later (token, keys, user info) uses the same guard. */
  function discover(issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
    return oidc.discovery(new URL(issuer), clientId, clientSecret, undefined, {
      execute: allowsInsecureIssuer(issuer) ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
      [oidc.customFetch]: net.fetch,
    });
  }

  function configurationOf(row: ProviderRow): Promise<oidc.Configuration> {
    const key = `${row.id}:${row.updatedAt.toISOString()}`;
    const cached = discovered.get(key);
    if (cached && Date.now() - cached.at < discoveryMaxAgeMs) return cached.configuration;
    const configuration = discover(row.issuer, row.clientId, box.open(row.clientSecretSealed));
    configuration.catch(() => discovered.delete(key));
    discovered.set(key, { at: Date.now(), configuration });
    return configuration;
  }

  return { discover, configurationOf };
}

export type ProviderDiscovery = ReturnType<typeof providerDiscovery>;
