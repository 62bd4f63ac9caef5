// Agreements (ENR-9, ENR-10): versioned documents per language published by the operator, viewed
// as HTML or downloaded as PDF, accepted by a partner's global admin once verified and with a
// PartnerID associated; one acceptance covers the partner's CSP region. Binds the agreement
// operations (operations/) and reads (reads.ts) to their dependencies, once.
import type { Actor } from '../../platform/access.js';
import type { RequestContext } from '../../platform/audit.js';
import type { Platform } from '../../platform/context.js';
import type { IdentityService } from '../identity/service.js';
import type { MarketsService } from '../markets/service.js';
import type { AgreementType } from './contract.js';
import { acceptAgreement } from './operations/accept-agreement.js';
import { checkAgreementStatus } from './operations/check-agreement-status.js';
import type { AgreementsDeps } from './operations/deps.js';
import { publishAgreement } from './operations/publish-agreement.js';
import { renderAgreementHtml } from './operations/render-agreement-html.js';
import { renderAgreementPdf } from './operations/render-agreement-pdf.js';
import { acceptancesOf, currentAgreement, listAgreements } from './reads.js';
import type { EnrollmentService } from './service.js';

export { agreementTypes, type AgreementType } from './contract.js';

export function agreementsService(platform: Platform, services: { identity: IdentityService; markets: MarketsService; enrollment: EnrollmentService }) {
  const deps: AgreementsDeps = { platform, db: platform.db, ...services };
  return {
    publish: (ctx: RequestContext, input: { type: AgreementType; version: string; language: string; title: string; body: string }) => publishAgreement(deps, ctx, input),
    list: (type?: string) => listAgreements(deps.db, type),
    html: (templateId: string, language: string) => renderAgreementHtml(deps, templateId, language),
    pdf: (templateId: string, language: string) => renderAgreementPdf(deps, templateId, language),
    accept: (ctx: RequestContext, templateId: string, input: { primaryContact: { firstName: string; lastName: string; email: string } }, userAgent?: string) =>
      acceptAgreement(deps, ctx, templateId, input, userAgent),
    acceptancesOf: (tenantId: string) => acceptancesOf(deps.db, tenantId),
    isAgreementSigned: (actor: Actor, query: { partnerId?: string; tenantId?: string }) => checkAgreementStatus(deps, actor, query),
    /** The current template of a type, if the operator published one. */
    current: (type: AgreementType) => currentAgreement(deps.db, type),
  };
}

export type AgreementsService = ReturnType<typeof agreementsService>;
