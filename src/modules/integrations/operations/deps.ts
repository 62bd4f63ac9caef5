// What integrations' operations are built with (service.ts makes it once).
import type { Db } from '../../../db/index.js';
import type { Sealer } from '../../../platform/auth/sealing.js';
import type { Platform } from '../../../platform/context.js';
import type { Outbound } from '../../../platform/outbound.js';
import type { IdentityService } from '../../identity/service.js';

export interface IntegrationsDeps {
  platform: Platform;
  db: Db;
  now: () => Date;
  /** Signing secrets are sealed at rest: the server reads them back to sign. */
  secrets: Sealer;
  /** Every delivery goes through the outbound guard (addresses checked after resolving, no redirects). */
  net: Outbound;
  /** Names of tenants and who hears that an endpoint was disabled. */
  identity: Pick<IdentityService, 'getTenant' | 'usersWithRolesOf'>;
}
