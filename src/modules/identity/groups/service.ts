// Security groups (ACC-3): a tenant's groups and their members, users or apps. Delegated-admin roles
// reach a partner's users and apps only through the access assignments of these groups (customers).
// Binds the operations (operations/, one per file) to their dependencies, once.
import { binder } from '../../../platform/bind.js';
import type { Platform } from '../../../platform/context.js';
import type { IdentityService } from '../service.js';
import { createGroup } from './operations/create-group.js';
import { deleteGroup } from './operations/delete-group.js';
import type { AppDirectory, GroupsDeps } from './operations/deps.js';
import { getGroup } from './operations/get-group.js';
import { listGroups } from './operations/list-groups.js';
import { listMembers } from './operations/list-members.js';
import { putMember } from './operations/put-member.js';
import { removeMember } from './operations/remove-member.js';
import { updateGroup } from './operations/update-group.js';
import { groupNames, memberGroupIds, ownGroup } from './reads.js';

export type { AppDirectory } from './operations/deps.js';
export type { MemberRef } from './operations/put-member.js';

export function groupsService(platform: Platform, services: { identity: IdentityService }) {
  const deps: GroupsDeps = { platform, db: platform.db, identity: services.identity, apps: {} };
  const bind = binder(deps);
  return {
    listGroups: bind(listGroups),
    getGroup: bind(getGroup),
    createGroup: bind(createGroup),
    updateGroup: bind(updateGroup),
    deleteGroup: bind(deleteGroup),
    listMembers: bind(listMembers),
    putMember: bind(putMember),
    removeMember: bind(removeMember),
    /** The tenant's group (404 otherwise), read on the caller's handle: customers check an assignment's group with it. */
    ownGroup,
    /** The names of the tenant's groups among these IDs, read on the caller's handle. */
    groupNames,
    /** The SQL subquery of the groups an actor is a member of (the relation resolver joins it). */
    memberGroupIds,
    /** App credentials name the tenant's apps, so that apps can be members. */
    useAppDirectory: (directory: AppDirectory) => {
      deps.apps.directory = directory;
    },
  };
}

export type GroupsService = ReturnType<typeof groupsService>;
