// BIL-1: invoice-ready notices, the job (queue billing.invoiceNotices) the month-end run enqueues in its
// closing transaction (close-billing-period.ts) once it has issued a period's documents. Each document's
// recipient hears from it: every active billing admin and global admin of the recipient gets a mail in
// their own language naming the document, its issuer, period, total and due date, with a link to it in
// the portal (the portal's notifications list the same messages).
// In batches of noticesPerBatch documents, each batch one transaction: the documents' invoice_notices
// rows are claimed (a document that has one is skipped) and their mails written to the outbox in that
// same transaction. So a job that crashes leaves nothing of its unfinished batch, and one that runs
// again (or twice at once) sends no document's notice twice.
import { inArray, sql } from 'drizzle-orm';
import { arrayLiteral, query, type Tx } from '../../../db/index.js';
import { writeAudits, type RequestContext } from '../../../platform/audit.js';
import { isLocale, type Locale } from '../../../platform/i18n/index.js';
import { documentFormat } from '../documents/invoice-pdf.js';
import { documentTitle } from '../documents/invoice-text.js';
import { invoiceNoticeRoles } from '../rules.js';
import { invoices } from '../schema.js';
import { invoiceView, type InvoiceRow } from '../views.js';
import type { BillingDeps } from './deps.js';

const noticeContext: RequestContext = { requestId: 'invoice-notices', locale: 'en' };

/** Documents per batch (each with the mails to its recipient's admins). */
export const noticesPerBatch = 200;

/** The job's payload: the period the run closed and the instant it issued its documents at. */
export interface InvoiceNoticePayload {
  periodStart: string;
  issuedAt: string;
}

/** Sends every notice the run's documents still owe; answers how many documents were noticed now. */
export async function sendInvoiceNotices(deps: BillingDeps, payload: Record<string, unknown>): Promise<number> {
  const periodStart = instantOf(payload.periodStart);
  const issuedAt = instantOf(payload.issuedAt);
  if (!periodStart || !issuedAt) return 0;
  let noticed = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await deps.platform.transaction(async (tx) => {
      // The next documents of the run, in ID order (a keyset: each batch starts after the last one's).
      const ids = await query<{ id: string }>(
        tx,
        sql`select id from invoices
            where period_start = ${periodStart}::timestamptz and issued_at = ${issuedAt}::timestamptz ${after ? sql`and id > ${after}::uuid` : sql``}
            order by id
            limit ${noticesPerBatch}`,
      );
      if (ids.length === 0) return { last: undefined, noticed: 0 };
      // Those without a notice yet become this batch's; one another run holds waits for it, then is skipped.
      const claimed = await query<{ id: string }>(
        tx,
        sql`insert into invoice_notices (invoice_id, sent_at)
            select id, ${deps.now()}::timestamptz from unnest(${arrayLiteral(ids.map((r) => r.id))}::uuid[]) as id
            on conflict (invoice_id) do nothing
            returning invoice_id as id`,
      );
      if (claimed.length > 0) {
        const documents: InvoiceRow[] = await tx.select().from(invoices).where(inArray(invoices.id, claimed.map((c) => c.id))).orderBy(invoices.id);
        await mailNotices(deps, tx, documents);
        // EVT-1: each document is an invoice-ready event for its recipient, in the shape the API shows it.
        const at = deps.now();
        await writeAudits(
          tx,
          noticeContext,
          documents.map((d) => ({
            tenantId: d.recipientTenantId,
            actorTenantId: d.issuerTenantId,
            action: 'invoice.ready',
            resourceType: 'invoice',
            resourceId: d.id,
            resourceName: String(d.number),
            after: invoiceView({ ...d, amountPaid: 0, amountCredited: 0, balance: d.total }, at),
            recipients: [{ tenantId: d.recipientTenantId }],
          })),
        );
      }
      return { last: ids.at(-1)!.id, noticed: claimed.length };
    });
    noticed += batch.noticed;
    if (!batch.last) return noticed;
    after = batch.last;
    deps.platform.crashPoint('invoiceNotices');
  }
}

function instantOf(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** One mail per document and admin of its recipient, in the admin's language, each a portal notification too. */
async function mailNotices(deps: BillingDeps, tx: Tx, documents: InvoiceRow[]) {
  const admins = await deps.identity.usersWithRolesOf(
    documents.map((d) => d.recipientTenantId),
    invoiceNoticeRoles,
    tx,
  );
  const byTenant = new Map<string, typeof admins>();
  for (const admin of admins) byTenant.set(admin.tenantId, [...(byTenant.get(admin.tenantId) ?? []), admin]);
  const portal = deps.platform.config.publicUrl.replace(/\/$/, '');
  for (const document of documents) {
    for (const admin of byTenant.get(document.recipientTenantId) ?? []) {
      const locale: Locale = isLocale(admin.language) ? admin.language : 'en';
      const format = documentFormat(locale, document.currency);
      await deps.platform.mailer.enqueue(tx, {
        template: 'invoiceReady',
        locale,
        to: admin.email,
        recipientUserId: admin.id,
        tenantId: document.recipientTenantId,
        params: {
          name: admin.displayName,
          document: documentTitle(document.kind, locale),
          number: document.number,
          issuer: document.issuerName,
          recipient: document.recipientName,
          period: format.period(document.periodStart, document.periodEnd),
          total: `${format.amount(document.total)} ${document.currency}`,
          dueDate: format.date(document.dueAt),
          url: `${portal}/invoices/${encodeURIComponent(document.id)}`,
        },
      });
    }
  }
}
