// Customers: relationship requests (CUS-1, CUS-2, CUS-3), the customer lists (CUS-4, REL-7), customers
// created by a provider (CUS-5), removing a relationship (CUS-7), time-bound delegated admin and its
// access assignments (ACC-3), the one relation resolver, and the users of a customer's tenant (ACC-2). Binds the operations (operations/) and reads (reads.ts) to
// their dependencies, once.
import type { Actor, Permission } from '../../platform/access.js';
import type { RequestContext } from '../../platform/audit.js';
import type { Platform } from '../../platform/context.js';
import { requiredHook } from '../../platform/hooks.js';
import type { TimeCursor } from '../../platform/http.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AcceptInvitationBody, DraftEmail, InvitationStatus, SendInvitationBody } from '../../platform/invitations.js';
import type { AgreementsService } from '../enrollment/agreements.js';
import type { EnrollmentService } from '../enrollment/service.js';
import type { GroupsService } from '../identity/groups/service.js';
import type { IdentityService } from '../identity/service.js';
import type { MarketsService } from '../markets/service.js';
import type { RelationshipsService } from '../relationships/service.js';
import type { AccessAssignmentBody, AccessAssignmentPatch, AddCustomerUserBody, CreateCustomerBody, CreateCustomerInvitationBody, DelegatedAdminBody, UpdateCustomerUserBody } from './contract.js';
import { acceptInvitation } from './operations/accept-invitation.js';
import { admitToCustomer } from './operations/admit-to-customer.js';
import { createAccessAssignment } from './operations/create-access-assignment.js';
import { deleteAccessAssignment } from './operations/delete-access-assignment.js';
import { getAccessAssignment } from './operations/get-access-assignment.js';
import { getDelegatedAccess } from './operations/get-delegated-access.js';
import { listAccessAssignments } from './operations/list-access-assignments.js';
import { relationTo } from './operations/relation-to.js';
import { updateAccessAssignment } from './operations/update-access-assignment.js';
import { addCustomerUser } from './operations/add-customer-user.js';
import { approveDelegatedAdmin } from './operations/approve-delegated-admin.js';
import { createCustomer } from './operations/create-customer.js';
import { createInvitation } from './operations/create-invitation.js';
import type { CustomersDeps, SubscriptionCount } from './operations/deps.js';
import { describeDelegatedAdminApproval } from './operations/describe-delegated-admin-approval.js';
import { describeInvitation } from './operations/describe-invitation.js';
import { listCustomerUsers } from './operations/list-customer-users.js';
import { listCustomers } from './operations/list-customers.js';
import { listDelegatedAdmin } from './operations/list-delegated-admin.js';
import { listInvitations } from './operations/list-invitations.js';
import { listPartnerRelationships } from './operations/list-partner-relationships.js';
import { removeRelationship } from './operations/remove-relationship.js';
import { requestDelegatedAdmin } from './operations/request-delegated-admin.js';
import { requireDelegated } from './operations/require-delegated.js';
import { resetCustomerUserPassword } from './operations/reset-customer-user-password.js';
import { revokeInvitation } from './operations/revoke-invitation.js';
import { sendInvitation } from './operations/send-invitation.js';
import { sharedCustomers } from './operations/shared-customers.js';
import { sweepDelegatedAdmin } from './operations/sweep-delegated-admin.js';
import { terminateDelegatedAdmin } from './operations/terminate-delegated-admin.js';
import { updateCustomerUser } from './operations/update-customer-user.js';
import { visibleCustomer } from './operations/visible-customer.js';
import { customerStatements, relationshipWith, requireVisible } from './reads.js';
import { invitationView, type CustomerInvitationRow } from './views.js';

