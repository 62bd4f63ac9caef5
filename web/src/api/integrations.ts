// Integrations (EVT-1, EVT-2): the events the API raises, the tenant's change feed read on from its
// cursor, and its webhook endpoints: registering one (its signing secret comes back once), editing,
// disabling and re-enabling, deleting, rotating the secret (the new one shown once), sending a test
// event, the delivery log a page at a time (`fetchNextPage` follows `links.next`) with each delivery's
// attempts and payload, and redelivering one event or a time range.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  EventFeed,
  EventTypeList,
  RedeliveryBody,
  RedeliveryResult,
  WebhookDeliveries,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookEndpoint,
  WebhookEndpointBody,
  WebhookEndpointPatch,
  WebhookEndpoints,
  WebhookEndpointWithSecret,
} from '@contracts/integrations';
import { api } from '../api';
import { keys } from './keys';
import type { MutationOptions } from './options';

export type DeliveryStatus = WebhookDelivery['status'];
export type DeliveryStatusFilter = DeliveryStatus | 'all';

export const EVENT_PAGE_SIZE = 100;
export const DELIVERY_PAGE_SIZE = 25;
/** How often the delivery log is read again while a delivery is about to be tried. */
export const DELIVERY_POLL_MS = 2000;
/** A pending delivery due within this long keeps the log polling (later retries do not). */
const DUE_SOON_MS = 60_000;

const endpointPath = (id: string) => `/webhook-endpoints/${encodeURIComponent(id)}`;

/** EVT-1: every event name, with the resource it is about and a description. */
export function useEventTypes(enabled = true) {
  return useQuery({
    queryKey: keys.integrations.eventTypes,
    queryFn: ({ signal }) => api<EventTypeList>('/event-types', { signal }),
    staleTime: Infinity,
    enabled,
  });
}

/**
 * EVT-1: the tenant's change feed from its start, in the feed's order; each further page reads on from
 * the cursor the last one returned (so `fetchNextPage` loads what happened since).
 */
export function useEventFeed() {
  return useInfiniteQuery({
    queryKey: keys.integrations.events,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api<EventFeed>('/events', { query: { after: pageParam, size: EVENT_PAGE_SIZE }, signal }),
    getNextPageParam: (last) => last.cursor,
  });
}

/** EVT-2: the tenant's webhook endpoints. */
export function useWebhookEndpoints() {
  return useQuery({
    queryKey: keys.integrations.endpoints,
    queryFn: ({ signal }) => api<WebhookEndpoints>('/webhook-endpoints', { signal }),
  });
}

/** One endpoint (404 unless it is the tenant's). */
export function useWebhookEndpoint(id: string) {
  return useQuery({
    queryKey: keys.integrations.endpoint(id),
    queryFn: ({ signal }) => api<WebhookEndpoint>(endpointPath(id), { signal }),
    retry: false,
  });
}

/** True while a delivery waits for an attempt due soon (the log then reads itself again). */
export function deliveryDueSoon(delivery: Pick<WebhookDelivery, 'status' | 'nextAttemptAt'>, now = Date.now()): boolean {
  if (delivery.status !== 'pending') return false;
  return delivery.nextAttemptAt === null || new Date(delivery.nextAttemptAt).getTime() - now <= DUE_SOON_MS;
}

/** EVT-2: an endpoint's delivery log, newest first, of one status or all. */
export function useWebhookDeliveries(id: string, status: DeliveryStatusFilter) {
  return useInfiniteQuery({
    queryKey: keys.integrations.deliveries(id, status),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<WebhookDeliveries>(pageParam, { signal })
        : api<WebhookDeliveries>(`${endpointPath(id)}/deliveries`, { query: { size: DELIVERY_PAGE_SIZE, status: status === 'all' ? undefined : status }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some((delivery) => deliveryDueSoon(delivery))) ? DELIVERY_POLL_MS : false),
  });
}

/** One delivery with every attempt and its payload; read again when it has been tried again. */
export function useWebhookDelivery(id: string, delivery: Pick<WebhookDelivery, 'id' | 'attempts'>) {
  return useQuery({
    queryKey: keys.integrations.delivery(id, delivery.id, delivery.attempts),
    queryFn: ({ signal }) => api<WebhookDeliveryDetail>(`${endpointPath(id)}/deliveries/${encodeURIComponent(delivery.id)}`, { signal }),
  });
}

/** Refreshes the endpoints (each one and its delivery log) after a change, then calls the page's own onSuccess. */
function useEndpointMutation<TData, TVariables>(mutationFn: (variables: TVariables) => Promise<TData>, options?: MutationOptions<TData, TVariables>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn,
    onSuccess: async (data, ...rest) => {
      await queryClient.invalidateQueries({ queryKey: keys.integrations.endpoints });
      await options?.onSuccess?.(data, ...rest);
    },
  });
}

export function useCreateWebhookEndpoint(options?: MutationOptions<WebhookEndpointWithSecret, WebhookEndpointBody>) {
  return useEndpointMutation((body: WebhookEndpointBody) => api<WebhookEndpointWithSecret>('/webhook-endpoints', { method: 'POST', body }), options);
}

export function useUpdateWebhookEndpoint(options?: MutationOptions<WebhookEndpoint, { id: string; patch: WebhookEndpointPatch }>) {
  return useEndpointMutation(({ id, patch }: { id: string; patch: WebhookEndpointPatch }) => api<WebhookEndpoint>(endpointPath(id), { method: 'PATCH', body: patch }), options);
}

export function useDeleteWebhookEndpoint(options?: MutationOptions<void, string>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (id: string) => api<void>(endpointPath(id), { method: 'DELETE' }),
    onSuccess: async (data, id, ...rest) => {
      // The endpoint is gone: its own queries are dropped rather than read again (they would answer 404).
      queryClient.removeQueries({ queryKey: keys.integrations.endpoint(id) });
      await queryClient.invalidateQueries({ queryKey: keys.integrations.endpoints, exact: true });
      await options?.onSuccess?.(data, id, ...rest);
    },
  });
}

/** A new signing secret, answered once; the previous one keeps signing for 24 hours. */
export function useRotateWebhookSecret(options?: MutationOptions<WebhookEndpointWithSecret, string>) {
  return useEndpointMutation((id: string) => api<WebhookEndpointWithSecret>(`${endpointPath(id)}/secret-rotations`, { method: 'POST' }), options);
}

/** A webhook-test event delivered to this endpoint only; its delivery log then shows it. */
export function useSendTestEvent(options?: MutationOptions<WebhookDelivery, string>) {
  return useEndpointMutation((id: string) => api<WebhookDelivery>(`${endpointPath(id)}/test`, { method: 'POST' }), options);
}

/** Delivers one event again, or the tenant's events of a time range (at most 31 days), with the same webhook-id. */
export function useRedeliver(id: string, options?: MutationOptions<RedeliveryResult, RedeliveryBody>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body: RedeliveryBody) => api<RedeliveryResult>(`${endpointPath(id)}/redeliveries`, { method: 'POST', body }),
    onSuccess: async (data, ...rest) => {
      await queryClient.invalidateQueries({ queryKey: keys.integrations.deliveriesOf(id) });
      await options?.onSuccess?.(data, ...rest);
    },
  });
}
