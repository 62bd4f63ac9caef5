// Billing (BIL): the invoices and statements the caller received or issued at a month's close, one
// document, and its lines, each a page at a time (`fetchNextPage` follows `links.next`); a document's PDF;
// the billing home's totals by month; reconciliation exports of a closed period (BIL-3), requested,
// followed while they run and downloaded; the open period's unbilled charges (BIL-3); and credit between
// the tiers (BIL-4): credit terms given and received, payments and credit notes (BIL-2) against a
// document, and balances by days past due; and the tenant's billing profile (BIL-1), which the documents
// it issues or receives from then on carry. Amounts are decimal strings with exactly the currency's
// decimals (PRC-5).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Collection } from '@contracts/platform';
import type { BillingProfile, BillingProfileBody, Invoice, InvoiceLine, UnbilledCharge } from '@contracts/billing';
import type { AgingRow, CreditNoteBody, CreditTerms, CreditTermsBody, Payment, PaymentBody, Payments } from '@contracts/billing/credit';
import type { ReviewItem } from '@contracts/enrollment';
import type { ReconciliationExport, ReconciliationExportBody, ReconciliationExports } from '@contracts/billing/reconciliation';
import { api, apiOrNull, apiPath } from '../api';
import { billingTotals, wholeMonths, type BillingTotals } from '../billingTotals';
import { MAX_PAGE } from './channel';
import { keys } from './keys';
import type { MutationOptions } from './options';

export type InvoiceDirection = 'received' | 'issued';

export const INVOICE_PAGE_SIZE = 25;
export const INVOICE_LINE_PAGE_SIZE = 50;

const invoicePath = (id: string) => `/invoices/${encodeURIComponent(id)}`;

