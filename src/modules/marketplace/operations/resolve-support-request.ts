// MKP-9: the operator applies a support request (MKP-7/MKP-8 re-checked now, the live audience changed in
// the same transaction) or declines it with a reason; the requester is emailed in their language.
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/index.js';
import type { RequestContext } from '../../../platform/audit.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { isLocale, translate, type MessageKey } from '../../../platform/i18n/index.js';
import type { SupportRequestRow } from '../../operator/service.js';
import type { AudienceMode } from '../rules.js';
import { offerAudience, offers } from '../schema.js';
import { applyAudienceToLive } from './apply-audience-to-live.js';
import type { MarketplaceDeps } from './deps.js';

export async function resolveSupportRequest(deps: MarketplaceDeps, ctx: RequestContext, id: string, input: { action: 'apply' | 'decline'; reason: string }): Promise<SupportRequestRow> {
  const { platform, operator } = deps;
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
      await applyAudienceToLive(deps, tx, requested, true);
    }
    const closed = await operator.closeSupportRequest(tx, ctx, request, input.action === 'apply' ? 'resolved' : 'declined', input.reason);
    await notifyPublisher(deps, tx, closed, input.action === 'apply' ? 'applied' : 'declined', input.reason);
    return closed;
  });
}

async function notifyPublisher({ platform, identity }: MarketplaceDeps, tx: Tx, request: SupportRequestRow, outcome: 'applied' | 'declined', reason: string) {
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
