// Marketplace data: offers (draft and live side by side, with the ETag for If-Match), the CSP
// reseller audience, support requests and the partners' and public views (MKP-1 … MKP-11).
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, apiWithEtag } from '../api';
import type { Collection } from '@contracts/platform';
import type { SupportRequestBody } from '@contracts/marketplace';
import type {
  Audience,
  AudienceMode,
  CspOffer,
  Listing,
  Offer,
  OfferType,
  PartnerSearchFilters,
  PartnerSearchResult,
  Plan,
  StorefrontOffer,
  SupportQueueItem,
  SupportRequest,
} from '../routes/marketplace/model';
import { keys } from './keys';
import type { MutationOptions } from './options';

export function useOffers(enabled = true) {
  return useQuery({
    queryKey: keys.marketplace.offers,
    queryFn: ({ signal }) => api<Collection<Offer>>('/offers', { signal }),
    enabled,
  });
}

/** The offer and its audience, with the ETag of the newest answer (sent as If-Match on the next change). */
export interface OfferState {
  offer: Offer;
  audience: Audience;
  etag: string | null;
}

export async function fetchOfferState(id: string, signal?: AbortSignal): Promise<OfferState> {
  const path = `/offers/${encodeURIComponent(id)}`;
  const [offer, audience] = await Promise.all([
    apiWithEtag<Offer>(path, { signal }),
    apiWithEtag<Audience>(`${path}/csp-audience`, { signal }),
  ]);
  // Both carry the offer's version; the later one (read second) is the safer If-Match.
  return { offer: offer.data, audience: audience.data, etag: audience.etag ?? offer.etag };
}

export function useOfferState(id: string) {
  return useQuery({
    queryKey: keys.marketplace.offer(id),
    queryFn: ({ signal }) => fetchOfferState(id, signal),
    staleTime: 0,
  });
}

export function useSupportRequests() {
  return useQuery({
    queryKey: keys.marketplace.supportRequests,
    queryFn: ({ signal }) => api<Collection<SupportRequest>>('/support-requests', { signal }),
  });
}

type WithEtag<T> = { data: T; etag: string | null };
/** The If-Match header to send, read when the request starts (the cached offer's newest ETag). */
type IfMatch = () => Record<string, string> | undefined;

export function useCreateOffer(options?: MutationOptions<WithEtag<Offer>, { type: OfferType; name: string }>) {
  return useMutation({
    ...options,
    mutationFn: (body: { type: OfferType; name: string }) => apiWithEtag<Offer>('/offers', { method: 'POST', body }),
  });
}

export function useSaveListing(id: string, ifMatch: IfMatch, options?: MutationOptions<WithEtag<Offer>, Listing>) {
  return useMutation({
    ...options,
    mutationFn: (listing: Listing) => apiWithEtag<Offer>(`/offers/${id}/listing`, { method: 'PUT', body: listing, headers: ifMatch() }),
  });
}

export function useSavePlans(id: string, ifMatch: IfMatch, options?: MutationOptions<WithEtag<Offer>, Plan[]>) {
  return useMutation({
    ...options,
    mutationFn: (plans: Plan[]) => apiWithEtag<Offer>(`/offers/${id}/plans`, { method: 'PUT', body: plans, headers: ifMatch() }),
  });
}

export function usePublishOffer(id: string, options?: MutationOptions<WithEtag<Offer>>) {
  return useMutation({
    ...options,
    mutationFn: () => apiWithEtag<Offer>(`/offers/${id}/publish`, { method: 'POST' }),
  });
}

export interface AudienceInput {
  mode: AudienceMode;
  partnerTenantIds: string[];
  etag: string | null;
}

export function useSaveAudience(offerId: string, options?: MutationOptions<WithEtag<Audience>, AudienceInput>) {
  return useMutation({
    ...options,
    mutationFn: ({ mode, partnerTenantIds, etag }: AudienceInput) =>
      apiWithEtag<Audience>(`/offers/${offerId}/csp-audience`, {
        method: 'PUT',
        body: { mode, partnerTenantIds },
        headers: etag ? { 'If-Match': etag } : undefined,
      }),
  });
}

export function useSyncAudience(offerId: string, options?: MutationOptions<WithEtag<Audience>>) {
  return useMutation({
    ...options,
    mutationFn: () => apiWithEtag<Audience>(`/offers/${offerId}/csp-audience/sync`, { method: 'POST' }),
  });
}

export function useImportAudience(offerId: string, options?: MutationOptions<{ imported: number }, string>) {
  return useMutation({
    ...options,
    mutationFn: (csv: string) => api<{ imported: number }>(`/offers/${offerId}/csp-audience/import`, { method: 'POST', rawBody: csv, contentType: 'text/csv' }),
  });
}

export type SupportRequestInput = SupportRequestBody;

export function useCreateSupportRequest(options?: MutationOptions<SupportRequest, SupportRequestInput>) {
  return useMutation({
    ...options,
    mutationFn: (body: SupportRequestInput) => api<SupportRequest>('/support-requests', { method: 'POST', body }),
  });
}

export function useOperatorSupportQueue(status: string) {
  return useQuery({
    queryKey: keys.marketplace.operatorQueue.list(status),
    queryFn: ({ signal }) => api<Collection<SupportQueueItem>>('/operator/support-requests', { query: { status }, signal }),
  });
}

export function useResolveSupportRequest(requestId: string, options?: MutationOptions<SupportRequest, { action: string; reason: string }>) {
  return useMutation({
    ...options,
    mutationFn: (body: { action: string; reason: string }) =>
      api<SupportRequest>(`/operator/support-requests/${requestId}/resolution`, { method: 'POST', body }),
  });
}

export function useCspOffers(q: string, type: string) {
  return useQuery({
    queryKey: keys.marketplace.cspOffers(q, type),
    queryFn: ({ signal }) => api<{ items: CspOffer[] }>('/csp/offers', { query: { q, type }, signal }),
  });
}

export function useStorefrontOffers(country: string) {
  return useQuery({
    queryKey: keys.marketplace.storefront(country),
    queryFn: ({ signal }) => api<{ items: StorefrontOffer[] }>('/storefront/offers', { query: { country }, signal }),
  });
}

/** MKP partner search; `query` null while nothing is asked. */
/** MKP-3: the competencies and skills the partner search can filter by. */
export function usePartnerSearchFilters() {
  return useQuery({
    queryKey: keys.marketplace.searchFilters,
    queryFn: ({ signal }) => api<PartnerSearchFilters>('/partners/search-filters', { signal }),
  });
}

export function usePartnerSearch(query: Record<string, string> | null, enabled: boolean) {
  return useQuery({
    queryKey: keys.marketplace.search(query ?? {}),
    queryFn: ({ signal }) => api<Collection<PartnerSearchResult>>('/partners/search', { query: { ...query, size: 50 }, signal }),
    enabled,
  });
}
