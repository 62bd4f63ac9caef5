// The billing home's figures as pure functions over the documents (BIL-1): each month's received and
// issued totals per currency, added exactly on the API's decimal strings (PRC-5: never through a float),
// the months a reconciliation export may name (BIL-3: a closed period), and the aging's totals per
// currency (BIL-4).
import type { Invoice } from '@contracts/billing';
import type { AgingRow } from '@contracts/billing/credit';
import { sumOf, totalOf } from './money';

/** A calendar month as `YYYY-MM` (UTC). */
export type Month = string;

/** The month a document bills: its period's first day, UTC. */
export function monthOf(invoice: Pick<Invoice, 'periodStart'>): Month {
  return invoice.periodStart.slice(0, 7);
}

/** The month `count` months after `month` (before it when negative). */
export function addMonths(month: Month, count: number): Month {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, index - 1 + count, 1));
  return date.toISOString().slice(0, 7);
}

/**
 * The documents of whole months only, from one direction's newest-first pages: when the reading stopped
 * before the list's end (`exhausted` false), the oldest month read may hold only part of its documents,
 * so it is left out (unless it is the only month read).
 */
export function wholeMonths<T extends Pick<Invoice, 'periodStart'>>(documents: readonly T[], exhausted: boolean): T[] {
  if (exhausted || documents.length === 0) return [...documents];
  const oldest = documents.map(monthOf).reduce((a, b) => (a < b ? a : b));
  const rest = documents.filter((invoice) => monthOf(invoice) !== oldest);
  return rest.length > 0 ? rest : [...documents];
}

/** One month of one currency: the totals of the documents received and issued, and how many each. */
export interface MonthFigures {
  month: Month;
  /** Decimal text in the currency ("0" when none). */
  received: string;
  receivedCount: number;
  issued: string;
  issuedCount: number;
}

/** One currency's months, oldest first, without gaps. */
export interface CurrencyFigures {
  currency: string;
  months: MonthFigures[];
}

export interface BillingTotals {
  /** Per currency, the currency with the newest documents first (then by code). */
  currencies: CurrencyFigures[];
  /** Every month that holds a document, newest first (each is closed: its run issued them). */
  documentMonths: Month[];
}

type Totaled = Pick<Invoice, 'periodStart' | 'currency' | 'total'>;

/**
 * BIL-1: each currency's received and issued totals for the latest `months` months that hold documents
 * (counting back from the newest month with a document of that currency), months without documents
 * in between shown as zero.
 */
export function billingTotals(received: readonly Totaled[], issued: readonly Totaled[], months = 12): BillingTotals {
  const byCurrency = new Map<string, { received: Map<Month, string[]>; issued: Map<Month, string[]> }>();
  const add = (direction: 'received' | 'issued', invoice: Totaled) => {
    let entry = byCurrency.get(invoice.currency);
    if (!entry) {
      entry = { received: new Map(), issued: new Map() };
      byCurrency.set(invoice.currency, entry);
    }
    const month = monthOf(invoice);
    const amounts = entry[direction].get(month) ?? [];
    amounts.push(invoice.total);
    entry[direction].set(month, amounts);
  };
  for (const invoice of received) add('received', invoice);
  for (const invoice of issued) add('issued', invoice);

  const sum = (amounts: string[] | undefined) => (amounts ? (totalOf(amounts.map((amount) => ({ amount, quantity: 1 }))) ?? '0') : '0');
  const currencies: CurrencyFigures[] = [];
  for (const [currency, entry] of byCurrency) {
    const held = [...entry.received.keys(), ...entry.issued.keys()].sort();
    const newest = held[held.length - 1]!;
    const first = [held[0]!, addMonths(newest, 1 - months)].sort()[1]!;
    const figures: MonthFigures[] = [];
    for (let month = first; month <= newest; month = addMonths(month, 1)) {
      figures.push({
        month,
        received: sum(entry.received.get(month)),
        receivedCount: entry.received.get(month)?.length ?? 0,
        issued: sum(entry.issued.get(month)),
        issuedCount: entry.issued.get(month)?.length ?? 0,
      });
    }
    currencies.push({ currency, months: figures });
  }
  currencies.sort((a, b) => {
    const newestA = a.months[a.months.length - 1]!.month;
    const newestB = b.months[b.months.length - 1]!.month;
    return newestA === newestB ? a.currency.localeCompare(b.currency) : newestA < newestB ? 1 : -1;
  });
  const documentMonths = [...new Set([...received, ...issued].map(monthOf))].sort().reverse();
  return { currencies, documentMonths };
}

/**
 * BIL-3: the months offered for a reconciliation export, newest first: those holding the tenant's
 * documents (closed for certain) and the `count` months that ended before `now` (closed once the
 * month-end run has passed; the API refuses one that is not, naming the field).
 */
export function exportMonths(now: Date, documentMonths: readonly Month[], count = 24): Month[] {
  const current = now.toISOString().slice(0, 7);
  const ended = Array.from({ length: count }, (_, index) => addMonths(current, -(index + 1)));
  return [...new Set([...documentMonths, ...ended])].sort().reverse();
}

// ------------------------------------------------------------------------------------ aging (BIL-4)

/** The aging's amounts: not yet due, by days past due, and their total. */
export const AGING_BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90', 'total'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface AgingTotals {
  currency: string;
  sums: Record<AgingBucket, string>;
  openDocuments: number;
}

/** Per currency, in the order the currencies first appear: each bucket's sum, exactly, and the open documents. */
export function agingTotals(rows: readonly Pick<AgingRow, AgingBucket | 'currency' | 'openDocuments'>[]): AgingTotals[] {
  const currencies = [...new Set(rows.map((row) => row.currency))];
  return currencies.map((currency) => {
    const of = rows.filter((row) => row.currency === currency);
    const sums = Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, sumOf(of.map((row) => row[bucket])) ?? ''])) as Record<AgingBucket, string>;
    return { currency, sums, openDocuments: of.reduce((total, row) => total + row.openDocuments, 0) };
  });
}
