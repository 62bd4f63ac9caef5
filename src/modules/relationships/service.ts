// Provider ↔ reseller: the provider directory (REL-1), invitations (REL-2), "Authorize indirect
// provider" (REL-3, REL-4, REL-6), both sides' lists (REL-5), admin access and ending (REL-8).
import { and, desc, eq, getTableColumns, lt, or, sql, type SQL } from 'drizzle-orm';
import { arrayLiteral, preparedByShape, type Queryable } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import { writeAudit, type RequestContext } from '../../platform/audit.js';
import { draftKeepsLink, refuseUnusable, statusFilter } from '../../platform/invitations.js';
import { hashSecret, newSecret } from '../../platform/auth/tokens.js';
import { isUniqueViolation, type Platform } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { countryName, isLocale, translate, type Locale } from '../../platform/i18n/index.js';
import type { EnrollmentService } from '../enrollment/service.js';
import type { IdentityService } from '../identity/service.js';
import type { MarketsService } from '../markets/service.js';
import { invitationDays, invitationStatus, isEnrolledReseller, resellerAuthorizationGrants, type InvitationStatus } from './rules.js';
import { partnerRelationships, resellerInvitations } from './schema.js';

export type InvitationRow = typeof resellerInvitations.$inferSelect;
export type RelationshipRow = typeof partnerRelationships.$inferSelect;

export const relationshipTypes = ['IsIndirectResellerOf', 'IsIndirectCloudSolutionProviderOf'] as const;
export type RelationshipType = (typeof relationshipTypes)[number];

