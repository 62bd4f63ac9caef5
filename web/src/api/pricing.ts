// Pricing: the operator's monthly price lists (PRC-1: versions, a coming month's draft copied from the
// list in force, its entries set or removed, published once) and partners' repricing configs for their
// buyers with the live preview of what a buyer pays (PRC-2, PRC-4). Amounts are decimal strings (PRC-5).
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Collection } from '@contracts/platform';
import type {
  PartnerDiscount,
  PartnerDiscountBody,
  PartnerDiscounts,
  PriceList,
  PriceListEntriesBody,
  PriceListEntry,
  PriceListEntryQuery,
  PricePreview,
  PricePreviewQuery,
  PriceSheetQuery,
  RepricingConfig,
  RepricingConfigBody,
  RepricingTier,
} from '@contracts/pricing';
import { api, apiPath } from '../api';
import { MAX_PAGE } from './channel';
import { keys } from './keys';
import type { MutationOptions } from './options';

const priceListPath = (id: string) => `/price-lists/${encodeURIComponent(id)}`;

/** The price-list versions, newest month first, a page at a time (`fetchNextPage` follows `links.next`). */
export function usePriceLists() {
  return useInfiniteQuery({
    queryKey: keys.pricing.priceLists,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => (pageParam ? api<Collection<PriceList>>(pageParam, { signal }) : api<Collection<PriceList>>('/price-lists', { query: { size: 24 }, signal })),
    getNextPageParam: (last) => last.links.next?.uri ?? null,
  });
}

/** One version; `id` null while none is chosen (nothing is read). */
export function usePriceList(id: string | null) {
  return useQuery({
    queryKey: keys.pricing.priceList(id ?? ''),
    queryFn: ({ signal }) => api<PriceList>(priceListPath(id!), { signal }),
    enabled: id !== null,
  });
}

/** The entries filter the API applies (product, currency, the list's own or the marketplace's); the page size is the portal's. */
export type EntryFilters = Pick<PriceListEntryQuery, 'productId' | 'currency' | 'source'>;
export const ENTRY_PAGE_SIZE = 50;

/**
 * One page of a price list's entries (keyset paging): the first page for the filters, or the page at
 * `pageUri` (a `links.next.uri` of an earlier page). The page shown stays while the next one loads.
 */
export function usePriceListEntries(priceListId: string | undefined, filters: EntryFilters, pageUri: string | null) {
  return useQuery({
    queryKey: keys.pricing.entries(priceListId ?? '', { ...filters, pageUri }),
    queryFn: ({ signal }) =>
      pageUri
        ? api<Collection<PriceListEntry>>(pageUri, { signal })
        : api<Collection<PriceListEntry>>(`${priceListPath(priceListId!)}/entries`, { query: { ...filters, size: ENTRY_PAGE_SIZE }, signal }),
    enabled: !!priceListId,
    placeholderData: keepPreviousData,
  });
}

/** Refreshes the versions and their entries after a change (then calls the page's own onSuccess). */
function usePriceListMutation<TVariables>(mutationFn: (variables: TVariables) => Promise<PriceList>, options?: MutationOptions<PriceList, TVariables>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn,
    onSuccess: async (data, ...rest) => {
      await queryClient.invalidateQueries({ queryKey: keys.pricing.priceLists });
      await options?.onSuccess?.(data, ...rest);
    },
  });
}

/** PRC-1: prepares a month's draft, copied from the version in force before it. */
export function useCreatePriceList(options?: MutationOptions<PriceList, string>) {
  return usePriceListMutation((month: string) => api<PriceList>('/price-lists', { method: 'POST', body: { month } }), options);
}

/** PRC-1: sets or removes entries of a draft. */
export function useSetPriceListEntries(priceListId: string, options?: MutationOptions<PriceList, PriceListEntriesBody['entries']>) {
  return usePriceListMutation(
    (entries: PriceListEntriesBody['entries']) => api<PriceList>(`${priceListPath(priceListId)}/entries`, { method: 'PUT', body: { entries } }),
    options,
  );
}

/** PRC-1: publishes a draft; it never changes again. */
export function usePublishPriceList(options?: MutationOptions<PriceList, string>) {
  return usePriceListMutation((id: string) => api<PriceList>(`${priceListPath(id)}/publish`, { method: 'POST' }), options);
}

/** The caller's repricing configs of a tier, newest first (a partner keeps few: one page of the largest size). */
export function useRepricingConfigs(tier: RepricingTier | undefined) {
  return useQuery({
    queryKey: keys.pricing.configs.list(tier ?? ''),
    queryFn: ({ signal }) => api<Collection<RepricingConfig>>('/repricing-configs', { query: { tier, size: MAX_PAGE }, signal }),
    enabled: !!tier,
  });
}

function useConfigMutation<TData, TVariables>(mutationFn: (variables: TVariables) => Promise<TData>, options?: MutationOptions<TData, TVariables>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn,
    onSuccess: async (data, ...rest) => {
      await queryClient.invalidateQueries({ queryKey: keys.pricing.configs.all });
      await queryClient.invalidateQueries({ queryKey: keys.pricing.previews.all });
      await options?.onSuccess?.(data, ...rest);
    },
  });
}

export function useCreateRepricingConfig(options?: MutationOptions<RepricingConfig, RepricingConfigBody>) {
  return useConfigMutation((body: RepricingConfigBody) => api<RepricingConfig>('/repricing-configs', { method: 'POST', body }), options);
}

export function useDeleteRepricingConfig(options?: MutationOptions<void, string>) {
  return useConfigMutation((id: string) => api<void>(`/repricing-configs/${encodeURIComponent(id)}`, { method: 'DELETE' }), options);
}

/**
 * PRC-2, PRC-4: what the caller pays, the list price and what one buyer pays for a SKU in a month
 * under the caller's configs; nothing is read until the query is complete.
 */
export function usePricePreview(query: PricePreviewQuery | null) {
  return useQuery({
    queryKey: keys.pricing.previews.of(query),
    queryFn: ({ signal }) => api<PricePreview>('/repricing-configs/preview', { query: { ...query! }, signal }),
    enabled: query !== null,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

/** PRC-1: the program's partner discount per marketplace offer type (a plan's provider cost is its price less it). */
export function usePartnerDiscounts() {
  return useQuery({
    queryKey: keys.pricing.partnerDiscounts,
    queryFn: ({ signal }) => api<PartnerDiscounts>('/operator/partner-discounts', { signal }),
  });
}

/** Sets an offer type's discount; the marketplace rows of the price lists change with it. */
export function useSetPartnerDiscount(options?: MutationOptions<PartnerDiscount, { offerType: PartnerDiscount['offerType']; body: PartnerDiscountBody }>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ offerType, body }: { offerType: PartnerDiscount['offerType']; body: PartnerDiscountBody }) =>
      api<PartnerDiscount>(`/operator/partner-discounts/${encodeURIComponent(offerType)}`, { method: 'PUT', body }),
    onSuccess: async (data, ...rest) => {
      await queryClient.invalidateQueries({ queryKey: keys.pricing.partnerDiscounts });
      await queryClient.invalidateQueries({ queryKey: keys.pricing.priceLists });
      await options?.onSuccess?.(data, ...rest);
    },
  });
}

/**
 * PRC-4: the address of the caller's price sheet as CSV (an attachment the browser downloads with the
 * session cookie): the operator's list prices and costs, a provider's cost and resellers' prices, a
 * reseller's cost and customers' prices.
 */
export function priceSheetUrl(query: Omit<PriceSheetQuery, 'format'>): string {
  return apiPath('/price-sheets', { ...query, format: 'csv' });
}
