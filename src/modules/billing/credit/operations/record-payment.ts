// BIL-4: the issuer records a payment against one of its invoices or statements (partial payments add
// up); never more than the balance left (payment_exceeds_balance), never on a credit note. The
// document's row is locked first, so two payments (or a payment and a credit note) at once cannot take
// it below zero. The recipient sees payments but does not record them. Audited in the same transaction.
import { and, eq, getTableColumns, or } from 'drizzle-orm';
import type { Actor } from '../../../../platform/access.js';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { AppError, invalidFields, notFound } from '../../../../platform/errors.js';
import { exponentOf, formatAmount, parseAmount } from '../../../../platform/money.js';
import { settledColumns } from '../../reads.js';
import { invoices } from '../../schema.js';
import { settlementOf, type SettledInvoiceRow } from '../../views.js';
import type { Payment, PaymentBody } from '../contract.js';
import { payments } from '../schema.js';
import { paymentView } from '../views.js';
import type { CreditDeps } from './deps.js';
import type { Queryable } from '../../../../db/index.js';

/** The document for its issuer or recipient (404 for anyone else), locked when `lock`. */
export async function visibleDocument(q: Queryable, actor: Actor, id: string, lock = false): Promise<SettledInvoiceRow> {
  const select = q
    .select({ ...getTableColumns(invoices), ...settledColumns })
    .from(invoices)
    .where(and(eq(invoices.id, id), or(eq(invoices.issuerTenantId, actor.tenantId), eq(invoices.recipientTenantId, actor.tenantId))));
  const [row] = lock ? await select.for('update', { of: invoices }) : await select;
  if (!row) throw notFound('invoice');
  return row;
}

export async function recordPayment(deps: CreditDeps, ctx: RequestContext, invoiceId: string, body: PaymentBody): Promise<Payment> {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const doc = await visibleDocument(tx, actor, invoiceId, true);
    if (doc.issuerTenantId !== actor.tenantId) throw new AppError('forbidden');
    if (doc.kind === 'creditNote') throw new AppError('invoice_not_payable');
    const amount = parseAmount(body.amount, doc.currency);
    if (amount === undefined || amount <= 0) {
      throw invalidFields({ path: '/amount', code: amount === 0 ? 'amount_invalid' : 'amount_too_precise', params: { currency: doc.currency, decimals: exponentOf(doc.currency) } });
    }
    const { balance } = settlementOf(doc, deps.now());
    if (amount > balance) throw new AppError('payment_exceeds_balance', { balance: formatAmount(Math.max(balance, 0), doc.currency), currency: doc.currency }, [{ path: '/amount', code: 'payment_exceeds_balance' }]);
    const [row] = await tx
      .insert(payments)
      .values({ invoiceId, amount, currency: doc.currency, paidOn: body.paidOn, reference: body.reference, recordedBy: actor.userId, createdAt: deps.now() })
      .returning();
    const view = paymentView(row!);
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'payment.recorded', resourceType: 'invoice', resourceId: invoiceId, after: view, recipients: [{ tenantId: doc.issuerTenantId }, { tenantId: doc.recipientTenantId }] });
    return view;
  });
}