export function relationshipsService(platform: Platform, deps: { identity: IdentityService; enrollment: EnrollmentService; markets: MarketsService }) {
  const { db, config } = platform;
  const { identity, enrollment, markets } = deps;

  const linkOf = (token: string) => `${config.publicUrl}/invitations/reseller/${token}`;

  // ------------------------------------------------------------------------------------------
  // REL-1 the provider directory

  async function providerDirectory(query: { country?: string; region?: string; service?: string; q?: string; size: number; after?: { name: string; tenantId: string } }, actor: Actor) {
    const region = query.region ?? (query.country ? await markets.regionOf(query.country) : await markets.regionOf(await enrollment.contactCountry(actor.tenantId)));
    const countries = region ? await markets.countriesOf(region) : [];
    const lookup = await markets.regionLookup();
    const page = await enrollment.activePartners({ program: 'indirectProvider', countries, service: query.service, q: query.q, size: query.size, after: query.after });
    return { ...page, items: page.items.map((p) => ({ ...p, region: lookup(p.country) ?? null, website: p.website ?? null, supportEmail: p.supportEmail ?? null, supportPhone: p.supportPhone ?? null })) };
  }

  // ------------------------------------------------------------------------------------------
  // REL-2 invitations

  async function requireActiveProvider(tenantId: string) {
    const standing = await enrollment.standing(tenantId, 'indirectProvider');
    if (standing.enrollmentStatus === 'suspended') throw new AppError('partner_suspended');
    if (standing.enrollmentStatus !== 'active') throw new AppError('not_an_active_provider');
    return standing;
  }

  /**
   * Who an invitation may name, where the invitee is known by its email: never the provider's own
   * organization (REL-6), never a suspended partner.
   */
  async function refuseInvitee(q: Queryable, providerTenantId: string, email: string, path: string) {
    const invitee = await identity.findUserByEmail(email.trim(), q);
    if (!invitee) return;
    if (invitee.tenantId === providerTenantId) throw new AppError('self_relationship', {}, [{ path, code: 'self_relationship' }]);
    if ((await enrollment.standing(invitee.tenantId, 'indirectReseller', q)).enrollmentStatus === 'suspended') {
      throw new AppError('partner_suspended', {}, [{ path, code: 'partner_suspended' }]);
    }
  }

  function invitationView(row: InvitationRow, extra: { link?: string; draftEmail?: { subject: string; body: string } } = {}) {
    return {
      id: row.id,
      providerTenantId: row.providerTenantId,
      email: row.email,
      locale: row.locale,
      status: invitationStatus(row, new Date()),
      expiresAt: row.expiresAt.toISOString(),
      acceptedAt: row.acceptedAt?.toISOString() ?? null,
      acceptedByTenantId: row.acceptedByTenantId,
      sentAt: row.sentAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      ...extra,
    };
  }

  async function draftFor(providerTenantId: string, locale: Locale, link: string, sender: string) {
    const tenant = await identity.getTenant(providerTenantId);
    const country = await enrollment.contactCountry(providerTenantId);
    const params = { provider: tenant!.name, country: countryName(country, locale), link, days: invitationDays, sender };
    return { subject: translate(locale, 'mail.resellerInvitation.subject', params), body: translate(locale, 'mail.resellerInvitation.body', params) };
  }

  /** The link (with its token) is returned once, with an editable draft email; only the token's hash is kept. */
  async function createInvitation(ctx: RequestContext, input: { email?: string; locale?: Locale }) {
    const actor = ctx.actor!;
    await requireActiveProvider(actor.tenantId);
    if (input.email) await refuseInvitee(db, actor.tenantId, input.email, '/email');
    const token = newSecret('cri');
    const locale = input.locale ?? ctx.locale;
    const row = await platform.transaction(async (tx) => {
      const [created] = await tx
        .insert(resellerInvitations)
        .values({
          providerTenantId: actor.tenantId,
          createdByUserId: actor.userId,
          email: input.email?.trim() ?? null,
          locale,
          tokenHash: hashSecret(token),
          expiresAt: new Date(Date.now() + invitationDays * 86_400_000),
        })
        .returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'resellerInvitation.created', resourceType: 'resellerInvitation', resourceId: created!.id, after: invitationView(created!) });
      return created!;
    });
    const link = linkOf(token);
    return invitationView(row, { link, draftEmail: await draftFor(actor.tenantId, locale, link, actor.displayName) });
  }

  async function ownInvitation(q: Queryable, actor: Actor, id: string, lock = false) {
    const select = q.select().from(resellerInvitations).where(eq(resellerInvitations.id, id));
    const [row] = lock ? await select.for('update') : await select;
    if (!row || row.providerTenantId !== actor.tenantId) throw notFound('resellerInvitation');
    return row;
  }


  /** Sends the (possibly edited) draft; its body must still hold the link. */
  async function sendInvitation(ctx: RequestContext, id: string, input: { to: string; subject: string; body: string }) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const row = await ownInvitation(tx, actor, id, true);
      refuseUnusable(invitationStatus(row, new Date()));
      if (!draftKeepsLink(input.body, config.publicUrl, 'reseller', row.tokenHash)) {
        throw new AppError('invitation_link_missing', {}, [{ path: '/body', code: 'invitation_link_missing' }]);
      }
      await refuseInvitee(tx, actor.tenantId, input.to, '/to');
      const recipient = await identity.findUserByEmail(input.to, tx);
      await platform.mailer.enqueue(tx, {
        template: 'resellerInvitation',
        locale: isLocale(row.locale) ? row.locale : 'en',
        to: input.to,
        recipientUserId: recipient?.id ?? null,
        tenantId: actor.tenantId,
        params: {},
        content: { subject: input.subject, text: input.body },
      });
      const [after] = await tx.update(resellerInvitations).set({ sentAt: new Date(), email: input.to }).where(eq(resellerInvitations.id, id)).returning();
      // The body holds the link's token: the audit keeps who sent it where, not the text.
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'resellerInvitation.sent', resourceType: 'resellerInvitation', resourceId: id, after: { to: input.to, subject: input.subject } });
      return invitationView(after!);
    });
  }

  async function listInvitations(actor: Actor, query: { status?: InvitationStatus; size: number; after?: { at: Date; id: string } }) {
    const now = new Date();
    const filters: SQL[] = [eq(resellerInvitations.providerTenantId, actor.tenantId)];
    if (query.status) filters.push(statusFilter(resellerInvitations, query.status, now));
    const where = and(...filters);
    const page = query.after
      ? or(lt(resellerInvitations.createdAt, query.after.at), and(eq(resellerInvitations.createdAt, query.after.at), lt(resellerInvitations.id, query.after.id)))
      : undefined;
    const [items, [count]] = await Promise.all([
      db.select().from(resellerInvitations).where(and(where, page)).orderBy(desc(resellerInvitations.createdAt), desc(resellerInvitations.id)).limit(query.size + 1),
      db.select({ n: sql<number>`count(*)::int` }).from(resellerInvitations).where(where),
    ]);
    return { items, totalCount: count?.n ?? 0 };
  }

  async function revokeInvitation(ctx: RequestContext, id: string) {
    const actor = ctx.actor!;
    await platform.transaction(async (tx) => {
      const row = await ownInvitation(tx, actor, id, true);
      refuseUnusable(invitationStatus(row, new Date()));
      const [after] = await tx.update(resellerInvitations).set({ revokedAt: new Date() }).where(eq(resellerInvitations.id, id)).returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'resellerInvitation.revoked', resourceType: 'resellerInvitation', resourceId: id, before: invitationView(row), after: invitationView(after!) });
    });
  }

  // ------------------------------------------------------------------------------------------
  // REL-3, REL-4, REL-6 accepting

  async function invitationByToken(q: Queryable, token: string, lock = false) {
    if (token.length > 200) throw notFound('invitation');
    const select = q.select().from(resellerInvitations).where(eq(resellerInvitations.tokenHash, hashSecret(token)));
    const [row] = lock ? await select.for('update') : await select;
    if (!row) throw notFound('invitation');
    return row;
  }

  /** What the reseller sees before authorizing (no sign-in needed). */
  async function describeInvitation(token: string, locale: Locale) {
    const row = await invitationByToken(db, token);
    refuseUnusable(invitationStatus(row, new Date()));
    const tenant = await identity.getTenant(row.providerTenantId);
    const country = await enrollment.contactCountry(row.providerTenantId);
    const attributes = await enrollment.getAttributes(row.providerTenantId);
    return {
      provider: {
        tenantId: row.providerTenantId,
        name: tenant!.name,
        country,
        countryName: countryName(country, locale),
        region: (await markets.regionOf(country)) ?? null,
        servicesOffered: attributes.servicesOffered,
      },
      grants: [...resellerAuthorizationGrants],
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  function relationshipView(row: RelationshipRow) {
    return {
      id: row.id,
      providerTenantId: row.providerTenantId,
      resellerTenantId: row.resellerTenantId,
      state: row.state,
      adminAccess: row.adminAccess,
      createdAt: row.createdAt.toISOString(),
      endedAt: row.endedAt?.toISOString() ?? null,
    };
  }

  /** "Authorize indirect provider": one winner however many accept at once (row lock + unique index). */
  async function authorizeIndirectProvider(ctx: RequestContext, token: string, input: { confirm: boolean }) {
    const actor = ctx.actor!;
    if (input.confirm !== true) throw new AppError('confirmation_required', {}, [{ path: '/confirm', code: 'const', params: { value: true } }]);
    // Everything read outside the transaction first (PGlite has one connection), then re-checked under the row lock.
    const preview = await invitationByToken(db, token);
    refuseUnusable(invitationStatus(preview, new Date()));
    if (preview.providerTenantId === actor.tenantId) throw new AppError('self_relationship'); // REL-6: a provider is never its own reseller
    const reseller = await enrollment.standing(actor.tenantId, 'indirectReseller');
    if (reseller.enrollmentStatus === 'suspended') throw new AppError('partner_suspended');
    if (!isEnrolledReseller(reseller.enrollmentStatus)) throw new AppError('not_enrolled_reseller'); // REL-6
    // A suspended provider's pending invitations cannot be accepted.
    const provider = await enrollment.standing(preview.providerTenantId, 'indirectProvider');
    if (provider.enrollmentStatus !== 'active') throw new AppError(provider.enrollmentStatus === 'suspended' ? 'partner_suspended' : 'not_an_active_provider');
    const sameRegion = await markets.sameRegion(await enrollment.contactCountry(preview.providerTenantId), await enrollment.contactCountry(actor.tenantId));
    if (!sameRegion) throw new AppError('region_mismatch'); // MKT-2, REL-6
    try {
      return await platform.transaction(async (tx) => {
        const invitation = await invitationByToken(tx, token, true);
        refuseUnusable(invitationStatus(invitation, new Date()));
        const [existing] = await tx
          .select({ id: partnerRelationships.id })
          .from(partnerRelationships)
          .where(and(eq(partnerRelationships.providerTenantId, invitation.providerTenantId), eq(partnerRelationships.resellerTenantId, actor.tenantId), eq(partnerRelationships.state, 'active')));
        if (existing) throw new AppError('already_authorized');
        const [relationship] = await tx
          .insert(partnerRelationships)
          .values({ providerTenantId: invitation.providerTenantId, resellerTenantId: actor.tenantId, invitationId: invitation.id })
          .returning();
        await tx.update(resellerInvitations).set({ acceptedAt: new Date(), acceptedByTenantId: actor.tenantId }).where(eq(resellerInvitations.id, invitation.id));
        await writeAudit(tx, ctx, {
          tenantId: actor.tenantId,
          action: 'relationship.created',
          resourceType: 'relationship',
          resourceId: relationship!.id,
          after: { ...relationshipView(relationship!), grants: resellerAuthorizationGrants },
        });
        // Both sides are told: the provider's inviting user and the reseller's authorizing user.
        const providerTenant = await identity.getTenant(invitation.providerTenantId, tx);
        const resellerTenant = await identity.getTenant(actor.tenantId, tx);
        const inviter = await identity.findUser(invitation.createdByUserId, tx);
        const params = { provider: providerTenant!.name, reseller: resellerTenant!.name };
        for (const [user, url] of [
          [inviter, `${config.publicUrl}/relationships/resellers`],
          [await identity.findUser(actor.userId, tx), `${config.publicUrl}/relationships/providers`],
        ] as const) {
          if (!user) continue;
          await platform.mailer.enqueue(tx, {
            template: 'relationshipCreated',
            locale: isLocale(user.language) ? user.language : 'en',
            to: user.email,
            recipientUserId: user.id,
            tenantId: user.tenantId,
            params: { ...params, url },
          });
        }
        return relationshipView(relationship!);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('already_authorized');
      throw error;
    }
  }

  // ------------------------------------------------------------------------------------------
  // REL-5 lists, REL-4 admin access, REL-8 ending

  /** A page of the caller's active relationships and their total: one prepared statement per shape. */
  const relationshipPage = preparedByShape('relationships_page', (shape: { asReseller: boolean; asProvider: boolean; after: boolean }, name) => {
    const caller = sql.placeholder('caller');
    const afterAt = sql.placeholder('afterAt');
    const mine: SQL[] = [];
    if (shape.asReseller) mine.push(eq(partnerRelationships.resellerTenantId, caller));
    if (shape.asProvider) mine.push(eq(partnerRelationships.providerTenantId, caller));
    const page = shape.after ? or(lt(partnerRelationships.createdAt, afterAt), and(eq(partnerRelationships.createdAt, afterAt), lt(partnerRelationships.id, sql.placeholder('afterId')))) : undefined;
    const sides = [shape.asReseller ? sql`r.reseller_tenant_id = ${caller}` : undefined, shape.asProvider ? sql`r.provider_tenant_id = ${caller}` : undefined].filter((side) => side !== undefined);
    const total = sql<number>`(select count(*)::int from partner_relationships r where (${sql.join(sides, sql` or `)}) and r.state = 'active')`;
    return db
      .select({ row: getTableColumns(partnerRelationships), total })
      .from(partnerRelationships)
      .where(and(or(...mine), eq(partnerRelationships.state, sql`'active'`), page))
      .orderBy(desc(partnerRelationships.createdAt), desc(partnerRelationships.id))
      .limit(sql.placeholder('limit'))
      .prepare(name);
  });

  async function listRelationships(actor: Actor, query: { relationshipType?: RelationshipType; size: number; after?: { at: Date; id: string } }) {
    const shape = { asReseller: query.relationshipType !== 'IsIndirectCloudSolutionProviderOf', asProvider: query.relationshipType !== 'IsIndirectResellerOf', after: !!query.after };
    const values = { caller: actor.tenantId, afterAt: query.after?.at, afterId: query.after?.id };
    const rows = await relationshipPage(shape).execute({ ...values, limit: query.size + 1 });
    // Past the last page no row carries the total: the first page's first row does.
    const first = rows.length || !query.after ? rows : await relationshipPage({ ...shape, after: false }).execute({ ...values, limit: 1 });
    return { items: await itemsFor(actor, rows.map((r) => r.row)), totalCount: first[0]?.total ?? 0 };
  }

  /** A relationship as one side sees it: the other side's name, PartnerID and country. */
  /** Relationships as one side sees them (the other side's name, PartnerID, country), in a fixed number of queries. */
  async function itemsFor(actor: Actor, rows: RelationshipRow[]) {
    const others = rows.map((row) => (row.resellerTenantId === actor.tenantId ? row.providerTenantId : row.resellerTenantId));
    const [tenantRows, summaries] = await Promise.all([identity.tenantsByIds(others), enrollment.partnerSummaries(others)]);
    return rows.map((row, index) => {
      const iAmReseller = row.resellerTenantId === actor.tenantId;
      const partnerTenantId = others[index]!;
      const tenant = tenantRows.get(partnerTenantId)!;
      const summary = summaries.get(partnerTenantId)!;
      return {
        ...relationshipView(row),
        partnerTenantId,
        name: tenant.name,
        partnerId: summary.partnerId,
        country: summary.legalCountry ?? tenant.country,
        // Seen from the reseller: it is an indirect reseller of the provider; from the provider the other way round.
        relationshipType: (iAmReseller ? 'IsIndirectResellerOf' : 'IsIndirectCloudSolutionProviderOf') as RelationshipType,
      };
    });
  }

  async function relationshipOfSide(q: Queryable, actor: Actor, id: string, lock = false) {
    const select = q.select().from(partnerRelationships).where(eq(partnerRelationships.id, id));
    const [row] = lock ? await select.for('update') : await select;
    if (!row || (row.providerTenantId !== actor.tenantId && row.resellerTenantId !== actor.tenantId)) throw notFound('relationship');
    return row;
  }

  async function getRelationship(actor: Actor, id: string) {
    return (await itemsFor(actor, [await relationshipOfSide(db, actor, id)]))[0]!;
  }

  /** REL-4: the reseller takes back the provider's admin access; the relationship stays. */
  async function removeAdminAccess(ctx: RequestContext, id: string) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const row = await relationshipOfSide(tx, actor, id, true);
      if (row.resellerTenantId !== actor.tenantId) throw new AppError('forbidden');
      if (row.state !== 'active') throw new AppError('relationship_ended');
      const [after] = await tx.update(partnerRelationships).set({ adminAccess: 'removed', adminAccessRemovedAt: new Date() }).where(eq(partnerRelationships.id, id)).returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'relationship.adminAccessRemoved', resourceType: 'relationship', resourceId: id, before: relationshipView(row), after: relationshipView(after!) });
      return after!;
    });
  }

  /** REL-8: either side ends it; customers and admin access on customers are not touched. */
  async function endRelationship(ctx: RequestContext, id: string) {
    const actor = ctx.actor!;
    await platform.transaction(async (tx) => {
      const row = await relationshipOfSide(tx, actor, id, true);
      if (row.state !== 'active') throw new AppError('relationship_ended');
      const [after] = await tx.update(partnerRelationships).set({ state: 'ended', endedAt: new Date(), endedByTenantId: actor.tenantId }).where(eq(partnerRelationships.id, id)).returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'relationship.ended', resourceType: 'relationship', resourceId: id, before: relationshipView(row), after: relationshipView(after!) });
      const otherTenantId = row.providerTenantId === actor.tenantId ? row.resellerTenantId : row.providerTenantId;
      const [me, other] = [await identity.getTenant(actor.tenantId, tx), await identity.getTenant(otherTenantId, tx)];
      for (const admin of await identity.globalAdminsOf(otherTenantId, tx)) {
        await platform.mailer.enqueue(tx, {
          template: 'relationshipEnded',
          locale: isLocale(admin.language) ? admin.language : 'en',
          to: admin.email,
          recipientUserId: admin.id,
          tenantId: otherTenantId,
          params: { endedBy: me!.name, other: other!.name },
        });
      }
    });
  }

  /** REL-4: does this provider hold admin access to this reseller's tenant right now? */
  async function hasAdminAccess(providerTenantId: string, resellerTenantId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: partnerRelationships.id })
      .from(partnerRelationships)
      .where(
        and(
          eq(partnerRelationships.providerTenantId, providerTenantId),
          eq(partnerRelationships.resellerTenantId, resellerTenantId),
          eq(partnerRelationships.state, 'active'),
          eq(partnerRelationships.adminAccess, 'granted'),
        ),
      );
    return row !== undefined;
  }

  const activeWithProviders = db
    .select()
    .from(partnerRelationships)
    .where(
      and(
        sql`${partnerRelationships.providerTenantId} = any(${sql.placeholder('providers')}::uuid[])`,
        eq(partnerRelationships.resellerTenantId, sql.placeholder('reseller')),
        eq(partnerRelationships.state, sql`'active'`),
      ),
    )
    .prepare('relationships_active_between');

  /** Active relationships between these tenants (ORD-3 and CUS-2 ask). */
  async function activeBetween(providerTenantIds: string[], resellerTenantId: string) {
    if (providerTenantIds.length === 0) return [];
    return activeWithProviders.execute({ providers: arrayLiteral(providerTenantIds), reseller: resellerTenantId });
  }

  return {
    providerDirectory,
    createInvitation,
    sendInvitation,
    listInvitations,
    invitationView,
    revokeInvitation,
    describeInvitation,
    authorizeIndirectProvider,
    listRelationships,
    getRelationship,
    removeAdminAccess,
    endRelationship,
    hasAdminAccess,
    activeBetween,
  };
}

export type RelationshipsService = ReturnType<typeof relationshipsService>;
