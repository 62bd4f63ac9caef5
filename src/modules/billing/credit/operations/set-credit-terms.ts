// BIL-4: a seller sets one buyer's credit terms: the operator a provider's, a provider one of its
// resellers' (an active relationship); anyone else is not_a_buyer. A limit is in one currency, with no
// more decimals than it has; null or absent means no limit. Audited with before and after in the same
// transaction; the terms' row is locked, so a concurrent checkout sees the old or the new limit whole.
import { and, eq, sql } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { AppError, invalidFields } from '../../../../platform/errors.js';
import { exponentOf, parseAmount } from '../../../../platform/money.js';
import { defaultPaymentTermDays } from '../../rules.js';
import type { CreditTerms, CreditTermsBody } from '../contract.js';
import { defaultGraceDays } from '../rules.js';
import { creditTerms } from '../schema.js';
import type { CreditDeps } from './deps.js';
import { creditTermsOf, requireBuyer } from './get-credit-terms.js';

export async function setCreditTerms(deps: CreditDeps, ctx: RequestContext, buyerTenantId: string, body: CreditTermsBody): Promise<CreditTerms> {
  const actor = ctx.actor!;
  let creditLimit: number | null = null;
  if (body.creditLimit !== undefined && body.creditLimit !== null) {
    const parsed = parseAmount(body.creditLimit, body.currency);
    if (parsed === undefined || parsed < 0) {
      throw invalidFields({ path: '/creditLimit', code: 'amount_too_precise', params: { currency: body.currency, decimals: exponentOf(body.currency) } });
    }
    creditLimit = parsed;
  }
  await requireBuyer(deps, actor, buyerTenantId);
  return deps.platform.transaction(async (tx) => {
    const t = creditTerms;
    const [held] = await tx
      .select()
      .from(t)
      .where(and(eq(t.sellerTenantId, actor.tenantId), eq(t.buyerTenantId, buyerTenantId)))
      .for('update');
    const values = {
      currency: body.currency,
      creditLimit,
      paymentTermDays: body.paymentTermDays ?? held?.paymentTermDays ?? defaultPaymentTermDays,
      graceDays: body.graceDays ?? held?.graceDays ?? defaultGraceDays,
      updatedAt: deps.now(),
    };
    await tx
      .insert(t)
      .values({ sellerTenantId: actor.tenantId, buyerTenantId, ...values })
      .onConflictDoUpdate({ target: [t.sellerTenantId, t.buyerTenantId], set: { ...values, updatedAt: sql`excluded.updated_at` } });
    const after = await creditTermsOf(deps, tx, actor.tenantId, buyerTenantId);
    if (!after) throw new AppError('not_found', { resource: 'creditTerms' });
    const audited = { ...after, exposure: undefined, availableCredit: undefined, overdueCount: undefined };
    await writeAudit(tx, ctx, {
      tenantId: actor.tenantId,
      action: 'creditTerms.set',
      resourceType: 'creditTerms',
      resourceId: buyerTenantId,
      before: held ? { currency: held.currency, creditLimit: held.creditLimit, paymentTermDays: held.paymentTermDays, graceDays: held.graceDays } : null,
      after: audited,
      recipients: [{ tenantId: actor.tenantId }, { tenantId: buyerTenantId }],
    });
    return after;
  });
}
