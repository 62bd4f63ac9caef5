// The shapes security groups show the world, declared once (ACC-3): a tenant's groups and their
// members. Routes validate and serialize with them, views return them, the portal reads their types.
import { Type, type Static } from '@sinclair/typebox';
import { Collection, DateTime, PageQuery } from '../../../platform/contract.js';

const strict = { additionalProperties: false } as const;
const Uuid = Type.String({ format: 'uuid' });
const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const Description = Type.String({ maxLength: 1000 });

export const SecurityGroupsParams = Type.Object({ tenantId: Uuid }, strict);
export const SecurityGroupParams = Type.Object({ tenantId: Uuid, groupId: Uuid }, strict);
export const SecurityGroupMemberParams = Type.Object({ tenantId: Uuid, groupId: Uuid, userId: Uuid }, strict);
export const SecurityGroupAppParams = Type.Object({ tenantId: Uuid, groupId: Uuid, appId: Uuid }, strict);

export const SecurityGroup = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    memberCount: Type.Integer(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'SecurityGroup' },
);
export type SecurityGroup = Static<typeof SecurityGroup>;
export const SecurityGroups = Collection(SecurityGroup, 'SecurityGroups');
export type SecurityGroups = Static<typeof SecurityGroups>;

export const SecurityGroupBody = Type.Object({ name: Name, description: Type.Optional(Description) }, strict);
export type SecurityGroupBody = Static<typeof SecurityGroupBody>;

export const SecurityGroupPatch = Type.Object({ name: Type.Optional(Name), description: Type.Optional(Type.Union([Description, Type.Null()])) }, { ...strict, minProperties: 1 });
export type SecurityGroupPatch = Static<typeof SecurityGroupPatch>;

/** A member: one of the tenant's users, or one of its apps (app credentials). */
export const SecurityGroupMember = Type.Object(
  {
    type: Type.Union([Type.Literal('user'), Type.Literal('app')]),
    id: Type.String(),
    displayName: Type.Union([Type.String(), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    addedAt: DateTime,
  },
  { title: 'SecurityGroupMember' },
);
export type SecurityGroupMember = Static<typeof SecurityGroupMember>;
export const SecurityGroupMembers = Collection(SecurityGroupMember, 'SecurityGroupMembers');
export type SecurityGroupMembers = Static<typeof SecurityGroupMembers>;

export const SecurityGroupMembersQuery = Type.Object({ ...PageQuery }, strict);
