// Marketplace: publishers and offers, the CSP reseller audience (MKP-1 … MKP-6), live changes and the
// resale lock through support requests (MKP-7 … MKP-9), storefront and partner view (MKP-10, MKP-11).
import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { arrayLiteral, escapeLike, preparedByShape, type Queryable, type Tx } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import { writeAudit, type RequestContext } from '../../platform/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, notFound, type FieldError } from '../../platform/errors.js';
import { uuidPattern } from '../../platform/http.js';
import { isLocale, translate, type MessageKey } from '../../platform/i18n/index.js';
import { products, resaleStamps } from '../commerce/schema.js';
import type { CommerceService } from '../commerce/service.js';
import type { AgreementsService } from '../enrollment/agreements.js';
import { enrollments, legalBusinessProfiles, partnerSearch } from '../enrollment/schema.js';
import type { IdentityService } from '../identity/service.js';
import type { OperatorService, SupportRequestRow } from '../operator/service.js';
import { supportRequestView } from '../operator/service.js';
import { checkAudienceChange, csvSafe, defaultAudienceMode, missingForPublish, requestedChangeProblems, type AudienceMode, type OfferType } from './rules.js';
import { offerAudience, offers, type Listing, type OfferVersion, type Plan } from './schema.js';

type OfferRow = typeof offers.$inferSelect;

export const liveOfferManagement = { productVersion: 'Live offer management', problemType: 'Update existing offer', title: 'De-authorize CSP' } as const;

