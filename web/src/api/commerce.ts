import { useInfiniteQuery, useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { Collection } from '@contracts/platform';
import type { Cart, Catalog, CatalogQuery, ChargeLine, CheckoutResult, LineBody, ScheduledChangesBody, Subscription, UpgradeBody, UpgradeOptions, UpgradeResult } from '@contracts/commerce';
import { keys } from './keys';
import type { MutationOptions } from './options';

/** Whose prices a catalog also carries (PRC-4): a provider's to one reseller, a reseller's to one customer. */
export type CatalogPricesFor = Omit<CatalogQuery, 'country'>;

/** The catalog comes a page of products at a time: the pickers read every page (the largest pages the API gives). */
async function wholeCatalog(country: string | undefined, pricesFor: CatalogPricesFor, signal: AbortSignal): Promise<Catalog> {
  const first = await api<Catalog>('/catalog/offers', { query: { country, size: 500, ...pricesFor }, signal });
  const items = [...first.items];
  let next = first.links.next?.uri;
  while (next) {
    const cursor = new URL(next, window.location.origin).searchParams.get('cursor') ?? undefined;
    const page = await api<Catalog>('/catalog/offers', { query: { country, size: 500, ...pricesFor, cursor }, signal });
    items.push(...page.items);
    next = page.links.next?.uri;
  }
  return { ...first, items, links: {} };
}

function catalogQuery(country: string | undefined, pricesFor: CatalogPricesFor = {}) {
  return {
    queryKey: keys.catalog(country ?? '', pricesFor),
    queryFn: ({ signal }: { signal: AbortSignal }) => wholeCatalog(country, pricesFor, signal),
    enabled: !!country,
  };
}

/** The catalog sold in `country`, with the caller's prices; nothing is read until the country is known. */
export function useCatalog(country: string | undefined, pricesFor?: CatalogPricesFor) {
  return useQuery(catalogQuery(country, pricesFor));
}

/** The catalog once per buyer (a provider's prices to each reseller), in the order given. */
export function useCatalogs(country: string | undefined, pricesFor: readonly CatalogPricesFor[]) {
  return useQueries({ queries: pricesFor.map((item) => catalogQuery(country, item)) });
}

/** Puts the lines in a new cart and checks it out (ORD: what cannot be ordered comes back in `orderErrors`). */
export function useCheckout<TVariables>(customerId: string, lineItems: (variables: TVariables) => LineBody[], options?: MutationOptions<CheckoutResult, TVariables>) {
  return useMutation({
    ...options,
    mutationFn: async (variables: TVariables) => {
      const cart = await api<Cart>(`/customers/${encodeURIComponent(customerId)}/carts`, { method: 'POST', body: { lineItems: lineItems(variables) } });
      return api<CheckoutResult>(`/customers/${encodeURIComponent(customerId)}/carts/${encodeURIComponent(cart.id)}/checkout`, { method: 'POST' });
    },
  });
}

function subscriptionPath(customerId: string, subscriptionId: string) {
  return `/customers/${encodeURIComponent(customerId)}/subscriptions/${encodeURIComponent(subscriptionId)}`;
}

/** One subscription with its term (TRM-1 … TRM-4), as the caller's tier sees its prices. */
export function useSubscription(customerId: string, subscriptionId: string) {
  return useQuery({
    queryKey: keys.subscription(customerId, subscriptionId),
    queryFn: ({ signal }) => api<Subscription>(subscriptionPath(customerId, subscriptionId), { signal }),
  });
}

/** TRM-6: a subscription's charge lines in the order they take effect, page by page (`links.next` followed as given). */
export function useChargeLines(customerId: string, subscriptionId: string) {
  return useInfiniteQuery({
    queryKey: keys.chargeLines(customerId, subscriptionId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<Collection<ChargeLine>>(pageParam, { signal })
        : api<Collection<ChargeLine>>(`${subscriptionPath(customerId, subscriptionId)}/charges`, { query: { size: 50 }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

export function useChangeQuantity(customerId: string, subscriptionId: () => string, options?: MutationOptions<Subscription, number>) {
  return useMutation({
    ...options,
    mutationFn: (quantity: number) => api<Subscription>(subscriptionPath(customerId, subscriptionId()), { method: 'PATCH', body: { quantity } }),
  });
}

export interface SubscriptionStatusChange {
  subscription: Subscription;
  status: 'active' | 'suspended';
}

export function useSetSubscriptionStatus(customerId: string, options?: MutationOptions<Subscription, SubscriptionStatusChange>) {
  return useMutation({
    ...options,
    mutationFn: ({ subscription, status }: SubscriptionStatusChange) =>
      api<Subscription>(subscriptionPath(customerId, subscription.id), { method: 'PATCH', body: { status } }),
  });
}

export function useCancelSubscription(customerId: string, options?: MutationOptions<Subscription, Subscription>) {
  return useMutation({
    ...options,
    mutationFn: (subscription: Subscription) => api<Subscription>(`${subscriptionPath(customerId, subscription.id)}/cancel`, { method: 'POST' }),
  });
}

export interface AutoRenewChange {
  subscription: Subscription;
  autoRenewEnabled: boolean;
}

/** Auto-renew on or off (the provider): off, the term expires at its commitment end (TRM-1). */
export function useSetAutoRenew(customerId: string, options?: MutationOptions<Subscription, AutoRenewChange>) {
  return useMutation({
    ...options,
    mutationFn: ({ subscription, autoRenewEnabled }: AutoRenewChange) =>
      api<Subscription>(subscriptionPath(customerId, subscription.id), { method: 'PATCH', body: { autoRenewEnabled } }),
  });
}

/** TRM-1: next-term changes for the renewal to apply; each field sent replaces the scheduled one. */
export function useScheduleNextTerm(customerId: string, subscriptionId: string, options?: MutationOptions<Subscription, ScheduledChangesBody>) {
  return useMutation({
    ...options,
    mutationFn: (body: ScheduledChangesBody) => api<Subscription>(`${subscriptionPath(customerId, subscriptionId)}/scheduled-changes`, { method: 'PUT', body }),
  });
}

/** TRM-1: drops every scheduled change (the renewal keeps the current term). */
export function useDropScheduledChanges(customerId: string, subscriptionId: string, options?: MutationOptions<Subscription, void>) {
  return useMutation({
    ...options,
    mutationFn: () => api<Subscription>(`${subscriptionPath(customerId, subscriptionId)}/scheduled-changes`, { method: 'DELETE' }),
  });
}

/** TRM-5: the SKUs the subscription may upgrade to along the operator's paths (none when it is not active). */
export function useUpgradeOptions(customerId: string, subscriptionId: string, enabled = true) {
  return useQuery({
    queryKey: keys.upgradeOptions(customerId, subscriptionId),
    queryFn: ({ signal }) => api<UpgradeOptions>(`${subscriptionPath(customerId, subscriptionId)}/upgrade-options`, { signal }),
    enabled,
  });
}

/** TRM-5: moves seats to a higher SKU: `to` is the new subscription, `from` the old one (cancelled when no seat is left). */
export function useUpgradeSubscription(customerId: string, subscriptionId: string, options?: MutationOptions<UpgradeResult, UpgradeBody>) {
  return useMutation({
    ...options,
    mutationFn: (body: UpgradeBody) => api<UpgradeResult>(`${subscriptionPath(customerId, subscriptionId)}/upgrade`, { method: 'POST', body }),
  });
}
