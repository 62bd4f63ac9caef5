// What single sign-on's operations are built with (sso/service.ts makes it once).
import type { Config } from '../../../../config.js';
import type { Db } from '../../../../db/index.js';
import type { Sealer } from '../../../../platform/auth/sealing.js';
import type { Platform } from '../../../../platform/context.js';
import type { Outbound } from '../../../../platform/outbound.js';
import type { IdentityService } from '../../service.js';
import type { ProviderDiscovery } from '../discovery.js';

export interface SsoDeps {
  platform: Platform;
  db: Db;
  config: Config;
  identity: IdentityService;
  /** Seals the client secrets and the PKCE code verifiers kept in the database. */
  box: Sealer;
  net: Outbound;
  discovery: ProviderDiscovery;
  /** Where providers send the browser back; register this redirect URI with the provider. */
  callbackUrl: string;
}