/** The documents the caller received or issued, newest first. */
export function useInvoices(direction: InvoiceDirection) {
  return useInfiniteQuery({
    queryKey: keys.invoices.list(direction),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<Collection<Invoice>>(pageParam, { signal })
        : api<Collection<Invoice>>('/invoices', { query: { direction, size: INVOICE_PAGE_SIZE }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

/** One document (404 unless the caller issued or received it). */
export function useInvoice(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.invoices.invoice(id),
    queryFn: ({ signal }) => api<Invoice>(invoicePath(id), { signal }),
    enabled,
    retry: false,
  });
}

/** A document's lines, by line number. */
export function useInvoiceLines(id: string) {
  return useInfiniteQuery({
    queryKey: keys.invoices.lines(id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<Collection<InvoiceLine>>(pageParam, { signal })
        : api<Collection<InvoiceLine>>(`${invoicePath(id)}/lines`, { query: { size: INVOICE_LINE_PAGE_SIZE }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
    retry: false,
  });
}

/**
 * A document as PDF (an attachment the browser downloads with the session cookie), in `lang` (one of the
 * portal's languages).
 */
export function invoicePdfUrl(id: string, lang: string): string {
  return apiPath(`${invoicePath(id)}/pdf`, { lang });
}

// --------------------------------------------------------------------------- totals by month

/** The months the billing home shows, and how many pages of one direction it reads at most. */
export const TOTALS_MONTHS = 12;
const TOTALS_MAX_PAGES = 10;

/**
 * One direction's documents of at least its latest `months` months (newest first): pages of MAX_PAGE
 * until the list ends, or a page reaches an older month or TOTALS_MAX_PAGES were read (then the oldest
 * month read, maybe only in part, is left out). billingTotals keeps the latest months.
 */
async function recentDocuments(direction: InvoiceDirection, months: number, signal: AbortSignal): Promise<Invoice[]> {
  const documents: Invoice[] = [];
  const seen = new Set<string>();
  let page = await api<Collection<Invoice>>('/invoices', { query: { direction, size: MAX_PAGE }, signal });
  for (let read = 1; ; read++) {
    for (const invoice of page.items) {
      seen.add(invoice.periodStart.slice(0, 7));
      documents.push(invoice);
    }
    const next = page.links?.next?.uri;
    if (!next) return documents;
    if (seen.size > months || read >= TOTALS_MAX_PAGES) return wholeMonths(documents, false);
    page = await api<Collection<Invoice>>(next, { signal });
  }
}

/** BIL-1: the received and issued totals of the latest months, per currency (see billingTotals). */
export function useBillingTotals() {
  return useQuery({
    queryKey: keys.invoices.totals,
    queryFn: async ({ signal }): Promise<BillingTotals> => {
      const [received, issued] = await Promise.all([recentDocuments('received', TOTALS_MONTHS, signal), recentDocuments('issued', TOTALS_MONTHS, signal)]);
      return billingTotals(received, issued, TOTALS_MONTHS);
    },
  });
}

// ---------------------------------------------------------------------- reconciliation exports

export const RECONCILIATION_PAGE_SIZE = 25;
/** How often the list is read again while an export is queued or running. */
export const RECONCILIATION_POLL_MS = 2000;

const exportPath = (id: string) => `/reconciliation-exports/${encodeURIComponent(id)}`;

/** True while the export's job has not finished. */
export function exportInProgress(entry: Pick<ReconciliationExport, 'status'>): boolean {
  return entry.status === 'queued' || entry.status === 'running';
}

/** BIL-3: the tenant's exports, newest first, read again every few seconds while one is in progress. */
export function useReconciliationExports() {
  return useInfiniteQuery({
    queryKey: keys.reconciliationExports.all,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<ReconciliationExports>(pageParam, { signal })
        : api<ReconciliationExports>('/reconciliation-exports', { query: { size: RECONCILIATION_PAGE_SIZE }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some(exportInProgress)) ? RECONCILIATION_POLL_MS : false),
  });
}

/** BIL-3: asks for a closed period's export (202, queued); the list then follows it. */
export function useRequestReconciliationExport(options?: MutationOptions<ReconciliationExport, ReconciliationExportBody>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body: ReconciliationExportBody) => api<ReconciliationExport>('/reconciliation-exports', { method: 'POST', body }),
    onSuccess: async (data, ...rest) => {
      await queryClient.invalidateQueries({ queryKey: keys.reconciliationExports.all });
      await options?.onSuccess?.(data, ...rest);
    },
  });
}

/** One export read now: a succeeded one comes with a new download link (each expires). */
export function fetchReconciliationExport(id: string): Promise<ReconciliationExport> {
  return api<ReconciliationExport>(exportPath(id));
}

// ---------------------------------------------------------------------------- unbilled charges

export const UNBILLED_PAGE_SIZE = 50;

/** BIL-3: the open period's charges the caller will be invoiced for (received) or will invoice (issued). */
export function useUnbilledCharges(direction: InvoiceDirection) {
  return useInfiniteQuery({
    queryKey: keys.unbilledCharges.list(direction),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<Collection<UnbilledCharge>>(pageParam, { signal })
        : api<Collection<UnbilledCharge>>('/unbilled-charges', { query: { direction, size: UNBILLED_PAGE_SIZE }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

// ------------------------------------------------------------------------------ credit (BIL-4)

/** Terms the caller gives its buyers (issued) or its sellers give it (received). */
export type CreditDirection = 'issued' | 'received';

/** BIL-4: the credit terms given or received, each with the buyer's exposure now. */
export function useCreditTerms(direction: CreditDirection) {
  return useInfiniteQuery({
    queryKey: keys.credit.terms(direction),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<Collection<CreditTerms>>(pageParam, { signal })
        : api<Collection<CreditTerms>>('/credit-terms', { query: { direction, size: MAX_PAGE }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

export interface SetCreditTermsInput {
  buyerTenantId: string;
  body: CreditTermsBody;
}

/** BIL-4: a seller sets one buyer's credit limit, payment terms and grace (a provider its resellers', the operator its providers'). */
export function useSetCreditTerms(options?: MutationOptions<CreditTerms, SetCreditTermsInput>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ buyerTenantId, body }: SetCreditTermsInput) =>
      api<CreditTerms>(`/credit-terms/${encodeURIComponent(buyerTenantId)}`, { method: 'PUT', body }),
    onSuccess: async (data, ...rest) => {
      await queryClient.invalidateQueries({ queryKey: keys.credit.all });
      await options?.onSuccess?.(data, ...rest);
    },
  });
}

/** The active indirect providers, for the operator to give credit terms to (its review queue, by program and status). */
export function useActiveProviders(enabled: boolean) {
  return useQuery({
    queryKey: keys.operator.providers,
    queryFn: ({ signal }) => api<Collection<ReviewItem>>('/operator/enrollments', { query: { program: 'indirectProvider', status: 'active', size: MAX_PAGE }, signal }),
    enabled,
  });
}

/** BIL-4: the balances by days past due, per counterparty and currency: owed to the caller (issued) or by it (received). */
export function useAging(direction: CreditDirection) {
  return useInfiniteQuery({
    queryKey: keys.credit.aging(direction),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam ? api<Collection<AgingRow>>(pageParam, { signal }) : api<Collection<AgingRow>>('/aging', { query: { direction, size: MAX_PAGE }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

/** BIL-4: the payments recorded against a document, oldest first. */
export function useInvoicePayments(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.invoices.payments(id),
    queryFn: ({ signal }) => api<Payments>(`${invoicePath(id)}/payments`, { signal }),
    enabled,
    retry: false,
  });
}

/** After a payment or a credit note: the documents (their balances and statuses), the credit and aging that follow from them. */
async function refreshBalances(queryClient: ReturnType<typeof useQueryClient>) {
  await Promise.all([queryClient.invalidateQueries({ queryKey: keys.invoices.all }), queryClient.invalidateQueries({ queryKey: keys.credit.all })]);
}

/** BIL-4: the issuer records a payment against its invoice or statement (never above its balance). */
export function useRecordPayment(id: string, options?: MutationOptions<Payment, PaymentBody>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body: PaymentBody) => api<Payment>(`${invoicePath(id)}/payments`, { method: 'POST', body }),
    onSuccess: async (data, ...rest) => {
      await refreshBalances(queryClient);
      await options?.onSuccess?.(data, ...rest);
    },
  });
}

/** BIL-2: the issuer corrects its document with a credit note: every line left to credit, or the chosen lines (amounts before tax). */
export function useIssueCreditNote(id: string, options?: MutationOptions<Invoice, CreditNoteBody>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body: CreditNoteBody) => api<Invoice>(`${invoicePath(id)}/credit-notes`, { method: 'POST', body }),
    onSuccess: async (data, ...rest) => {
      await refreshBalances(queryClient);
      await options?.onSuccess?.(data, ...rest);
    },
  });
}

// --------------------------------------------------------------------- billing profile (BIL-1)

/** BIL-1: the tenant's billing profile, or null while none is set. */
export function useBillingProfile() {
  return useQuery({
    queryKey: keys.billingProfile,
    queryFn: ({ signal }) => apiOrNull<BillingProfile>('/billing-profile', { signal }),
  });
}

/** BIL-1: sets the tenant's billing profile; documents issued from then on carry it, issued ones keep theirs. */
export function useSetBillingProfile(options?: MutationOptions<BillingProfile, BillingProfileBody>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body: BillingProfileBody) => api<BillingProfile>('/billing-profile', { method: 'PUT', body }),
    onSuccess: async (data, ...rest) => {
      queryClient.setQueryData(keys.billingProfile, data);
      await options?.onSuccess?.(data, ...rest);
    },
  });
}
