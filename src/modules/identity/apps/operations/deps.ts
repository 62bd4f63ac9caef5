// What the apps operations are built with (apps/service.ts makes it once).
import type { Config } from '../../../../config.js';
import type { Db } from '../../../../db/index.js';
import type { Platform } from '../../../../platform/context.js';
import type { AppsStatements } from '../reads.js';
import type { SigningKeys } from '../signing-keys.js';

export interface AppsDeps {
  platform: Platform;
  db: Db;
  config: Config;
  /** Prepared once per service (reads.ts). */
  statements: AppsStatements;
  keys: SigningKeys;
  /** The `iss` of app access tokens: this program's public URL. */
  issuer: string;
  /** The `aud` of app access tokens: the API (PUBLIC_URL/v1); a token for anything else is refused. */
  audience: string;
}
