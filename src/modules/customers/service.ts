// Customers: relationship requests (CUS-1, CUS-2, CUS-3), the customer lists (CUS-4, REL-7), customers
// created by a provider (CUS-5), removing a relationship (CUS-7), and time-bound delegated admin.
import { and, asc, desc, eq, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { escapeLike, isoText, preparedByShape, type Queryable } from '../../db/index.js';
import { can, requirePermission, type Actor, type Permission, type TenantRelation } from '../../platform/access.js';
import { writeAudit, type RequestContext } from '../../platform/audit.js';
import { draftKeepsLink, refuseUnusable, statusFilter } from '../../platform/invitations.js';
import { hashSecret, newSecret } from '../../platform/auth/tokens.js';
import { isUniqueViolation, type Platform } from '../../platform/context.js';
import { AppError, invalidFields, notFound } from '../../platform/errors.js';
import { countryName, isLocale, translate, type Locale } from '../../platform/i18n/index.js';
import type { AgreementsService } from '../enrollment/agreements.js';
import type { EnrollmentService } from '../enrollment/service.js';
import { tenants } from '../identity/schema.js';
import type { IdentityService } from '../identity/service.js';
import type { MarketsService } from '../markets/service.js';
import { invitationDays, invitationStatus, type InvitationStatus } from '../relationships/rules.js';
import type { RelationshipsService } from '../relationships/service.js';
import { activeRoles, delegatedAdminProblems, isPartnerTenant, sweepDecision } from './rules.js';
import { customerInvitations, customerProfiles, customerRelationships, delegatedAdminRelationships, type DelegatedAdminRequest } from './schema.js';

export type CustomerInvitationRow = typeof customerInvitations.$inferSelect;
type DarRow = typeof delegatedAdminRelationships.$inferSelect;

export const customerInvitationTypes = ['resellerOnly', 'resellerAndProvider'] as const;

export function customersService(
  platform: Platform,
  deps: { identity: IdentityService; enrollment: EnrollmentService; markets: MarketsService; relationships: RelationshipsService; agreements: AgreementsService },
) {
  const { db, config } = platform;
  const { identity, enrollment, markets, relationships, agreements } = deps;
  /** Set by commerce: does this partner still have active subscriptions for the customer? (CUS-7) */
  let activeSubscriptionsOf: (customerTenantId: string, partnerTenantId: string) => Promise<number> = async () => 0;

  const linkOf = (token: string) => `${config.publicUrl}/invitations/customer/${token}`;

  // ------------------------------------------------------------------------------------------
  // CUS-1, CUS-2 invitations

  function invitationView(row: CustomerInvitationRow, extra: { link?: string; draftEmail?: { subject: string; body: string } } = {}) {
    return {
      id: row.id,
      type: row.type,
      resellerTenantId: row.resellerTenantId,
      providerTenantId: row.providerTenantId,
      providerRelationshipId: row.providerRelationshipId,
      email: row.email,
      locale: row.locale,
      delegatedAdmin: row.delegatedAdmin ?? null,
      status: invitationStatus(row, new Date()),
      expiresAt: row.expiresAt.toISOString(),
      acceptedAt: row.acceptedAt?.toISOString() ?? null,
      acceptedByTenantId: row.acceptedByTenantId,
      sentAt: row.sentAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      ...extra,
    };
  }

  async function requireActiveReseller(tenantId: string) {
    const standing = await enrollment.standing(tenantId, 'indirectReseller');
    if (standing.enrollmentStatus !== 'active') throw new AppError('reseller_not_active');
    return standing;
  }

  async function createInvitation(
    ctx: RequestContext,
    input: { type: (typeof customerInvitationTypes)[number]; providerRelationshipId?: string; email?: string; locale?: Locale; delegatedAdmin?: DelegatedAdminRequest },
  ) {
    const actor = ctx.actor!;
    if (input.delegatedAdmin) {
      const problems = delegatedAdminProblems(input.delegatedAdmin, '/delegatedAdmin');
      if (problems.length) throw invalidFields(...problems);
    }
    await requireActiveReseller(actor.tenantId);
    let providerTenantId: string | null = null;
    if (input.type === 'resellerAndProvider') {
      if (!input.providerRelationshipId) throw invalidFields({ path: '/providerRelationshipId', code: 'required' });
      const relationship = await relationships.getRelationship(actor, input.providerRelationshipId).catch(() => undefined);
      if (!relationship || relationship.resellerTenantId !== actor.tenantId || relationship.state !== 'active') throw new AppError('provider_relationship_invalid');
      providerTenantId = relationship.providerTenantId;
    }
    const token = newSecret('cci');
    const locale = input.locale ?? ctx.locale;
    const row = await platform.transaction(async (tx) => {
      const [created] = await tx
        .insert(customerInvitations)
        .values({
          type: input.type,
          resellerTenantId: actor.tenantId,
          providerTenantId,
          providerRelationshipId: input.type === 'resellerAndProvider' ? input.providerRelationshipId! : null,
          createdByUserId: actor.userId,
          email: input.email?.trim() ?? null,
          locale,
          delegatedAdmin: input.delegatedAdmin ?? null,
          tokenHash: hashSecret(token),
          expiresAt: new Date(Date.now() + invitationDays * 86_400_000),
        })
        .returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'customerInvitation.created', resourceType: 'customerInvitation', resourceId: created!.id, after: invitationView(created!) });
      return created!;
    });
    const link = linkOf(token);
    const reseller = await identity.getTenant(actor.tenantId);
    const provider = providerTenantId ? await identity.getTenant(providerTenantId) : undefined;
    const params = {
      reseller: reseller!.name,
      withProvider: provider ? translate(locale, 'mail.customerInvitation.withProvider', { provider: provider.name }) : '',
      link,
      days: invitationDays,
      sender: actor.displayName,
    };
    return invitationView(row, {
      link,
      draftEmail: { subject: translate(locale, 'mail.customerInvitation.subject', params), body: translate(locale, 'mail.customerInvitation.body', params) },
    });
  }

  async function ownInvitation(q: Queryable, actor: Actor, id: string, lock = false) {
    const select = q.select().from(customerInvitations).where(eq(customerInvitations.id, id));
    const [row] = lock ? await select.for('update') : await select;
    if (!row || row.resellerTenantId !== actor.tenantId) throw notFound('customerInvitation');
    return row;
  }


  async function sendInvitation(ctx: RequestContext, id: string, input: { to: string; subject: string; body: string }) {
    const actor = ctx.actor!;
    const recipient = await identity.findUserByEmail(input.to);
    return platform.transaction(async (tx) => {
      const row = await ownInvitation(tx, actor, id, true);
      refuseUnusable(invitationStatus(row, new Date()));
      if (!draftKeepsLink(input.body, config.publicUrl, 'customer', row.tokenHash)) {
        throw new AppError('invitation_link_missing', {}, [{ path: '/body', code: 'invitation_link_missing' }]);
      }
      await platform.mailer.enqueue(tx, {
        template: 'customerInvitation',
        locale: isLocale(row.locale) ? row.locale : 'en',
        to: input.to,
        recipientUserId: recipient?.id ?? null,
        tenantId: actor.tenantId,
        params: {},
        content: { subject: input.subject, text: input.body },
      });
      const [after] = await tx.update(customerInvitations).set({ sentAt: new Date(), email: input.to }).where(eq(customerInvitations.id, id)).returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'customerInvitation.sent', resourceType: 'customerInvitation', resourceId: id, after: { to: input.to, subject: input.subject } });
      return invitationView(after!);
    });
  }

  async function listInvitations(actor: Actor, query: { status?: InvitationStatus; size: number; after?: { at: Date; id: string } }) {
    const now = new Date();
    const filters: SQL[] = [eq(customerInvitations.resellerTenantId, actor.tenantId)];
    if (query.status) filters.push(statusFilter(customerInvitations, query.status, now));
    const where = and(...filters);
    const page = query.after ? or(lt(customerInvitations.createdAt, query.after.at), and(eq(customerInvitations.createdAt, query.after.at), lt(customerInvitations.id, query.after.id))) : undefined;
    const [items, [count]] = await Promise.all([
      db.select().from(customerInvitations).where(and(where, page)).orderBy(desc(customerInvitations.createdAt), desc(customerInvitations.id)).limit(query.size + 1),
      db.select({ n: sql<number>`count(*)::int` }).from(customerInvitations).where(where),
    ]);
    return { items, totalCount: count?.n ?? 0 };
  }

  async function revokeInvitation(ctx: RequestContext, id: string) {
    const actor = ctx.actor!;
    await platform.transaction(async (tx) => {
      const row = await ownInvitation(tx, actor, id, true);
      refuseUnusable(invitationStatus(row, new Date()));
      const [after] = await tx.update(customerInvitations).set({ revokedAt: new Date() }).where(eq(customerInvitations.id, id)).returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'customerInvitation.revoked', resourceType: 'customerInvitation', resourceId: id, before: invitationView(row), after: invitationView(after!) });
    });
  }

  async function invitationByToken(q: Queryable, token: string, lock = false) {
    if (token.length > 200) throw notFound('invitation');
    const select = q.select().from(customerInvitations).where(eq(customerInvitations.tokenHash, hashSecret(token)));
    const [row] = lock ? await select.for('update') : await select;
    if (!row) throw notFound('invitation');
    return row;
  }

  /** CUS-3: who asks for what (no sign-in needed). */
  async function describeInvitation(token: string, locale: Locale) {
    const row = await invitationByToken(db, token);
    refuseUnusable(invitationStatus(row, new Date()));
    const party = async (tenantId: string) => {
      const tenant = await identity.getTenant(tenantId);
      const country = await enrollment.contactCountry(tenantId);
      return { tenantId, name: tenant!.name, country, countryName: countryName(country, locale) };
    };
    const agreement = await agreements.current('customerAgreement');
    return {
      type: row.type,
      reseller: { ...(await party(row.resellerTenantId)), canDo: ['manageSubscriptions', 'manageLicenses', 'manageUsers', 'placeOrders'] },
      provider: row.providerTenantId ? { ...(await party(row.providerTenantId)), canDo: ['placeOrders', 'manageSubscriptions'] } : null,
      delegatedAdmin: row.delegatedAdmin ?? null,
      customerAgreementTemplateId: agreement?.id ?? null,
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  /** CUS-2, CUS-3, MKT-3: a customer's global admin accepts; one transaction creates every relationship. */
  async function acceptInvitation(ctx: RequestContext, token: string, input: { confirm: boolean }) {
    const actor = ctx.actor!;
    const preview = await invitationByToken(db, token);
    refuseUnusable(invitationStatus(preview, new Date()));
    if (input.confirm !== true) throw new AppError('confirmation_required', {}, [{ path: '/confirm', code: 'const', params: { value: true } }]);
    // Partner suspension: a suspended partner's pending invitations cannot be accepted.
    const inviters: [string | null, 'indirectReseller' | 'indirectProvider'][] = [[preview.resellerTenantId, 'indirectReseller'], [preview.providerTenantId, 'indirectProvider']];
    for (const [tenantId, program] of inviters) {
      if (tenantId && (await enrollment.standing(tenantId, program)).enrollmentStatus === 'suspended') throw new AppError('partner_suspended');
    }
    if (isPartnerTenant(await identity.memberships(actor.tenantId))) throw new AppError('not_a_customer_tenant');
    const agreement = await agreements.current('customerAgreement');
    if (agreement && !(await agreements.acceptancesOf(actor.tenantId)).some((a) => a.templateId === agreement.id)) throw new AppError('customer_agreement_required');
    const customer = (await identity.getTenant(actor.tenantId))!;
    const resellerCountry = await enrollment.contactCountry(preview.resellerTenantId);
    if (!(await markets.sameRegion(customer.country, resellerCountry))) throw new AppError('region_mismatch'); // MKT-3
    if (preview.providerTenantId && !(await markets.sameRegion(customer.country, await enrollment.contactCountry(preview.providerTenantId)))) throw new AppError('region_mismatch');
    const now = new Date();
    try {
      return await platform.transaction(async (tx) => {
        const invitation = await invitationByToken(tx, token, true);
        refuseUnusable(invitationStatus(invitation, now));
        const created = [await relate(tx, ctx, actor.tenantId, invitation.resellerTenantId, 'reseller', null)];
        if (invitation.providerTenantId) created.push(await relate(tx, ctx, actor.tenantId, invitation.providerTenantId, 'provider', invitation.resellerTenantId));
        if (invitation.delegatedAdmin) {
          await insertDelegatedAdmin(tx, ctx, { customerTenantId: actor.tenantId, partnerTenantId: invitation.resellerTenantId, ...invitation.delegatedAdmin, status: 'active', now });
        }
        await identity.setMembershipIn(tx, ctx, actor.tenantId, 'customer', 'active');
        await tx.update(customerInvitations).set({ acceptedAt: now, acceptedByTenantId: actor.tenantId }).where(eq(customerInvitations.id, invitation.id));
        const inviter = await identity.findUser(invitation.createdByUserId, tx);
        if (inviter) {
          const locale = isLocale(inviter.language) ? inviter.language : 'en';
          await platform.mailer.enqueue(tx, {
            template: 'customerAccepted',
            locale,
            to: inviter.email,
            recipientUserId: inviter.id,
            tenantId: inviter.tenantId,
            params: { customer: customer.name, country: countryName(customer.country, locale), url: `${config.publicUrl}/customers` },
          });
        }
        return { customerTenantId: actor.tenantId, relationships: created.map((r) => ({ id: r.id, partnerTenantId: r.partnerTenantId, role: r.role })) };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('invitation_used');
      throw error;
    }
  }

  /** A customer relationship (idempotent: an existing active one is kept). */
  async function relate(tx: Queryable, ctx: RequestContext, customerTenantId: string, partnerTenantId: string, role: 'reseller' | 'provider', resellerTenantId: string | null) {
    const [existing] = await tx
      .select()
      .from(customerRelationships)
      .where(and(eq(customerRelationships.customerTenantId, customerTenantId), eq(customerRelationships.partnerTenantId, partnerTenantId), eq(customerRelationships.state, 'active')));
    if (existing) return existing;
    const [row] = await tx
      .insert(customerRelationships)
      .values({ customerTenantId, partnerTenantId, role, resellerTenantId, customerName: sql`(select name from tenants where id = ${customerTenantId})` })
      .returning();
    await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'customerRelationship.created', resourceType: 'customerRelationship', resourceId: row!.id, after: row });
    return row!;
  }

  // ------------------------------------------------------------------------------------------
  // CUS-4, REL-7 lists; CUS-5 creating; CUS-7 removing

  const customerColumns = {
    id: tenants.id,
    companyName: tenants.name,
    country: tenants.country,
    primaryDomain: tenants.primaryDomain,
    createdAt: isoText(tenants.createdAt),
  };

  async function withRelationships<T extends { id: string }>(rows: T[]) {
    if (rows.length === 0) return [];
    const links = await db
      .select({ customerTenantId: customerRelationships.customerTenantId, partnerTenantId: customerRelationships.partnerTenantId, role: customerRelationships.role })
      .from(customerRelationships)
      .where(and(inArray(customerRelationships.customerTenantId, rows.map((r) => r.id)), eq(customerRelationships.state, 'active')));
    return rows.map((r) => ({ ...r, relationships: links.filter((l) => l.customerTenantId === r.id).map((l) => ({ partnerTenantId: l.partnerTenantId, role: l.role })) }));
  }

  /**
   * Constants in prepared statements are written into the SQL, not bound: a generic plan can then use
   * the partial indexes on active relationships.
   */
  const activeState = sql`'active'`;

  /**
   * A customer's active relationships, as a JSON array (one correlated subquery, no second round trip).
   * The outer column is spelled out: Drizzle leaves columns unqualified in single-table selects.
   */
  const relationshipsOfCustomer = sql<{ partnerTenantId: string; role: string }[]>`(select coalesce(json_agg(json_build_object('partnerTenantId', l.partner_tenant_id, 'role', l.role)), '[]'::json) from customer_relationships l where l.customer_tenant_id = "tenants"."id" and l.state = 'active')`;

  /**
   * A reseller's customers; a provider's customers, optionally of one reseller. Pages are ranges of
   * (partner, customer name, customer ID); the unfiltered total is the count the trigger keeps. The page,
   * each customer's relationships and the total come back from one prepared statement.
   */
  const customerPage = preparedByShape('customers_page', (shape: { q: boolean; reseller: boolean; after: boolean }, name) => {
    const partner = sql.placeholder('partner');
    const filters: SQL[] = [eq(customerRelationships.partnerTenantId, partner), eq(customerRelationships.state, activeState)];
    if (shape.reseller) filters.push(eq(customerRelationships.resellerTenantId, sql.placeholder('reseller')));
    if (shape.q) filters.push(ilike(customerRelationships.customerName, sql.placeholder('q')));
    if (shape.after) filters.push(sql`(${customerRelationships.customerName}, ${customerRelationships.customerTenantId}) > (${sql.placeholder('afterName')}, ${sql.placeholder('afterId')})`);
    const total =
      shape.q || shape.reseller
        ? sql<number>`(select count(*)::int from customer_relationships c where c.partner_tenant_id = ${partner} and c.state = 'active'${
            shape.reseller ? sql` and c.reseller_tenant_id = ${sql.placeholder('reseller')}` : sql``
          }${shape.q ? sql` and c.customer_name ilike ${sql.placeholder('q')}` : sql``})`
        : sql<number>`(select k.active from partner_customer_counts k where k.partner_tenant_id = ${partner})`;
    return db
      .select({ ...customerColumns, relationships: relationshipsOfCustomer, total })
      .from(customerRelationships)
      .innerJoin(tenants, eq(tenants.id, customerRelationships.customerTenantId))
      .where(and(...filters))
      .orderBy(asc(customerRelationships.customerName), asc(customerRelationships.customerTenantId))
      .limit(sql.placeholder('limit'))
      .prepare(name);
  });

  async function listCustomers(actor: Actor, query: { q?: string; resellerTenantId?: string; size: number; after?: { name: string; tenantId: string } }) {
    const shape = { q: !!query.q, reseller: !!query.resellerTenantId };
    const values = {
      partner: actor.tenantId,
      reseller: query.resellerTenantId,
      q: query.q ? `%${escapeLike(query.q)}%` : undefined,
      afterName: query.after?.name,
      afterId: query.after?.tenantId,
    };
    const rows = await customerPage({ ...shape, after: !!query.after }).execute({ ...values, limit: query.size + 1 });
    // Past the last page no row carries the total: the first page's first row does.
    const first = rows.length || !query.after ? rows : await customerPage({ ...shape, after: false }).execute({ ...values, limit: 1 });
    return { items: rows.map(({ total: _total, ...customer }) => customer), totalCount: first[0]?.total ?? 0 };
  }

  const activeRelationship = db
    .select()
    .from(customerRelationships)
    .where(and(eq(customerRelationships.customerTenantId, sql.placeholder('customer')), eq(customerRelationships.partnerTenantId, sql.placeholder('partner')), eq(customerRelationships.state, activeState)))
    .prepare('customer_relationship_active');
  /** The partner's active relationship with a customer, if there is one. */
  async function relationshipWith(q: Queryable, partnerTenantId: string, customerTenantId: string) {
    if (q === db) return (await activeRelationship.execute({ partner: partnerTenantId, customer: customerTenantId }))[0];
    const [row] = await q
      .select()
      .from(customerRelationships)
      .where(and(eq(customerRelationships.customerTenantId, customerTenantId), eq(customerRelationships.partnerTenantId, partnerTenantId), eq(customerRelationships.state, 'active')));
    return row;
  }

  /** "Not found" unless the actor is the customer or has an active relationship with it. */
  async function requireVisible(actor: Actor, customerTenantId: string) {
    if (actor.tenantId !== customerTenantId && !(await relationshipWith(db, actor.tenantId, customerTenantId))) throw notFound('customer');
  }

  const customerById = db
    .select({ ...customerColumns, relationships: relationshipsOfCustomer })
    .from(tenants)
    .where(eq(tenants.id, sql.placeholder('id')))
    .prepare('customer_by_id');

  /** A customer the actor may see: its own tenant, or one it has an active relationship with. */
  async function visibleCustomer(actor: Actor, customerTenantId: string) {
    await requireVisible(actor, customerTenantId);
    const [row] = await customerById.execute({ id: customerTenantId });
    if (!row) throw notFound('customer');
    return row;
  }

  /** REL-7: the customers a reseller shares with one of its providers. */
  async function sharedCustomers(actor: Actor, relationshipId: string) {
    const relationship = await relationships.getRelationship(actor, relationshipId);
    const mine = customerRelationships;
    const rows = await db
      .select(customerColumns)
      .from(mine)
      .innerJoin(tenants, eq(tenants.id, mine.customerTenantId))
      .where(
        and(
          eq(mine.partnerTenantId, relationship.providerTenantId),
          eq(mine.resellerTenantId, relationship.resellerTenantId),
          eq(mine.state, 'active'),
          sql`exists (select 1 from customer_relationships r where r.customer_tenant_id = ${mine.customerTenantId} and r.partner_tenant_id = ${relationship.resellerTenantId} and r.state = 'active')`,
        ),
      )
      .orderBy(asc(tenants.name));
    return withRelationships(rows);
  }

  /** CUS-5: the provider creates a customer for one of its resellers. */
  async function createCustomer(
    ctx: RequestContext,
    input: {
      resellerTenantId: string;
      companyName: string;
      country: string;
      domainPrefix?: string;
      billingProfile: { firstName: string; lastName: string; email: string; address: Record<string, unknown>; language: Locale };
      admin: { firstName: string; lastName: string; email: string };
    },
  ) {
    const actor = ctx.actor!;
    // CUS-5: the customer is billed in its own country.
    if (input.billingProfile.address.country !== input.country) {
      throw invalidFields({ path: '/billingProfile/address/country', code: 'billing_country_mismatch', params: { country: input.country } });
    }
    const provider = await enrollment.standing(actor.tenantId, 'indirectProvider');
    if (provider.enrollmentStatus !== 'active') throw new AppError('provider_not_active');
    if ((await relationships.activeBetween([actor.tenantId], input.resellerTenantId)).length === 0) throw new AppError('provider_not_authorized_by_reseller');
    // A suspended reseller signs no new customer relationships.
    if ((await enrollment.standing(input.resellerTenantId, 'indirectReseller')).enrollmentStatus === 'suspended') throw new AppError('partner_suspended');
    if (!(await markets.sameRegion(input.country, await enrollment.contactCountry(actor.tenantId)))) throw new AppError('region_mismatch'); // MKT-3
    return platform.transaction(async (tx) => {
      const created = await identity.insertCustomerTenant(tx, ctx, {
        organizationName: input.companyName,
        country: input.country,
        domainPrefix: input.domainPrefix,
        admin: { displayName: `${input.admin.firstName} ${input.admin.lastName}`, email: input.admin.email, language: input.billingProfile.language },
      });
      await tx.insert(customerProfiles).values({ tenantId: created.tenant.id, billingProfile: input.billingProfile });
      await relate(tx, ctx, created.tenant.id, input.resellerTenantId, 'reseller', null);
      await relate(tx, ctx, created.tenant.id, actor.tenantId, 'provider', input.resellerTenantId);
      return { customer: { id: created.tenant.id, companyName: created.tenant.name, country: created.tenant.country, primaryDomain: created.tenant.primaryDomain }, admin: { ...created.user, temporaryPassword: created.temporaryPassword } };
    });
  }

  /** CUS-7: only once this partner's subscriptions for the customer are suspended. */
  async function removeRelationship(ctx: RequestContext, customerTenantId: string) {
    const actor = ctx.actor!;
    const row = await relationshipWith(db, actor.tenantId, customerTenantId);
    if (!row) throw notFound('customer');
    if ((await activeSubscriptionsOf(customerTenantId, actor.tenantId)) > 0) throw new AppError('subscriptions_not_suspended');
    await platform.transaction(async (tx) => {
      const [after] = await tx.update(customerRelationships).set({ state: 'removed', removedAt: new Date() }).where(and(eq(customerRelationships.id, row.id), eq(customerRelationships.state, 'active'))).returning();
      if (!after) throw notFound('customer');
      await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'customerRelationship.removed', resourceType: 'customerRelationship', resourceId: row.id, before: row, after });
    });
  }

  // ------------------------------------------------------------------------------------------
  // Delegated admin (granular, time-bound)

  function darView(r: DarRow) {
    return {
      id: r.id,
      customerTenantId: r.customerTenantId,
      partnerTenantId: r.partnerTenantId,
      roles: r.roles,
      durationDays: r.durationDays,
      autoExtend: r.autoExtend,
      status: r.status,
      activatedAt: r.activatedAt?.toISOString() ?? null,
      endsAt: r.endsAt?.toISOString() ?? null,
      terminatedAt: r.terminatedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    };
  }

  async function insertDelegatedAdmin(
    tx: Queryable,
    ctx: RequestContext,
    input: { customerTenantId: string; partnerTenantId: string; roles: string[]; durationDays: number; autoExtend: boolean; status: 'active' | 'approvalPending'; now: Date; approvalTokenHash?: string },
  ) {
    const active = input.status === 'active';
    const [row] = await tx
      .insert(delegatedAdminRelationships)
      .values({
        customerTenantId: input.customerTenantId,
        partnerTenantId: input.partnerTenantId,
        roles: [...new Set(input.roles)],
        durationDays: input.durationDays,
        autoExtend: input.autoExtend,
        status: input.status,
        approvalTokenHash: input.approvalTokenHash ?? null,
        activatedAt: active ? input.now : null,
        endsAt: active ? new Date(input.now.getTime() + input.durationDays * 86_400_000) : null,
      })
      .returning();
    await writeAudit(tx, ctx, { tenantId: input.customerTenantId, action: `delegatedAdmin.${input.status}`, resourceType: 'delegatedAdminRelationship', resourceId: row!.id, after: darView(row!) });
    return row!;
  }

  async function listDelegatedAdmin(actor: Actor, customerTenantId: string) {
    await requireVisible(actor, customerTenantId);
    const mineOnly = actor.tenantId === customerTenantId ? undefined : eq(delegatedAdminRelationships.partnerTenantId, actor.tenantId);
    const rows = await db
      .select()
      .from(delegatedAdminRelationships)
      .where(and(eq(delegatedAdminRelationships.customerTenantId, customerTenantId), mineOnly))
      .orderBy(desc(delegatedAdminRelationships.createdAt));
    return rows.map(darView);
  }

  /** A partner asks for roles later: pending until a global admin of the customer approves through the emailed link. */
  async function requestDelegatedAdmin(ctx: RequestContext, customerTenantId: string, input: DelegatedAdminRequest) {
    const actor = ctx.actor!;
    const problems = delegatedAdminProblems(input, '');
    if (problems.length) throw invalidFields(...problems);
    if (!(await relationshipWith(db, actor.tenantId, customerTenantId))) throw notFound('customer');
    const token = newSecret('cca');
    const [partner, customer] = [await identity.getTenant(actor.tenantId), await identity.getTenant(customerTenantId)];
    return platform.transaction(async (tx) => {
      const row = await insertDelegatedAdmin(tx, ctx, { customerTenantId, partnerTenantId: actor.tenantId, ...input, status: 'approvalPending', now: new Date(), approvalTokenHash: hashSecret(token) });
      for (const admin of await identity.globalAdminsOf(customerTenantId, tx)) {
        const locale = isLocale(admin.language) ? admin.language : 'en';
        await platform.mailer.enqueue(tx, {
          template: 'delegatedAdminRequest',
          locale,
          to: admin.email,
          recipientUserId: admin.id,
          tenantId: customerTenantId,
          params: { name: admin.displayName, partner: partner!.name, customer: customer!.name, days: input.durationDays, roles: input.roles.join(', '), link: `${config.publicUrl}/delegated-admin/approve?token=${token}` },
        });
      }
      return darView(row);
    });
  }

  /** The customer's global admin approves a pending request (the emailed single-use link). */
  async function approveDelegatedAdmin(ctx: RequestContext, token: string) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const [row] = await tx.select().from(delegatedAdminRelationships).where(eq(delegatedAdminRelationships.approvalTokenHash, hashSecret(token))).for('update');
      if (!row || row.customerTenantId !== actor.tenantId) throw notFound('delegatedAdminRelationship');
      if (row.status !== 'approvalPending' || Date.now() - row.createdAt.getTime() > invitationDays * 86_400_000) throw new AppError('invitation_used');
      const now = new Date();
      const [after] = await tx
        .update(delegatedAdminRelationships)
        .set({ status: 'active', activatedAt: now, endsAt: new Date(now.getTime() + row.durationDays * 86_400_000), approvalTokenHash: null })
        .where(eq(delegatedAdminRelationships.id, row.id))
        .returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'delegatedAdmin.active', resourceType: 'delegatedAdminRelationship', resourceId: row.id, before: darView(row), after: darView(after!) });
      return darView(after!);
    });
  }

  /** The customer's view of its partners: role, delegated-admin roles, end dates. */
  async function partnerRelationshipsOf(customerTenantId: string) {
    const rows = await db
      .select({ relationship: customerRelationships, name: tenants.name, country: tenants.country })
      .from(customerRelationships)
      .innerJoin(tenants, eq(tenants.id, customerRelationships.partnerTenantId))
      .where(and(eq(customerRelationships.customerTenantId, customerTenantId), eq(customerRelationships.state, 'active')))
      .orderBy(asc(tenants.name));
    const dars = await db.select().from(delegatedAdminRelationships).where(eq(delegatedAdminRelationships.customerTenantId, customerTenantId));
    return rows.map((r) => ({
      id: r.relationship.id,
      partnerTenantId: r.relationship.partnerTenantId,
      name: r.name,
      country: r.country,
      role: r.relationship.role,
      createdAt: r.relationship.createdAt.toISOString(),
      delegatedAdmin: dars.filter((d) => d.partnerTenantId === r.relationship.partnerTenantId && ['active', 'approvalPending'].includes(d.status)).map(darView),
    }));
  }

  /** The customer ends a partner's delegated admin (the reseller relationship stays, CUS-7). */
  async function terminateDelegatedAdmin(ctx: RequestContext, relationshipId: string) {
    const actor = ctx.actor!;
    await platform.transaction(async (tx) => {
      const [relationship] = await tx.select().from(customerRelationships).where(eq(customerRelationships.id, relationshipId));
      if (!relationship || relationship.customerTenantId !== actor.tenantId) throw notFound('partnerRelationship');
      const ended = await tx
        .update(delegatedAdminRelationships)
        .set({ status: 'terminated', terminatedAt: new Date() })
        .where(
          and(
            eq(delegatedAdminRelationships.customerTenantId, actor.tenantId),
            eq(delegatedAdminRelationships.partnerTenantId, relationship.partnerTenantId),
            inArray(delegatedAdminRelationships.status, ['active', 'approvalPending']),
          ),
        )
        .returning();
      for (const row of ended) {
        await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'delegatedAdmin.terminated', resourceType: 'delegatedAdminRelationship', resourceId: row.id, after: darView(row) });
      }
    });
  }

  /** CUS-4: the delegated-admin roles a partner holds in a customer's tenant now (active relationships only). */
  async function delegatedRolesOf(partnerTenantId: string, customerTenantId: string, now = new Date()): Promise<string[]> {
    const rows = await db
      .select()
      .from(delegatedAdminRelationships)
      .where(and(eq(delegatedAdminRelationships.customerTenantId, customerTenantId), eq(delegatedAdminRelationships.partnerTenantId, partnerTenantId), eq(delegatedAdminRelationships.status, 'active')));
    return [...activeRoles(rows, now)];
  }

  /**
   * ACC-2: may the actor do this in the customer's tenant? Its own users by the permission table; a
   * partner only with an active relationship (404 otherwise) and through the delegated-role table for
   * the roles the customer granted it (403 `delegated_role_missing`). Returns the relation for the grant
   * check of user changes.
   */
  async function requireDelegated(actor: Actor, customerTenantId: string, permission: Permission, now = new Date()): Promise<TenantRelation | undefined> {
    if (actor.tenantId === customerTenantId) {
      requirePermission(actor, permission);
      return undefined;
    }
    if (!(await relationshipWith(db, actor.tenantId, customerTenantId))) throw notFound('customer');
    const relation: TenantRelation = { adminAccess: false, delegatedRoles: await delegatedRolesOf(actor.tenantId, customerTenantId, now) };
    if (!can(actor, permission, customerTenantId, relation)) throw new AppError('delegated_role_missing');
    return relation;
  }

  /** The scheduled sweep: expire ended relationships, extend the auto-extending ones by 180 days. */
  async function sweepDelegatedAdmin(now = new Date()) {
    const due = await db
      .select()
      .from(delegatedAdminRelationships)
      .where(and(eq(delegatedAdminRelationships.status, 'active'), lt(delegatedAdminRelationships.endsAt, now)));
    const ctx: RequestContext = { requestId: 'delegated-admin-sweep', locale: 'en' };
    let changed = 0;
    for (const row of due) {
      const decision = sweepDecision(row, now);
      if (decision.action === 'none') continue;
      await platform.transaction(async (tx) => {
        const set = decision.action === 'extend' ? { endsAt: decision.endsAt } : { status: 'expired' };
        const [after] = await tx
          .update(delegatedAdminRelationships)
          .set(set)
          .where(and(eq(delegatedAdminRelationships.id, row.id), eq(delegatedAdminRelationships.status, 'active')))
          .returning();
        if (after) {
          changed++;
          await writeAudit(tx, ctx, { tenantId: row.customerTenantId, action: decision.action === 'extend' ? 'delegatedAdmin.extended' : 'delegatedAdmin.expired', resourceType: 'delegatedAdminRelationship', resourceId: row.id, before: darView(row), after: darView(after) });
        }
      });
    }
    return changed;
  }

  return {
    createInvitation,
    sendInvitation,
    listInvitations,
    invitationView,
    revokeInvitation,
    describeInvitation,
    acceptInvitation,
    listCustomers,
    visibleCustomer,
    requireVisible,
    sharedCustomers,
    createCustomer,
    removeRelationship,
    listDelegatedAdmin,
    requestDelegatedAdmin,
    approveDelegatedAdmin,
    partnerRelationshipsOf,
    terminateDelegatedAdmin,
    requireDelegated,
    delegatedRolesOf,
    sweepDelegatedAdmin,
    relationshipWith: (partnerTenantId: string, customerTenantId: string) => relationshipWith(db, partnerTenantId, customerTenantId),
    /** Commerce tells customers how to count a partner's active subscriptions (CUS-7). */
    useSubscriptionCount(count: typeof activeSubscriptionsOf) {
      activeSubscriptionsOf = count;
    },
  };
}

export type CustomersService = ReturnType<typeof customersService>;
