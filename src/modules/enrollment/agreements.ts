// Agreements (ENR-9, ENR-10): versioned documents per language published by the operator, viewed
// as HTML or downloaded as PDF, accepted by a partner's global admin once verified and with a
// PartnerID associated; one acceptance covers the partner's CSP region.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { Marked, type Tokens } from 'marked';
import type { Queryable } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import { writeAudit, type RequestContext } from '../../platform/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { IdentityService } from '../identity/service.js';
import type { MarketsService } from '../markets/service.js';
import { agreementPdf } from './pdf.js';
import { agreementAcceptances, agreementDocuments, agreementTemplates, enrollments, locations, partnerIdAssociations } from './schema.js';
import type { EnrollmentService } from './service.js';

export const agreementTypes = ['partnerAgreement', 'customerAgreement', 'publisherAgreement'] as const;
export type AgreementType = (typeof agreementTypes)[number];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// Agreement Markdown is rendered without raw HTML: any HTML in the source is shown as text.
const markdown = new Marked({ renderer: { html: (token: Tokens.HTML | Tokens.Tag) => escapeHtml(token.text) } });

export function agreementsService(platform: Platform, deps: { identity: IdentityService; markets: MarketsService; enrollment: EnrollmentService }) {
  const { db } = platform;

  async function templateOf(q: Queryable, templateId: string) {
    const [row] = await q.select().from(agreementTemplates).where(eq(agreementTemplates.id, templateId));
    if (!row) throw notFound('agreement');
    return row;
  }

  /** Adds (or replaces) one language of a version; a new version becomes the current one of its type. */
  async function publish(ctx: RequestContext, input: { type: AgreementType; version: string; language: string; title: string; body: string }) {
    return platform.transaction(async (tx) => {
      let [template] = await tx.select().from(agreementTemplates).where(and(eq(agreementTemplates.type, input.type), eq(agreementTemplates.version, input.version))).for('update');
      if (!template) {
        await tx.update(agreementTemplates).set({ current: false }).where(and(eq(agreementTemplates.type, input.type), eq(agreementTemplates.current, true)));
        [template] = await tx.insert(agreementTemplates).values({ type: input.type, version: input.version, current: true }).returning();
      }
      const document = { templateId: template!.id, language: input.language, title: input.title.trim(), body: input.body };
      await tx
        .insert(agreementDocuments)
        .values(document)
        .onConflictDoUpdate({ target: [agreementDocuments.templateId, agreementDocuments.language], set: { title: document.title, body: document.body, updatedAt: new Date() } });
      await writeAudit(tx, ctx, {
        tenantId: ctx.actor!.tenantId,
        action: 'agreement.published',
        resourceType: 'agreement',
        resourceId: template!.id,
        after: { type: input.type, version: input.version, language: input.language, title: document.title },
      });
      return (await list(tx, input.type)).find((t) => t.templateId === template!.id)!;
    });
  }

  async function list(q: Queryable = db, type?: string) {
    const templates = await q
      .select()
      .from(agreementTemplates)
      .where(type ? eq(agreementTemplates.type, type) : undefined)
      .orderBy(asc(agreementTemplates.type), desc(agreementTemplates.createdAt));
    if (templates.length === 0) return [];
    const docs = await q
      .select({ templateId: agreementDocuments.templateId, language: agreementDocuments.language, title: agreementDocuments.title })
      .from(agreementDocuments)
      .where(inArray(agreementDocuments.templateId, templates.map((t) => t.id)));
    return templates.map((t) => {
      const own = docs.filter((d) => d.templateId === t.id);
      return {
        templateId: t.id,
        type: t.type,
        version: t.version,
        current: t.current,
        languages: own.map((d) => d.language).sort(),
        titles: Object.fromEntries(own.map((d) => [d.language, d.title])),
        createdAt: t.createdAt.toISOString(),
      };
    });
  }

  /** The document in the asked language, else English, else the first there is. */
  async function documentOf(templateId: string, language: string) {
    const template = await templateOf(db, templateId);
    const docs = await db.select().from(agreementDocuments).where(eq(agreementDocuments.templateId, templateId));
    const doc = docs.find((d) => d.language === language) ?? docs.find((d) => d.language === 'en') ?? docs[0];
    if (!doc) throw notFound('agreement');
    return { template, doc };
  }

  async function html(templateId: string, language: string) {
    const { template, doc } = await documentOf(templateId, language);
    const body = await markdown.parse(doc.body);
    return `<!doctype html><html lang="${escapeHtml(doc.language)}"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title></head><body><article data-agreement="${template.id}" data-version="${escapeHtml(template.version)}">${/^\s*#\s/.test(doc.body) ? '' : `<h1>${escapeHtml(doc.title)}</h1>`}${body}</article></body></html>`;
  }

  async function pdf(templateId: string, language: string) {
    const { template, doc } = await documentOf(templateId, language);
    return { filename: `${template.type}-${template.version}-${doc.language}.pdf`, content: await agreementPdf({ title: doc.title, body: doc.body, language: doc.language, version: template.version, type: template.type }) };
  }

  function acceptanceView(a: typeof agreementAcceptances.$inferSelect) {
    return {
      id: a.id,
      templateId: a.templateId,
      type: a.type,
      version: a.version,
      tenantId: a.tenantId,
      region: a.region,
      user: { id: a.userId, name: a.userName, email: a.userEmail },
      primaryContact: a.primaryContact,
      acceptedAt: a.acceptedAt.toISOString(),
      ip: a.ip,
      userAgent: a.userAgent,
    };
  }

  /** ENR-9: only a global admin (route permission), only verified, only with a PartnerID associated. */
  async function accept(ctx: RequestContext, templateId: string, input: { primaryContact: { firstName: string; lastName: string; email: string } }, userAgent?: string) {
    const actor = ctx.actor!;
    // One acceptance covers the partner's CSP region (MKT-1: the legal address country's).
    const region = (await deps.markets.regionOf(await deps.enrollment.contactCountry(actor.tenantId))) ?? null;
    return platform.transaction(async (tx) => {
      const template = await templateOf(tx, templateId);
      if (!template.current) throw new AppError('agreement_not_current');
      if (template.type === 'partnerAgreement') {
        const vetted = await tx
          .select({ id: enrollments.id })
          .from(enrollments)
          .where(and(eq(enrollments.tenantId, actor.tenantId), inArray(enrollments.status, ['verified', 'active'])));
        if (vetted.length === 0) throw new AppError('enrollment_not_verified');
        const [association] = await tx.select().from(partnerIdAssociations).where(eq(partnerIdAssociations.tenantId, actor.tenantId));
        if (!association) throw new AppError('partner_id_not_associated');
      }
      const [existing] = await tx
        .select({ id: agreementAcceptances.id })
        .from(agreementAcceptances)
        .where(and(eq(agreementAcceptances.tenantId, actor.tenantId), eq(agreementAcceptances.templateId, templateId)));
      if (existing) throw new AppError('agreement_already_accepted');
      const [row] = await tx
        .insert(agreementAcceptances)
        .values({
          templateId,
          type: template.type,
          version: template.version,
          tenantId: actor.tenantId,
          region,
          userId: actor.userId,
          userName: actor.displayName,
          userEmail: actor.email,
          primaryContact: input.primaryContact,
          ip: ctx.ip ?? null,
          userAgent: userAgent?.slice(0, 500) ?? null,
        })
        .returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'agreement.accepted', resourceType: 'agreementAcceptance', resourceId: row!.id, after: acceptanceView(row!) });
      if (template.type === 'partnerAgreement') await deps.enrollment.activateWhenReady(tx, ctx, actor.tenantId);
      return acceptanceView(row!);
    });
  }

  async function acceptancesOf(tenantId: string) {
    const rows = await db.select().from(agreementAcceptances).where(eq(agreementAcceptances.tenantId, tenantId)).orderBy(desc(agreementAcceptances.acceptedAt));
    return rows.map(acceptanceView);
  }

  /** Has this partner (by PartnerID or tenant ID) accepted the partner agreement? Asked by active providers and the operator. */
  async function isAgreementSigned(actor: Actor, query: { partnerId?: string; tenantId?: string }) {
    if (!actor.isOperator) {
      const provider = await deps.enrollment.standing(actor.tenantId, 'indirectProvider');
      if (provider.enrollmentStatus !== 'active') throw new AppError(provider.enrollmentStatus === 'suspended' ? 'partner_suspended' : 'not_an_active_provider');
    }
    let tenantId = query.tenantId;
    if (query.partnerId !== undefined) {
      const [location] = await db.select({ tenantId: locations.tenantId }).from(locations).where(eq(locations.partnerId, Number(query.partnerId)));
      tenantId = location?.tenantId;
    }
    if (!tenantId) return { isAgreementSigned: false };
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(agreementAcceptances)
      .where(and(eq(agreementAcceptances.tenantId, tenantId), eq(agreementAcceptances.type, 'partnerAgreement')));
    return { isAgreementSigned: (row?.n ?? 0) > 0 };
  }

  /** The current template of a type, if the operator published one. */
  async function current(type: AgreementType) {
    const [row] = await db.select().from(agreementTemplates).where(and(eq(agreementTemplates.type, type), eq(agreementTemplates.current, true)));
    return row;
  }

  return { publish, list: (type?: string) => list(db, type), html, pdf, accept, acceptancesOf, isAgreementSigned, current };
}

export type AgreementsService = ReturnType<typeof agreementsService>;
