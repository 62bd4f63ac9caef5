// Has a partner (by PartnerID or tenant ID) accepted the partner agreement (ENR-9)? Asked by active
// providers (a suspended one is told so) and the operator; the caller names exactly one of the two.
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import { AppError } from '../../../platform/errors.js';
import type { AgreementStatus } from '../contract.js';
import { agreementAcceptances, locations } from '../schema.js';
import type { AgreementsDeps } from './deps.js';

export async function checkAgreementStatus(deps: AgreementsDeps, actor: Actor, query: { partnerId?: string; tenantId?: string }): Promise<AgreementStatus> {
  const { db } = deps;
  if ((query.partnerId === undefined) === (query.tenantId === undefined)) {
    throw new AppError('validation_failed', {}, [{ path: '/query/partnerId', code: 'exactly_one', params: { fields: 'partnerId, tenantId' } }]);
  }
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
