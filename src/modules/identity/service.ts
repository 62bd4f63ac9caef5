// Identity: work accounts (tenants) and their programs, users and roles, sign-in sessions, personal
// access tokens. Binds the operations (operations/, one per file) and the reads (reads.ts) to the
// platform and the prepared statements, built once; other modules call this, never identity's tables.
import type { Queryable } from '../../db/index.js';
import { binder } from '../../platform/bind.js';
import type { Platform } from '../../platform/context.js';
import { isLocale } from '../../platform/i18n/index.js';
import type { Role } from '../../platform/access.js';
import { addUser } from './operations/add-user.js';
import { changePassword } from './operations/change-password.js';
import { confirmPasswordReset } from './operations/confirm-password-reset.js';
import { createTenant } from './operations/create-tenant.js';
import { createToken } from './operations/create-token.js';
import type { IdentityDeps } from './operations/deps.js';
import { ensureOperator } from './operations/ensure-operator.js';
import { getMe } from './operations/get-me.js';
import { getUser } from './operations/get-user.js';
import { insertCustomerTenant } from './operations/insert-customer-tenant.js';
import { insertTenant } from './operations/insert-tenant.js';
import { listTokens } from './operations/list-tokens.js';
import { listUsers } from './operations/list-users.js';
import { requestPasswordReset } from './operations/request-password-reset.js';
import { resetUserPassword } from './operations/reset-user-password.js';
import { resolveAccessToken } from './operations/resolve-access-token.js';
import { resolveSession } from './operations/resolve-session.js';
import { revokeToken } from './operations/revoke-token.js';
import { setMembership } from './operations/set-membership.js';
import { setMembershipIn } from './operations/set-membership-in.js';
import { signIn } from './operations/sign-in.js';
import { signOut } from './operations/sign-out.js';
import { startSession } from './operations/start-session.js';
import { updateMe } from './operations/update-me.js';
import { updateUser } from './operations/update-user.js';
import {
  actorOf,
  existingEmails,
  findUser,
  findUserByEmail,
  getTenant,
  globalAdminsOf,
  identityStatements,
  memberships,
  tenantKind,
  tenantsByIds,
  userNamesByIds,
  userViewsWithCreators,
  usersWithRolesOf,
} from './reads.js';

export { programs, signInLimits, type Program } from './rules.js';
export { tenantView, userView, type TenantRow, type UserRow } from './views.js';

export function identityService(platform: Platform) {
  const { db } = platform;
  const deps: IdentityDeps = { platform, db, config: platform.config, statements: identityStatements(db) };
  const bind = binder(deps);

  return {
    createTenant: bind(createTenant),
    insertTenant: bind(insertTenant),
    insertCustomerTenant: bind(insertCustomerTenant),
    existingEmails: bind(existingEmails),
    getTenant: (tenantId: string, q: Queryable = db) => getTenant(deps, q, tenantId),
    tenantsByIds: bind(tenantsByIds),
    findUser: (userId: string, q: Queryable = db) => findUser(q, userId),
    userNamesByIds: (ids: string[], q: Queryable = db) => userNamesByIds(q, ids),
    userViewsWithCreators: bind(userViewsWithCreators),
    findUserByEmail: (email: string, q: Queryable = db) => findUserByEmail(q, email),
    actorOf: bind(actorOf),
    globalAdminsOf: (tenantId: string, q: Queryable = db) => globalAdminsOf(q, tenantId),
    usersWithRolesOf: (tenantIds: string[], roles: readonly Role[], q: Queryable = db) => usersWithRolesOf(q, tenantIds, roles),
    /** Records a program membership's status inside the caller's transaction (audited). */
    setMembershipIn,
    setMembership: bind(setMembership),
    memberships: (tenantId: string) => memberships(db, tenantId),
    ensureOperator: bind(ensureOperator),
    signIn: bind(signIn),
    startSession: bind(startSession),
    signOut: bind(signOut),
    requestPasswordReset: bind(requestPasswordReset),
    confirmPasswordReset: bind(confirmPasswordReset),
    resolveSession: bind(resolveSession),
    resolveAccessToken: bind(resolveAccessToken),
    me: bind(getMe),
    updateMe: bind(updateMe),
    changePassword: bind(changePassword),
    createToken: bind(createToken),
    listTokens: bind(listTokens),
    revokeToken: bind(revokeToken),
    listUsers: bind(listUsers),
    getUser: bind(getUser),
    addUser: bind(addUser),
    updateUser: bind(updateUser),
    resetUserPassword: bind(resetUserPassword),
    tenantKind: (tenantId: string) => tenantKind(db, tenantId),
    isLocale,
  };
}

export type IdentityService = ReturnType<typeof identityService>;
