// PRC-2: a provider sets a repricing config for its resellers (tier reseller), a reseller for its
// customers (tier customer): all buyers or one (an active reseller of the provider, a customer of the
// reseller), all products, a product or a SKU of the operator's catalog, basis cost or list, a
// percentage (stored as basis points) or a fixed unit price in the currency of one of the product's
// markets (SKU only), from a month that has not passed. Two configs for the same scope, target and
// month are refused (409), also when they are created at the same moment (a unique constraint).
// PRC-5: amounts are taken exactly or refused. Audited.
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { isUniqueViolation } from '../../../platform/context.js';
import { AppError, invalidFields, type FieldError } from '../../../platform/errors.js';
import type { RepricingConfig, RepricingConfigBody } from '../contract.js';
import { currenciesOf, isBuyerOf, operatorProducts, requireSeller } from '../reads.js';
import { adjustmentOfText, configProblem, monthOf, type RepricingAdjustment, type RepricingConfig as RuleConfig } from '../rules.js';
import { repricingConfigs } from '../schema.js';
import { repricingConfigView, ruleConfigOf } from '../views.js';
import type { PricingDeps } from './deps.js';

/** Where each refusal of the rules points in the request. */
const problemFields = { repricing_conflict: '/effectiveMonth', repricing_month_past: '/effectiveMonth', repricing_fixed_needs_sku: '/unitPrice', repricing_discount_too_large: '/percent' } as const;

/** The body's adjustment, or the fields at fault (400). */
function adjustmentOf(body: RepricingConfigBody): RepricingAdjustment {
  const errors: FieldError[] = [];
  if ((body.percent === undefined) === (body.unitPrice === undefined)) errors.push({ path: '/percent', code: 'percent_or_unit_price' });
  if (body.currency !== undefined && body.unitPrice === undefined) errors.push({ path: '/currency', code: 'currency_needs_unit_price' });
  if (body.unitPrice !== undefined && body.currency === undefined) errors.push({ path: '/currency', code: 'required' });
  if (body.skuId !== undefined && body.productId === undefined) errors.push({ path: '/productId', code: 'required' });
  let adjustment: RepricingAdjustment | undefined;
  const read =
    body.percent !== undefined && body.unitPrice === undefined
      ? adjustmentOfText({ percent: body.percent })
      : body.unitPrice !== undefined && body.currency !== undefined && body.percent === undefined
        ? adjustmentOfText({ unitPrice: body.unitPrice, currency: body.currency })
        : undefined;
  if (read && 'adjustment' in read) adjustment = read.adjustment;
  else if (read) errors.push({ path: `/${read.field}`, code: read.code, ...(read.params ? { params: read.params } : {}) });
  if (errors.length || !adjustment) throw invalidFields(...errors);
  return adjustment;
}

export async function createRepricingConfig(deps: PricingDeps, ctx: RequestContext, body: RepricingConfigBody): Promise<RepricingConfig> {
  const actor = ctx.actor!;
  const adjustment = adjustmentOf(body);
  await requireSeller(deps, actor, body.tier);
  if (body.productId !== undefined) {
    const product = (await operatorProducts(deps)).get(body.productId);
    if (!product) throw invalidFields({ path: '/productId', code: 'product_unknown' });
    if (body.skuId !== undefined && !product.skus.some((s) => s.skuId === body.skuId)) throw invalidFields({ path: '/skuId', code: 'sku_unknown' });
    if (adjustment.kind === 'fixed' && !(await currenciesOf(deps, product)).has(adjustment.currency)) {
      throw invalidFields({ path: '/currency', code: 'currency_not_sold', params: { currency: adjustment.currency } });
    }
  }
  if (body.buyerTenantId !== undefined && !(await isBuyerOf(deps, actor.tenantId, body.tier, body.buyerTenantId))) {
    throw new AppError('repricing_buyer_not_related', {}, [{ path: '/buyerTenantId', code: 'repricing_buyer_not_related' }]);
  }
  const candidate: Omit<RuleConfig, 'id'> = {
    scope: body.buyerTenantId === undefined ? { kind: 'all' } : { kind: 'one', buyerTenantId: body.buyerTenantId },
    target: body.productId === undefined ? { kind: 'all' } : body.skuId === undefined ? { kind: 'product', productId: body.productId } : { kind: 'sku', productId: body.productId, skuId: body.skuId },
    basis: body.basis,
    adjustment,
    effectiveMonth: body.effectiveMonth,
  };
  try {
    return await deps.platform.transaction(async (tx) => {
      const sameMonth = await tx
        .select()
        .from(repricingConfigs)
        .where(and(eq(repricingConfigs.sellerTenantId, actor.tenantId), eq(repricingConfigs.tier, body.tier), eq(repricingConfigs.effectiveMonth, body.effectiveMonth)));
      const problem = configProblem(candidate, sameMonth.map(ruleConfigOf), monthOf(deps.now()));
      if (problem) throw new AppError(problem, { month: body.effectiveMonth }, [{ path: problemFields[problem], code: problem, params: { month: body.effectiveMonth } }]);
      const [row] = await tx
        .insert(repricingConfigs)
        .values({
          sellerTenantId: actor.tenantId,
          tier: body.tier,
          buyerTenantId: body.buyerTenantId ?? null,
          productId: body.productId ?? null,
          skuId: body.skuId ?? null,
          basis: body.basis,
          basisPoints: adjustment.kind === 'percent' ? adjustment.basisPoints : null,
          fixedUnitPrice: adjustment.kind === 'fixed' ? adjustment.unitPrice : null,
          fixedCurrency: adjustment.kind === 'fixed' ? adjustment.currency : null,
          effectiveMonth: body.effectiveMonth,
          createdByUserId: actor.userId,
        })
        .returning();
      const view = repricingConfigView(row!);
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'repricingConfig.created', resourceType: 'repricingConfig', resourceId: row!.id, before: null, after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'repricing_configs_slot_unique')) throw new AppError('repricing_conflict', { month: body.effectiveMonth }, [{ path: '/effectiveMonth', code: 'repricing_conflict', params: { month: body.effectiveMonth } }]);
    throw error;
  }
}
