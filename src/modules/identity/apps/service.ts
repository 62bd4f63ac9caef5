// Apps: client credentials for integrations. A tenant's global admin registers an app (the permissions
// its tokens carry, ACC-1), its client secrets rotate and are revoked; the app gets one-hour access
// tokens at POST /v1/oauth/token (OAuth 2.0 client credentials) signed with rotating keys published at
// GET /v1/oauth/jwks, and the auth plugin resolves those tokens to the app's actor. Binds the operations
// (operations/, one per file) to their dependencies, built once: the prepared statements and the
// signing keys (their private halves sealed with SESSION_SECRET).
import { sealer } from '../../../platform/auth/sealing.js';
import { binder } from '../../../platform/bind.js';
import type { Platform } from '../../../platform/context.js';
import { addSecret } from './operations/add-secret.js';
import { deleteApp } from './operations/delete-app.js';
import type { AppsDeps } from './operations/deps.js';
import { getApp } from './operations/get-app.js';
import { issueToken } from './operations/issue-token.js';
import { listApps } from './operations/list-apps.js';
import { registerApp } from './operations/register-app.js';
import { resolveAppToken } from './operations/resolve-app-token.js';
import { revokeSecret } from './operations/revoke-secret.js';
import { updateApp } from './operations/update-app.js';
import { appDirectory, appsStatements } from './reads.js';
import { signingKeys } from './signing-keys.js';

export function appsService(platform: Platform) {
  const { config, db } = platform;
  const publicUrl = config.publicUrl.replace(/\/$/, '');
  const deps: AppsDeps = {
    platform,
    db,
    config,
    statements: appsStatements(db),
    keys: signingKeys(db, sealer(config.sessionSecret, 'oauth-signing-key')),
    issuer: publicUrl,
    audience: `${publicUrl}/v1`,
  };
  const bind = binder(deps);

  return {
    issuer: deps.issuer,
    audience: deps.audience,
    listApps: bind(listApps),
    getApp: bind(getApp),
    registerApp: bind(registerApp),
    updateApp: bind(updateApp),
    deleteApp: bind(deleteApp),
    addSecret: bind(addSecret),
    revokeSecret: bind(revokeSecret),
    issueToken: bind(issueToken),
    resolveAppToken: bind(resolveAppToken),
    jwks: deps.keys.jwks,
    /** ACC-3: the tenant's apps as security groups read them (an app acts delegated only through a group). */
    directory: appDirectory,
  };
}

export type AppsService = ReturnType<typeof appsService>;
