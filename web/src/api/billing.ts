// Billing (BIL): the invoices and statements the caller received or issued at a month's close, one
// document, and its lines, each a page at a time (`fetchNextPage` follows `links.next`). Amounts are
// decimal strings with exactly the currency's decimals (PRC-5).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Collection } from '@contracts/platform';
import type { Invoice, InvoiceLine } from '@contracts/billing';
import { api } from '../api';
import { keys } from './keys';

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
export function useInvoice(id: string) {
  return useQuery({
    queryKey: keys.invoices.invoice(id),
    queryFn: ({ signal }) => api<Invoice>(invoicePath(id), { signal }),
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
