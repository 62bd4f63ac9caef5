import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { Collection } from '@contracts/platform';
import type { Agreement, DecisionBody, Enrollment, EnrollmentHistoryEntry, ReviewDetail, ReviewItem, ReviewNotes } from '@contracts/enrollment';
import type { Product } from '@contracts/commerce';
import type { Market } from '@contracts/markets';
import type { Holiday } from '@contracts/operator';
import { keys } from './keys';
import type { MutationOptions } from './options';

const REVIEW_PAGE_SIZE = 50;

export interface ReviewQueueFilters {
  /** Any of these statuses; absent or empty, every status. */
  statuses?: readonly string[];
  program?: string;
  overdue?: boolean;
}

/** ENR-6: the operator's review queue, page by page (`links.next` followed as given, statuses included). */
export function useReviewQueue(filters: ReviewQueueFilters) {
  // The API takes several statuses as a repeated parameter (status=inReview&status=actionRequired).
  const statuses = (filters.statuses ?? []).map((status) => `status=${encodeURIComponent(status)}`).join('&');
  return useInfiniteQuery({
    queryKey: keys.operator.reviewQueue.list(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<Collection<ReviewItem>>(pageParam, { signal })
        : api<Collection<ReviewItem>>(statuses ? `/operator/enrollments?${statuses}` : '/operator/enrollments', {
            query: { size: REVIEW_PAGE_SIZE, program: filters.program, overdue: filters.overdue ? true : undefined },
            signal,
          }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

/** ENR-6: the enrollment's history (its audit records, newest first). */
export function useEnrollmentHistory(id: string) {
  return useQuery({
    queryKey: keys.operator.enrollmentHistory(id),
    queryFn: ({ signal }) => api<Collection<EnrollmentHistoryEntry>>(`/operator/enrollments/${encodeURIComponent(id)}/history`, { signal }),
  });
}

/** ENR-6: replaces the reviewers' notes on an enrollment. */
export function useSaveReviewNotes(id: string, options?: MutationOptions<ReviewNotes, string>) {
  return useMutation({
    ...options,
    mutationFn: (notes: string) => api<ReviewNotes>(`/operator/enrollments/${encodeURIComponent(id)}/review-notes`, { method: 'PUT', body: { notes } }),
  });
}

export function useReviewDetail(id: string) {
  return useQuery({
    queryKey: keys.operator.enrollment(id),
    queryFn: ({ signal }) => api<ReviewDetail>(`/operator/enrollments/${encodeURIComponent(id)}`, { signal }),
  });
}

/** What the reviewer can do: a decision on the enrollment, or suspending / reinstating the partner. */
export type ReviewAction = DecisionBody['decision'] | 'suspend' | 'reinstate';

/** The partner's enrollments after a suspension or reinstatement (every program changes together). */
interface PartnerEnrollments {
  tenantId: string;
  enrollments: Enrollment[];
}

export interface ReviewDecision {
  action: ReviewAction;
  reason?: string;
}

/** Decides on enrollment `id` (of partner `tenantId`); suspension and reinstatement apply to the partner. */
export function useDecideEnrollment(id: string, tenantId: () => string, options?: MutationOptions<Enrollment, ReviewDecision>) {
  return useMutation({
    ...options,
    mutationFn: async ({ action, reason: why }: ReviewDecision): Promise<Enrollment> => {
      if (action === 'suspend' || action === 'reinstate') {
        const partner = encodeURIComponent(tenantId());
        const result = await api<PartnerEnrollments>(`/operator/partners/${partner}/${action === 'suspend' ? 'suspension' : 'reinstatement'}`, { method: 'POST', body: { reason: why } });
        return result.enrollments.find((enrollment) => enrollment.id === id) ?? result.enrollments[0]!;
      }
      return api<Enrollment>(`/operator/enrollments/${encodeURIComponent(id)}/decisions`, { method: 'POST', body: why === undefined ? { decision: action } : { decision: action, reason: why } });
    },
  });
}

export function useHolidays() {
  return useQuery({
    queryKey: keys.operator.holidays,
    queryFn: ({ signal }) => api<{ items: Holiday[] }>('/operator/holidays', { signal }),
  });
}

export function useSaveHolidays(options?: MutationOptions<{ items: Holiday[] }, Holiday[]>) {
  return useMutation({
    ...options,
    mutationFn: (items: Holiday[]) => api<{ items: Holiday[] }>('/operator/holidays', { method: 'PUT', body: { items } }),
  });
}

export interface MarketInput {
  country: string;
  regionId: string;
  currency: string;
}

export function useSaveMarket(options?: MutationOptions<Market, MarketInput>) {
  return useMutation({
    ...options,
    mutationFn: (input: MarketInput) =>
      api<Market>(`/operator/markets/${encodeURIComponent(input.country)}`, { method: 'PUT', body: { regionId: input.regionId, currency: input.currency } }),
  });
}

export function useProducts() {
  return useQuery({
    queryKey: keys.operator.products,
    queryFn: ({ signal }) => api<Collection<Product>>('/operator/products', { signal }),
  });
}

/** Creates a product, or replaces `product` when one is given. */
export function useSaveProduct(product: Product | null | undefined, options?: MutationOptions<Product, unknown>) {
  return useMutation({
    ...options,
    mutationFn: (body: unknown) =>
      product
        ? api<Product>(`/operator/products/${encodeURIComponent(product.id)}`, { method: 'PUT', body })
        : api<Product>('/operator/products', { method: 'POST', body }),
  });
}

export function useImportCompanyRegistry(options?: MutationOptions<{ imported: number }, string>) {
  return useMutation({
    ...options,
    mutationFn: (text: string) =>
      api<{ imported: number }>('/operator/company-registry/import', { method: 'POST', rawBody: text, contentType: 'text/csv' }),
  });
}

export interface PublishAgreementInput {
  type: Agreement['type'];
  version: string;
  language: string;
  title: string;
  body: string;
}

export function usePublishAgreement(options?: MutationOptions<Agreement, PublishAgreementInput>) {
  return useMutation({
    ...options,
    mutationFn: (body: PublishAgreementInput) => api<Agreement>('/operator/agreements', { method: 'POST', body }),
  });
}