export function customersService(
  platform: Platform,
  services: { identity: IdentityService; enrollment: EnrollmentService; markets: MarketsService; relationships: RelationshipsService; agreements: AgreementsService; groups: GroupsService },
) {
  const deps: CustomersDeps = {
    platform,
    db: platform.db,
    ...services,
    statements: customerStatements(platform.db, { providerRelation: services.relationships.providerRelation, memberGroupIds: services.groups.memberGroupIds }),
    admitted: new WeakMap(),
    subscriptionCount: requiredHook<SubscriptionCount>("customers' count of a partner's active subscriptions (CUS-7, given by commerce)"),
  };
  return {
    createInvitation: (ctx: RequestContext, input: CreateCustomerInvitationBody) => createInvitation(deps, ctx, input),
    sendInvitation: (ctx: RequestContext, id: string, input: SendInvitationBody) => sendInvitation(deps, ctx, id, input),
    listInvitations: (actor: Actor, query: { status?: InvitationStatus; size: number; after?: TimeCursor }) => listInvitations(deps, actor, query),
    invitationView: (row: CustomerInvitationRow, extra?: { link?: string; draftEmail?: DraftEmail }) => invitationView(row, extra),
    revokeInvitation: (ctx: RequestContext, id: string) => revokeInvitation(deps, ctx, id),
    describeInvitation: (token: string, locale: Locale) => describeInvitation(deps, token, locale),
    acceptInvitation: (ctx: RequestContext, token: string, input: AcceptInvitationBody) => acceptInvitation(deps, ctx, token, input),
    listCustomers: (actor: Actor, query: { q?: string; resellerTenantId?: string; size: number; after?: { name: string; tenantId: string } }) => listCustomers(deps, actor, query),
    visibleCustomer: (actor: Actor, customerTenantId: string) => visibleCustomer(deps, actor, customerTenantId),
    requireVisible: async (actor: Actor, customerTenantId: string) => {
      await requireVisible(deps, actor, customerTenantId);
    },
    /** CUS-4: the check before every /v1/customers/{id}/… handler (app.ts); its relation serves the request's operation. */
    admitToCustomer: (actor: Actor, customerTenantId: string) => admitToCustomer(deps, actor, customerTenantId),
    /** The one relation resolver (REL-4 admin access, ACC-3 delegated roles, related at all): one statement per request. */
    relationTo: (actor: Actor, tenantId: string, now?: Date) => relationTo(deps, actor, tenantId, now),
    sharedCustomers: (actor: Actor, relationshipId: string) => sharedCustomers(deps, actor, relationshipId),
    createCustomer: (ctx: RequestContext, input: CreateCustomerBody) => createCustomer(deps, ctx, input),
    removeRelationship: (ctx: RequestContext, customerTenantId: string) => removeRelationship(deps, ctx, customerTenantId),
    listDelegatedAdmin: (actor: Actor, customerTenantId: string) => listDelegatedAdmin(deps, actor, customerTenantId),
    requestDelegatedAdmin: (ctx: RequestContext, customerTenantId: string, input: DelegatedAdminBody) => requestDelegatedAdmin(deps, ctx, customerTenantId, input),
    describeDelegatedAdminApproval: (actor: Actor, token: string) => describeDelegatedAdminApproval(deps, actor, token),
    approveDelegatedAdmin: (ctx: RequestContext, token: string) => approveDelegatedAdmin(deps, ctx, token),
    partnerRelationshipsOf: (customerTenantId: string) => listPartnerRelationships(deps, customerTenantId),
    terminateDelegatedAdmin: (ctx: RequestContext, relationshipId: string) => terminateDelegatedAdmin(deps, ctx, relationshipId),
    requireDelegated: (actor: Actor, customerTenantId: string, permission: Permission) => requireDelegated(deps, actor, customerTenantId, permission),
    listAccessAssignments: (actor: Actor, relationshipId: string) => listAccessAssignments(deps, actor, relationshipId),
    getDelegatedAccess: (actor: Actor, customerTenantId: string) => getDelegatedAccess(deps, actor, customerTenantId),
    getAccessAssignment: (actor: Actor, relationshipId: string, assignmentId: string) => getAccessAssignment(deps, actor, relationshipId, assignmentId),
    createAccessAssignment: (ctx: RequestContext, relationshipId: string, input: AccessAssignmentBody) => createAccessAssignment(deps, ctx, relationshipId, input),
    updateAccessAssignment: (ctx: RequestContext, relationshipId: string, assignmentId: string, input: AccessAssignmentPatch) => updateAccessAssignment(deps, ctx, relationshipId, assignmentId, input),
    deleteAccessAssignment: (ctx: RequestContext, relationshipId: string, assignmentId: string) => deleteAccessAssignment(deps, ctx, relationshipId, assignmentId),
    sweepDelegatedAdmin: (now?: Date) => sweepDelegatedAdmin(deps, now),
    listCustomerUsers: (actor: Actor, customerTenantId: string, query: { size: number; after?: TimeCursor }) => listCustomerUsers(deps, actor, customerTenantId, query),
    addCustomerUser: (ctx: RequestContext, customerTenantId: string, input: AddCustomerUserBody) => addCustomerUser(deps, ctx, customerTenantId, input),
    updateCustomerUser: (ctx: RequestContext, customerTenantId: string, userId: string, input: UpdateCustomerUserBody) => updateCustomerUser(deps, ctx, customerTenantId, userId, input),
    resetCustomerUserPassword: (ctx: RequestContext, customerTenantId: string, userId: string) => resetCustomerUserPassword(deps, ctx, customerTenantId, userId),
    relationshipWith: (partnerTenantId: string, customerTenantId: string) => relationshipWith(deps, deps.db, partnerTenantId, customerTenantId),
    /** CUS-7: commerce tells customers how to count a partner's active subscriptions (required: see assertWired). */
    useSubscriptionCount: (count: SubscriptionCount) => deps.subscriptionCount.give(count),
    /** Start-up: fails unless commerce gave its subscription count, so CUS-7 is never checked against nothing. */
    assertWired: () => deps.subscriptionCount.assertGiven(),
  };
}

export type CustomersService = ReturnType<typeof customersService>;
