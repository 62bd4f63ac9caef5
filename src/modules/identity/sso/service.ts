// Single sign-on through a tenant's OpenID Connect identity provider: the connection, the email
// domains it serves, each claimed with proof of control by a DNS TXT record (ACC-5), and the sign-in.
// Binds the operations (operations/, one per file) to their dependencies, built once: the sealer of
// stored secrets, the outbound guard every request to the provider goes through (platform/outbound.ts)
// and the discovery cache.
import { sealer } from '../../../platform/auth/sealing.js';
import { binder } from '../../../platform/bind.js';
import type { Platform } from '../../../platform/context.js';
import { outbound } from '../../../platform/outbound.js';
import type { IdentityService } from '../service.js';
import { providerDiscovery } from './discovery.js';
import { claimDomain } from './operations/claim-domain.js';
import { completeSso } from './operations/complete-sso.js';
import { connectIdentityProvider } from './operations/connect-identity-provider.js';
import type { SsoDeps } from './operations/deps.js';
import { getIdentityProvider } from './operations/get-identity-provider.js';
import { listDomains } from './operations/list-domains.js';
import { removeDomain } from './operations/remove-domain.js';
import { removeIdentityProvider } from './operations/remove-identity-provider.js';
import { startSso } from './operations/start-sso.js';
import { verifyDomain } from './operations/verify-domain.js';

export { SsoRefused } from './operations/complete-sso.js';
export type { ConnectionBody as ConnectionInput } from './contract.js';

export function ssoService(platform: Platform, services: { identity: IdentityService }) {
  const { config } = platform;
  const box = sealer(config.sessionSecret, 'identity-provider');
  const net = outbound(config);
  const deps: SsoDeps = {
    platform,
    db: platform.db,
    config,
    identity: services.identity,
    box,
    net,
    discovery: providerDiscovery(net, box),
    callbackUrl: `${config.publicUrl.replace(/\/$/, '')}/v1/sso/callback`,
  };
  const bind = binder(deps);

  return {
    callbackUrl: deps.callbackUrl,
    getConnection: bind(getIdentityProvider),
    putConnection: bind(connectIdentityProvider),
    deleteConnection: bind(removeIdentityProvider),
    listDomains: bind(listDomains),
    claimDomain: bind(claimDomain),
    verifyDomain: bind(verifyDomain),
    removeDomain: bind(removeDomain),
    start: bind(startSso),
    finish: bind(completeSso),
  };
}

export type SsoService = ReturnType<typeof ssoService>;
