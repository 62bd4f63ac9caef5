// Becoming a publisher: only after accepting the current publisher agreement, when there is one.
import type { RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { PublisherEnrollment } from '../contract.js';
import type { MarketplaceDeps } from './deps.js';

export async function enrollPublisher({ identity, agreements }: MarketplaceDeps, ctx: RequestContext): Promise<PublisherEnrollment> {
  const actor = ctx.actor!;
  const agreement = await agreements.current('publisherAgreement');
  if (agreement && !(await agreements.acceptancesOf(actor.tenantId)).some((a) => a.templateId === agreement.id)) throw new AppError('publisher_agreement_required');
  await identity.setMembership(ctx, actor.tenantId, 'publisher', 'active');
  return { program: 'publisher', status: 'active' };
}
