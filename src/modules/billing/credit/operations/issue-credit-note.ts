// BIL-2: an issued document never changes; its issuer corrects it with a credit note, a document of its
// own numbered in the issuer's sequence (no gaps: the sequence's row is taken with the number), that
// names the document it corrects and why. Each credited line names the line it credits, with the
// amount credited (all that is left on it, or less) and its tax at the document's rate, all negative;
// no line is ever credited beyond its amount. The corrected document is locked first, so two credit
// notes (or a credit note and a payment) at once see each other. Audited in the same transaction.
import { sql } from 'drizzle-orm';
import { arrayLiteral, query } from '../../../../db/index.js';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { AppError, invalidFields, type FieldError } from '../../../../platform/errors.js';
import { exponentOf, formatAmount, parseAmount } from '../../../../platform/money.js';
import type { Invoice } from '../../contract.js';
import { invoiceView } from '../../views.js';
import type { CreditNoteBody } from '../contract.js';
import { planCreditNote, type CreditableLine } from '../rules.js';
import type { CreditDeps } from './deps.js';
import { visibleDocument } from './record-payment.js';

export async function issueCreditNote(deps: CreditDeps, ctx: RequestContext, invoiceId: string, body: CreditNoteBody): Promise<Invoice> {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const doc = await visibleDocument(tx, actor, invoiceId, true);
    if (doc.issuerTenantId !== actor.tenantId) throw new AppError('forbidden');
    if (doc.kind === 'creditNote') throw new AppError('nothing_to_credit');
    const fieldErrors: FieldError[] = [];
    const requested = body.lines?.map((l, index) => {
      if (l.amount === undefined) return { lineNumber: l.lineNumber };
      const amount = parseAmount(l.amount, doc.currency);
      if (amount === undefined) fieldErrors.push({ path: `/lines/${index}/amount`, code: 'amount_too_precise', params: { currency: doc.currency, decimals: exponentOf(doc.currency) } });
      return { lineNumber: l.lineNumber, amount: amount ?? 0 };
    });
    if (fieldErrors.length) throw invalidFields(...fieldErrors);
    const numbers = requested?.map((r) => r.lineNumber);
    const lines = await query<{ lineNumber: number; amount: string; credited: string }>(
      tx,
      sql`select l.line_number as "lineNumber", l.amount::text as amount,
            (select coalesce(-sum(c.amount), 0) from invoices n join invoice_lines c on c.invoice_id = n.id
              where n.corrects_invoice_id = l.invoice_id and c.corrects_line_number = l.line_number)::text as credited
          from invoice_lines l
          where l.invoice_id = ${invoiceId}::uuid ${numbers ? sql`and l.line_number = any(${arrayLiteral(numbers.map(String))}::int[])` : sql``}
          order by l.line_number`,
    );
    const creditable: CreditableLine[] = lines.map((l) => ({ lineNumber: l.lineNumber, amount: Number(l.amount), credited: Number(l.credited) }));
    const plan = planCreditNote(creditable, requested, doc.taxRateBp);
    if (plan.errors.length) {
      throw invalidFields(
        ...plan.errors.map((e) => ({
          path: body.lines ? `/lines/${e.index}/${e.code === 'credit_exceeds_line' ? 'amount' : 'lineNumber'}` : '/lines',
          code: e.code,
          params: { lineNumber: e.lineNumber, remaining: formatAmount(e.remaining, doc.currency), currency: doc.currency },
        })),
      );
    }
    if (plan.lines.length === 0) throw new AppError('nothing_to_credit');
    const subtotal = -plan.lines.reduce((sum, l) => sum + l.amount, 0);
    const tax = -plan.lines.reduce((sum, l) => sum + l.tax, 0);
    const at = deps.now();
    const [numbered] = await query<{ n: number }>(
      tx,
      sql`insert into invoice_sequences (issuer_tenant_id, last_number) values (${doc.issuerTenantId}::uuid, 1)
          on conflict (issuer_tenant_id) do update set last_number = invoice_sequences.last_number + 1
          returning last_number as n`,
    );
    const [note] = await query<{ id: string }>(
      tx,
      sql`insert into invoices (kind, tier, issuer_tenant_id, recipient_tenant_id, number, period_start, period_end, currency, issuer_name, recipient_name,
            recipient_country, tax_rate_bp, line_count, subtotal, tax, total, issued_at, due_at, corrects_invoice_id, reason, issuer_profile, recipient_profile)
          values ('creditNote', ${doc.tier}, ${doc.issuerTenantId}::uuid, ${doc.recipientTenantId}::uuid, ${numbered!.n}, ${doc.periodStart}::timestamptz,
            ${doc.periodEnd}::timestamptz, ${doc.currency}, ${doc.issuerName}, ${doc.recipientName}, ${doc.recipientCountry}, ${doc.taxRateBp}, ${plan.lines.length},
            ${subtotal}, ${tax}, ${subtotal + tax}, ${at}::timestamptz, ${at}::timestamptz, ${doc.id}::uuid, ${body.reason},
            (select issuer_profile from invoices where id = ${doc.id}::uuid), (select recipient_profile from invoices where id = ${doc.id}::uuid))
          returning id`,
    );
    const col = (pick: (l: (typeof plan.lines)[number]) => number) => arrayLiteral(plan.lines.map((l) => String(pick(l))));
    await tx.execute(
      sql`insert into invoice_lines (invoice_id, line_number, charge_line_id, customer_tenant_id, customer_name, subscription_id, subscription_name, order_id,
            offer_id, product_name, sku_id, term_duration, billing_cycle, charge_type, charge_start, charge_end, quantity, charged_days, period_days,
            unit_price, amount, tax, total, currency, partner_id_on_record, corrects_line_number)
          select ${note!.id}::uuid, p.ord, l.charge_line_id, l.customer_tenant_id, l.customer_name, l.subscription_id, l.subscription_name, l.order_id,
            l.offer_id, l.product_name, l.sku_id, l.term_duration, l.billing_cycle, l.charge_type, l.charge_start, l.charge_end, l.quantity, l.charged_days, l.period_days,
            l.unit_price, -p.amount, -p.tax, -(p.amount + p.tax), l.currency, l.partner_id_on_record, l.line_number
          from unnest(${col((l) => l.lineNumber)}::int[], ${col((l) => l.amount)}::bigint[], ${col((l) => l.tax)}::bigint[]) with ordinality as p(line_number, amount, tax, ord)
            join invoice_lines l on l.invoice_id = ${doc.id}::uuid and l.line_number = p.line_number`,
    );
    const view = invoiceView(
      {
        ...doc,
        id: note!.id,
        kind: 'creditNote',
        number: numbered!.n,
        lineCount: plan.lines.length,
        subtotal,
        tax,
        total: subtotal + tax,
        issuedAt: at,
        dueAt: at,
        correctsInvoiceId: doc.id,
        reason: body.reason,
        amountPaid: 0,
        amountCredited: 0,
        balance: subtotal + tax,
      },
      at,
    );
    // EVT-1: a credit note is a document issued to the recipient: invoice-ready, for the recipient.
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'creditNote.issued', resourceType: 'invoice', resourceId: note!.id, after: view, event: 'invoice-ready', recipients: [{ tenantId: doc.recipientTenantId }] });
    return view;
  });
}