export function marketplaceService(
  platform: Platform,
  deps: { identity: IdentityService; agreements: AgreementsService; operator: OperatorService; commerce: CommerceService },
) {
  const { db } = platform;
  const { identity, agreements, operator, commerce } = deps;

  // ------------------------------------------------------------------------------------------
  // Publishers

  async function enrollPublisher(ctx: RequestContext) {
    const actor = ctx.actor!;
    const agreement = await agreements.current('publisherAgreement');
    if (agreement && !(await agreements.acceptancesOf(actor.tenantId)).some((a) => a.templateId === agreement.id)) throw new AppError('publisher_agreement_required');
    await identity.setMembership(ctx, actor.tenantId, 'publisher', 'active');
    return { program: 'publisher', status: 'active' };
  }

  async function requirePublisher(tenantId: string) {
    if (!(await identity.memberships(tenantId)).some((m) => m.program === 'publisher' && m.status === 'active')) throw new AppError('not_a_publisher');
  }

  // ------------------------------------------------------------------------------------------
  // Offers

  function offerView(row: OfferRow) {
    return {
      id: row.id,
      publisherTenantId: row.publisherTenantId,
      type: row.type,
      name: row.name,
      draft: { ...row.draft, audienceMode: row.draftAudienceMode },
      live: row.live ? { ...row.live, audienceMode: row.liveAudienceMode } : null,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async function createOffer(ctx: RequestContext, input: { type: OfferType; name: string }) {
    const actor = ctx.actor!;
    await requirePublisher(actor.tenantId);
    return platform.transaction(async (tx) => {
      const [row] = await tx
        .insert(offers)
        .values({ publisherTenantId: actor.tenantId, type: input.type, name: input.name.trim(), draft: { listing: null, plans: [] }, draftAudienceMode: defaultAudienceMode(input.type, []) })
        .returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'offer.created', resourceType: 'offer', resourceId: row!.id, after: offerView(row!) });
      return row!;
    });
  }

  async function ownOffer(q: Queryable, actor: Actor, id: string, lock = false) {
    const select = q.select().from(offers).where(eq(offers.id, id));
    const [row] = lock ? await select.for('update') : await select;
    if (!row || row.publisherTenantId !== actor.tenantId) throw notFound('offer');
    return row;
  }

  async function listOffers(actor: Actor) {
    return db.select().from(offers).where(eq(offers.publisherTenantId, actor.tenantId)).orderBy(desc(offers.createdAt));
  }

  async function getOffer(actor: Actor, id: string) {
    return ownOffer(db, actor, id);
  }

  /** Edits the draft under the offer's version (If-Match); the version moves on every change. */
  async function editDraft(ctx: RequestContext, id: string, checkVersion: (row: OfferRow) => void, change: (row: OfferRow) => Partial<typeof offers.$inferInsert>, action: string) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const row = await ownOffer(tx, actor, id, true);
      checkVersion(row);
      const [after] = await tx
        .update(offers)
        .set({ ...change(row), version: row.version + 1, updatedAt: new Date() })
        .where(eq(offers.id, id))
        .returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action, resourceType: 'offer', resourceId: id, before: offerView(row), after: offerView(after!) });
      return after!;
    });
  }

  function putPlans(ctx: RequestContext, id: string, plans: Plan[], checkVersion: (row: OfferRow) => void) {
    return editDraft(
      ctx,
      id,
      checkVersion,
      (row) => ({
        draft: { ...row.draft, plans },
        // MKP-1: a VM offer whose plans are all BYOL is open to any partner by default (until published).
        ...(row.live ? {} : { draftAudienceMode: row.draftAudienceMode === 'none' || row.draftAudienceMode === 'all' ? defaultAudienceMode(row.type as OfferType, plans) : row.draftAudienceMode }),
      }),
      'offer.plansUpdated',
    );
  }

  function putListing(ctx: RequestContext, id: string, listing: Listing, checkVersion: (row: OfferRow) => void) {
    return editDraft(ctx, id, checkVersion, (row) => ({ draft: { ...row.draft, listing } }), 'offer.listingUpdated');
  }

  // ------------------------------------------------------------------------------------------
  // CSP audience (MKP-2 … MKP-6)

  async function audienceRows(q: Queryable, offerId: string) {
    return q
      .select({
        partnerTenantId: offerAudience.partnerTenantId,
        inDraft: offerAudience.inDraft,
        inLive: offerAudience.inLive,
        name: legalBusinessProfiles.legalName,
        country: legalBusinessProfiles.country,
        resoldAt: resaleStamps.resoldAt,
      })
      .from(offerAudience)
      .leftJoin(legalBusinessProfiles, eq(legalBusinessProfiles.tenantId, offerAudience.partnerTenantId))
      .leftJoin(resaleStamps, and(eq(resaleStamps.offerId, offerAudience.offerId), eq(resaleStamps.resellerTenantId, offerAudience.partnerTenantId)))
      .where(eq(offerAudience.offerId, offerId))
      .orderBy(asc(legalBusinessProfiles.legalName));
  }

  async function audience(actor: Actor, offerId: string) {
    const row = await ownOffer(db, actor, offerId);
    const rows = await audienceRows(db, offerId);
    const partner = (r: (typeof rows)[number]) => ({ tenantId: r.partnerTenantId, name: r.name ?? '', country: r.country ?? '', resoldAt: r.resoldAt?.toISOString() ?? null });
    return {
      row,
      view: {
        draft: { mode: row.draftAudienceMode, partners: row.draftAudienceMode === 'selected' ? rows.filter((r) => r.inDraft).map(partner) : [] },
        live: row.live ? { mode: row.liveAudienceMode!, partners: row.liveAudienceMode === 'selected' ? rows.filter((r) => r.inLive).map(partner) : [] } : null,
      },
    };
  }

  /** Validated UUIDs as one PostgreSQL array literal, bound as a single parameter. */
  function uuidArray(ids: string[]): string {
    if (!ids.every((id) => uuidPattern.test(id))) throw new Error('uuidArray: not a UUID');
    return arrayLiteral(ids);
  }

  /** The tenants among these that are active CSP resellers. */
  async function activeResellers(q: Queryable, tenantIds: string[]): Promise<Set<string>> {
    if (tenantIds.length === 0) return new Set();
    const rows = await q
      .select({ tenantId: enrollments.tenantId })
      .from(enrollments)
      .where(and(sql`${enrollments.tenantId} = any(${uuidArray(tenantIds)}::uuid[])`, eq(enrollments.program, 'indirectReseller'), eq(enrollments.status, 'active')));
    return new Set(rows.map((r) => r.tenantId));
  }

  /** MKP-2, MKP-3: the draft audience (mode and selected partners). */
  async function putAudience(ctx: RequestContext, offerId: string, input: { mode: AudienceMode; partnerTenantIds: string[] }, checkVersion: (row: OfferRow) => void) {
    const ids = [...new Set(input.partnerTenantIds)];
    const active = await activeResellers(db, ids);
    const problems: FieldError[] = ids.flatMap((id, index) => (active.has(id) ? [] : [{ path: `/partnerTenantIds/${index}`, code: 'not_a_csp_reseller' }]));
    if (problems.length) throw new AppError('not_a_csp_reseller', {}, problems);
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const row = await ownOffer(tx, actor, offerId, true);
      checkVersion(row);
      const [after] = await tx.update(offers).set({ draftAudienceMode: input.mode, version: row.version + 1, updatedAt: new Date() }).where(eq(offers.id, offerId)).returning();
      await replaceDraftPartners(tx, offerId, input.mode === 'selected' ? ids : []);
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'offer.audienceDraftUpdated', resourceType: 'offer', resourceId: offerId, before: { mode: row.draftAudienceMode }, after: { mode: input.mode, partners: ids.length } });
      return after!;
    });
  }

  async function replaceDraftPartners(tx: Tx, offerId: string, ids: string[]) {
    await tx.update(offerAudience).set({ inDraft: false }).where(eq(offerAudience.offerId, offerId));
    for (let i = 0; i < ids.length; i += 5000) {
      const chunk = ids.slice(i, i + 5000).map((partnerTenantId) => ({ offerId, partnerTenantId, inDraft: true }));
      if (chunk.length) await tx.insert(offerAudience).values(chunk).onConflictDoUpdate({ target: [offerAudience.offerId, offerAudience.partnerTenantId], set: { inDraft: true } });
    }
    await tx.delete(offerAudience).where(and(eq(offerAudience.offerId, offerId), eq(offerAudience.inDraft, false), eq(offerAudience.inLive, false)));
  }

  /** The difference between the live audience and the draft, as the rules see it. */
  async function pendingChange(q: Queryable, row: OfferRow) {
    const rows = await audienceRows(q, row.id);
    const liveMode = (row.liveAudienceMode ?? 'none') as AudienceMode;
    const toMode = row.draftAudienceMode as AudienceMode;
    const removed = liveMode === 'selected' ? rows.filter((r) => r.inLive && !r.inDraft).map((r) => r.partnerTenantId) : [];
    const stamps = await q.select({ resellerTenantId: resaleStamps.resellerTenantId }).from(resaleStamps).where(eq(resaleStamps.offerId, row.id));
    return { fromMode: liveMode, toMode, removed, resold: new Set(stamps.map((s) => s.resellerTenantId)) };
  }

  function describeChange(change: { fromMode: string; toMode: string; removed: string[] }) {
    return change.fromMode !== change.toMode ? `${change.fromMode} → ${change.toMode}` : `remove ${change.removed.length} partner(s)`;
  }

  /** Applies the draft audience to live, under the MKP-7/MKP-8 rules. */
  async function applyAudienceToLive(tx: Tx, row: OfferRow, viaSupportRequest: boolean) {
    const change = await pendingChange(tx, row);
    const verdict = checkAudienceChange(change);
    if (!verdict.ok) throw new AppError(verdict.code);
    if (verdict.needsSupportRequest && !viaSupportRequest) throw new AppError('support_request_required', { change: describeChange(change) });
    // MKP-8: moving from all to selected keeps every partner that has resold.
    if (change.fromMode === 'all' && change.toMode === 'selected') {
      for (const resellerTenantId of change.resold) {
        await tx.insert(offerAudience).values({ offerId: row.id, partnerTenantId: resellerTenantId, inDraft: true, inLive: true }).onConflictDoUpdate({ target: [offerAudience.offerId, offerAudience.partnerTenantId], set: { inDraft: true } });
      }
    }
    await tx.update(offerAudience).set({ inLive: sql`${offerAudience.inDraft}` }).where(eq(offerAudience.offerId, row.id));
    await tx.delete(offerAudience).where(and(eq(offerAudience.offerId, row.id), eq(offerAudience.inDraft, false), eq(offerAudience.inLive, false)));
    await tx.update(offers).set({ liveAudienceMode: row.draftAudienceMode, version: row.version + 1, updatedAt: new Date() }).where(eq(offers.id, row.id));
  }

  /** The catalog product of a live offer (same ID): plans become SKUs, sold where the plans are. */
  async function upsertCatalogProduct(tx: Tx, row: OfferRow, version: OfferVersion) {
    const values = {
      name: row.name,
      description: version.listing?.summary ?? '',
      skus: version.plans.map((p) => ({ skuId: p.planId, name: p.name, termDurations: p.termDurations, billingCycles: p.billingCycles, prices: p.prices })),
      markets: [...new Set(version.plans.flatMap((p) => p.markets))].sort(),
      updatedAt: new Date(),
    };
    await tx
      .insert(products)
      .values({ id: row.id, source: 'marketplace', publisherTenantId: row.publisherTenantId, ...values })
      .onConflictDoUpdate({ target: products.id, set: values });
  }

  /** MKP-4: publishing makes the draft live (listing, plans, audience). */
  async function publish(ctx: RequestContext, id: string) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const row = await ownOffer(tx, actor, id, true);
      const missing = missingForPublish(row.draft);
      if (missing.length) throw new AppError('offer_incomplete', {}, missing.map((path) => ({ path, code: 'required' })));
      if (row.live) {
        await applyAudienceToLive(tx, row, false);
      } else {
        await tx.update(offerAudience).set({ inLive: sql`${offerAudience.inDraft}` }).where(eq(offerAudience.offerId, id));
      }
      const [after] = await tx
        .update(offers)
        .set({ live: row.draft, liveAudienceMode: row.draftAudienceMode, publishedAt: new Date(), version: row.version + 2, updatedAt: new Date() })
        .where(eq(offers.id, id))
        .returning();
      await upsertCatalogProduct(tx, after!, row.draft);
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'offer.published', resourceType: 'offer', resourceId: id, before: offerView(row), after: offerView(after!) });
      return after!;
    });
  }

  /** MKP-4: "Sync CSP audience" on a live offer; changes that need a support request are refused (409). */
  async function syncAudience(ctx: RequestContext, id: string) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const row = await ownOffer(tx, actor, id, true);
      if (!row.live) throw new AppError('offer_not_live');
      await applyAudienceToLive(tx, row, false);
      const [after] = await tx.select().from(offers).where(eq(offers.id, id));
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'offer.audienceSynced', resourceType: 'offer', resourceId: id, before: { mode: row.liveAudienceMode }, after: { mode: after!.liveAudienceMode } });
      return after!;
    });
  }

  // ------------------------------------------------------------------------------------------
  // CSV (MKP-5)

  async function exportAudience(actor: Actor, id: string) {
    const { view } = await audience(actor, id);
    const partners = view.live?.mode === 'selected' ? view.live.partners : view.draft.partners;
    return stringify([['tenantId', 'name', 'country'], ...partners.map((p) => [p.tenantId, csvSafe(p.name), csvSafe(p.country)])]);
  }

  /** Adds the partners of a CSV to the draft: all rows or none; every bad row reported with its reason. */
  async function importAudience(ctx: RequestContext, id: string, csv: string) {
    const actor = ctx.actor!;
    await ownOffer(db, actor, id);
    let records: string[][];
    try {
      records = parseCsv(csv, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as string[][];
    } catch {
      throw new AppError('audience_import_invalid', {}, [{ path: '/csv', code: 'malformed' }]);
    }
    if (records[0]?.[0] === 'tenantId') records = records.slice(1);
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const ids: string[] = [];
    records.forEach((record, index) => {
      const line = index + 2;
      const id = record[0] ?? '';
      if (!uuidPattern.test(id)) errors.push({ path: `/rows/${line}`, code: 'malformed' });
      else if (seen.has(id.toLowerCase())) errors.push({ path: `/rows/${line}`, code: 'duplicate' });
      else {
        seen.add(id.toLowerCase());
        ids.push(id.toLowerCase());
      }
    });
    const active = await activeResellers(db, ids);
    // Tell an existing tenant that is not a CSP reseller from an ID that matches no tenant at all.
    const known = new Set<string>();
    for (const id of ids.filter((id) => !active.has(id)).slice(0, 1000)) if (await identity.getTenant(id)) known.add(id);
    const listed = new Set(ids);
    records.forEach((record, index) => {
      const id = (record[0] ?? '').toLowerCase();
      if (!listed.has(id) || active.has(id)) return;
      errors.push({ path: `/rows/${index + 2}`, code: known.has(id) ? 'not_a_csp_reseller' : 'unknown_tenant' });
    });
    if (errors.length) throw new AppError('audience_import_invalid', {}, errors.slice(0, 1000));
    await platform.transaction(async (tx) => {
      const locked = await ownOffer(tx, actor, id, true);
      if (locked.draftAudienceMode !== 'selected') await tx.update(offers).set({ draftAudienceMode: 'selected' }).where(eq(offers.id, id));
      // 10,000 partners a statement, each list one array parameter (not 10,000 parameters).
      for (let i = 0; i < ids.length; i += 10_000) {
        await tx.execute(sql`
          insert into offer_audience (offer_id, partner_tenant_id, in_draft)
          select ${id}, unnest(${uuidArray(ids.slice(i, i + 10_000))}::uuid[]), true
          on conflict (offer_id, partner_tenant_id) do update set in_draft = true`);
        platform.crashPoint('audience-import');
      }
      await tx.update(offers).set({ version: locked.version + 1, updatedAt: new Date() }).where(eq(offers.id, id));
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'offer.audienceImported', resourceType: 'offer', resourceId: id, after: { partners: ids.length } });
    });
    return { imported: ids.length };
  }

  // ------------------------------------------------------------------------------------------
  // MKP-3 partner search

  /**
   * MKP-3: active CSP resellers by name fragment, country, competency and skill. The filters other than
   * the ID are one GIN index's conditions (name trigrams and terms), so they narrow together. The
   * candidates are sorted first (a subquery kept apart by its OFFSET), so being an active reseller is
   * checked on the page's rows only, not on every candidate.
   */
  const partnerSearchQuery = preparedByShape('partner_search', (shape: { tenantId: boolean; q: boolean; terms: boolean }, name) => {
    const filters: SQL[] = [];
    if (shape.tenantId) filters.push(eq(partnerSearch.tenantId, sql.placeholder('tenantId')));
    if (shape.q) filters.push(ilike(partnerSearch.legalName, sql.placeholder('q')));
    if (shape.terms) filters.push(sql`${partnerSearch.terms} @> ${sql.placeholder('terms')}::text[]`);
    const candidates = db
      .select({ tenantId: partnerSearch.tenantId, name: partnerSearch.legalName, country: partnerSearch.country, competencies: partnerSearch.competencies, skills: partnerSearch.skills })
      .from(partnerSearch)
      .where(and(...filters))
      .orderBy(asc(partnerSearch.legalName), asc(partnerSearch.tenantId))
      .offset(sql`0` as never) // written out (Drizzle types only numbers and placeholders): it keeps the subquery apart
      .as('candidates');
    return (
      db
        .select()
        .from(candidates)
        .where(sql`exists (select 1 from ${enrollments} e where e.tenant_id = ${candidates.tenantId} and e.program = 'indirectReseller' and e.status = 'active')`)
        .orderBy(asc(candidates.name), asc(candidates.tenantId))
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset'))
        // Named, so planned once per connection: whatever the fragment, the plan is the GIN index's.
        .prepare(name)
    );
  });

  /** MKP-3: publishers search partners for their offers' audiences, and the operator; nobody else. */
  async function searchPartners(actor: Actor, query: { q?: string; tenantId?: string; country?: string; competency?: string; skill?: string; size: number; offset: number }) {
    if (!actor.isOperator) await requirePublisher(actor.tenantId);
    const terms = [query.country && `country:${query.country}`, query.competency && `competency:${query.competency}`, query.skill && `skill:${query.skill}`].filter((term) => !!term) as string[];
    const rows = await partnerSearchQuery({ tenantId: !!query.tenantId, q: !!query.q, terms: terms.length > 0 }).execute({
      tenantId: query.tenantId,
      q: query.q ? `%${escapeLike(query.q)}%` : undefined,
      terms: arrayLiteral(terms),
      limit: query.size + 1,
      offset: query.offset,
    });
    return rows;
  }

  // ------------------------------------------------------------------------------------------
  // Support requests (MKP-9)

  async function openSupportRequest(
    ctx: RequestContext,
    input: { productVersion: string; category: { offerId: string }; problemType: string; title: string; details: string; requestedChange?: { mode?: AudienceMode; removePartnerTenantIds?: string[] } },
  ) {
    const actor = ctx.actor!;
    if (input.productVersion === liveOfferManagement.productVersion) {
      const row = await ownOffer(db, actor, input.category.offerId);
      if (!row.live) throw new AppError('offer_not_live');
      // MKP-7, MKP-8: a change the operator could never apply is refused now (applying checks again).
      if (input.requestedChange) {
        const stamps = await db.select({ resellerTenantId: resaleStamps.resellerTenantId }).from(resaleStamps).where(eq(resaleStamps.offerId, row.id));
        const problems = requestedChangeProblems((row.liveAudienceMode ?? 'none') as AudienceMode, input.requestedChange, new Set(stamps.map((s) => s.resellerTenantId)));
        if (problems.length) throw new AppError('partner_has_resold', {}, problems);
      }
    }
    return platform.transaction((tx) =>
      operator.openSupportRequest(tx, ctx, {
        tenantId: actor.tenantId,
        kind: input.productVersion === liveOfferManagement.productVersion ? 'liveOfferManagement' : 'general',
        title: input.title,
        details: input.details,
        subject: { productVersion: input.productVersion, problemType: input.problemType, category: input.category, requestedChange: input.requestedChange ?? null },
      }),
    );
  }

  /** The operator applies (rules re-checked now, live audience changed in the same transaction) or declines. */
  async function resolveSupportRequest(ctx: RequestContext, id: string, input: { action: 'apply' | 'decline'; reason: string }) {
    return platform.transaction(async (tx) => {
      const request = await operator.getSupportRequest(tx, id, true);
      if (!request) throw notFound('supportRequest');
      if (request.status !== 'open') throw new AppError('support_request_closed');
      const subject = request.subject as { category?: { offerId?: string }; requestedChange?: { mode?: AudienceMode; removePartnerTenantIds?: string[] } | null };
      if (input.action === 'apply' && request.kind === 'liveOfferManagement' && subject.category?.offerId) {
        const [row] = await tx.select().from(offers).where(eq(offers.id, subject.category.offerId)).for('update');
        if (!row) throw notFound('offer');
        const change = subject.requestedChange ?? {};
        if (change.removePartnerTenantIds?.length) {
          await tx.update(offerAudience).set({ inDraft: false }).where(and(eq(offerAudience.offerId, row.id), inArray(offerAudience.partnerTenantId, change.removePartnerTenantIds)));
        }
        const requested = { ...row, draftAudienceMode: change.mode ?? row.liveAudienceMode ?? row.draftAudienceMode };
        if (change.mode) await tx.update(offers).set({ draftAudienceMode: change.mode }).where(eq(offers.id, row.id));
        await applyAudienceToLive(tx, requested, true);
      }
      const closed = await operator.closeSupportRequest(tx, ctx, request, input.action === 'apply' ? 'resolved' : 'declined', input.reason);
      await notifyPublisher(tx, closed, input.action === 'apply' ? 'applied' : 'declined', input.reason);
      return closed;
    });
  }

  async function notifyPublisher(tx: Tx, request: SupportRequestRow, outcome: 'applied' | 'declined', reason: string) {
    const recipient = request.createdByUserId ? await identity.findUser(request.createdByUserId, tx) : undefined;
    if (!recipient) return;
    const locale = isLocale(recipient.language) ? recipient.language : 'en';
    await platform.mailer.enqueue(tx, {
      template: 'supportRequestResolved',
      locale,
      to: recipient.email,
      recipientUserId: recipient.id,
      tenantId: request.tenantId,
      params: { title: request.title, outcome: translate(locale, `outcome.${outcome}` as MessageKey), reason: translate(locale, 'mail.reasonLine', { reason }) },
    });
  }

  async function supportRequestsOf(actor: Actor) {
    return (await operator.supportRequestsOf(actor.tenantId)).map(supportRequestView);
  }

  async function supportRequest(actor: Actor, id: string) {
    const row = await operator.getSupportRequest(db, id);
    if (!row || row.tenantId !== actor.tenantId) throw notFound('supportRequest');
    return supportRequestView(row);
  }

  // ------------------------------------------------------------------------------------------
  // Storefront (public) and the partners' view (MKP-10)

  async function storefront(country: string) {
    // A plan sold in the market: jsonb containment, so only those offers leave the database.
    const inMarket = JSON.stringify([{ markets: [country] }]);
    const rows = await db
      .select()
      .from(offers)
      .where(sql`${offers.live} is not null and ${offers.live}->'plans' @> ${inMarket}::jsonb`)
      .orderBy(asc(offers.name));
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      name: r.name,
      summary: r.live!.listing?.summary ?? '',
      description: r.live!.listing?.description ?? '',
      supportContact: r.live!.listing?.supportContact ?? null,
      plans: r.live!.plans.filter((p) => p.markets.includes(country)).map((p) => ({ planId: p.planId, name: p.name, licenseModel: p.licenseModel, termDurations: p.termDurations, billingCycles: p.billingCycles })),
    }));
  }

  /** Live offers whose audience includes the caller, with the CSP materials (MKP-10). */
  async function cspOffers(actor: Actor, query: { q?: string; type?: string }) {
    const isActiveReseller = (await activeResellers(db, [actor.tenantId])).size > 0;
    if (!isActiveReseller) return [];
    const filters: SQL[] = [sql`${offers.live} is not null`];
    if (query.q) filters.push(ilike(offers.name, `%${escapeLike(query.q)}%`));
    if (query.type) filters.push(eq(offers.type, query.type));
    filters.push(
      sql`(${offers.liveAudienceMode} = 'all' or (${offers.liveAudienceMode} = 'selected' and exists (select 1 from offer_audience a where a.offer_id = ${offers.id} and a.partner_tenant_id = ${actor.tenantId} and a.in_live)))`,
    );
    const rows = await db.select().from(offers).where(and(...filters)).orderBy(asc(offers.name));
    return rows.map((r) => ({ id: r.id, type: r.type, name: r.name, summary: r.live!.listing?.summary ?? '', supportContact: r.live!.listing?.supportContact ?? null, cspMaterials: r.live!.listing?.cspMaterials ?? null, plans: r.live!.plans }));
  }

  /** ORD-3 for marketplace offers: the reseller is in the live CSP audience. */
  // Each offer's live audience mode and which of the resellers its live audience lists: one prepared statement.
  const liveAudienceOf = db
    .select({
      id: offers.id,
      mode: offers.liveAudienceMode,
      listed: sql<string[]>`array(select a.partner_tenant_id::text from offer_audience a where a.offer_id = "offers"."id" and a.partner_tenant_id = any(${sql.placeholder('resellers')}::uuid[]) and a.in_live)`,
    })
    .from(offers)
    .where(sql`${offers.id} = any(${sql.placeholder('offers')}::uuid[])`)
    .prepare('offers_live_audience');
  commerce.useAudienceCheck(async (offerIds, resellerTenantIds) => {
    if (offerIds.length === 0) return () => true;
    const rows = await liveAudienceOf.execute({ offers: arrayLiteral(offerIds), resellers: arrayLiteral(resellerTenantIds) });
    const modes = new Map(rows.map((r) => [r.id, r.mode]));
    const listed = new Set(rows.flatMap((r) => r.listed.map((partner) => `${r.id}:${partner}`)));
    return (offerId, resellerTenantId) => modes.get(offerId) === 'all' || (modes.get(offerId) === 'selected' && listed.has(`${offerId}:${resellerTenantId}`));
  });

  return {
    enrollPublisher,
    createOffer,
    listOffers,
    getOffer,
    offerView,
    putPlans,
    putListing,
    audience,
    putAudience,
    publish,
    syncAudience,
    exportAudience,
    importAudience,
    searchPartners,
    openSupportRequest,
    resolveSupportRequest,
    supportRequestsOf,
    supportRequest,
    supportRequestQueue: (status?: string) => operator.supportRequestQueue(status),
    storefront,
    cspOffers,
  };
}

export type MarketplaceService = ReturnType<typeof marketplaceService>;
