import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { Cart, Catalog, CatalogQuery, CheckoutResult, LineBody, Subscription } from '@contracts/commerce';
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
