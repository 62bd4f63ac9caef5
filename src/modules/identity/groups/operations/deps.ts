// What security groups' operations are built with (groups/service.ts makes it once).
import type { Db, Queryable } from '../../../../db/index.js';
import type { Platform } from '../../../../platform/context.js';
import type { IdentityService } from '../../service.js';

/**
 * The tenant's apps, as app credentials give them (built after groups). Until given, no app can be
 * made a member: adding one answers "not found", never an unchecked member.
 */
export interface AppDirectory {
  find(q: Queryable, tenantId: string, appId: string): Promise<{ id: string; name: string } | undefined>;
  names(q: Queryable, appIds: string[]): Promise<Map<string, string>>;
}

export interface GroupsDeps {
  platform: Platform;
  db: Db;
  identity: IdentityService;
  apps: { directory?: AppDirectory };
}
