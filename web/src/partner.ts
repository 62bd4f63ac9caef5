import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from './api';
import { ME_QUERY_KEY } from './queryClient';
import type { Collection } from '@contracts/platform';
import type { Acceptance, Agreement, Attributes, Enrollment, LegalProfile, Location, PartnerIdAssociation, ProgramInformation, Requirements, SupportProfile } from '@contracts/enrollment';

/** Query keys of the partner's own data, shared by the enrollment, legal-info, locations and agreements pages. */
export const PARTNER_KEYS = {
  legalProfile: ['partner', 'legalProfile'],
  supportProfile: ['partner', 'supportProfile'],
  attributes: ['partner', 'attributes'],
  locations: ['partner', 'locations'],
  partnerId: ['partner', 'partnerId'],
  enrollments: ['partner', 'enrollments'],
  programInformation: ['partner', 'programInformation'],
  requirements: ['partner', 'requirements'],
  acceptances: ['partner', 'acceptances'],
  agreements: (type?: string) => ['agreements', type ?? 'all'],
} as const;

/** The resource, or null when the API answers 404 (not created yet). */
async function orNull<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (isApiError(error, 404)) return null;
    throw error;
  }
}

export function useLegalProfile() {
  return useQuery({
    queryKey: PARTNER_KEYS.legalProfile,
    queryFn: ({ signal }) => orNull(api<LegalProfile>('/profiles/legalbusiness', { signal })),
  });
}

export function useSupportProfile() {
  return useQuery({
    queryKey: PARTNER_KEYS.supportProfile,
    queryFn: ({ signal }) => orNull(api<SupportProfile>('/profiles/support', { signal })),
  });
}

export function useAttributes() {
  return useQuery({
    queryKey: PARTNER_KEYS.attributes,
    queryFn: ({ signal }) => api<Attributes>('/profiles/attributes', { signal }),
  });
}

export function useLocations() {
  return useQuery({
    queryKey: PARTNER_KEYS.locations,
    queryFn: ({ signal }) => api<Collection<Location>>('/profiles/locations', { signal }),
  });
}

export function usePartnerIdAssociation() {
  return useQuery({
    queryKey: PARTNER_KEYS.partnerId,
    queryFn: ({ signal }) => orNull(api<PartnerIdAssociation>('/profiles/partner-id', { signal })),
  });
}

export function useEnrollments() {
  return useQuery({
    queryKey: PARTNER_KEYS.enrollments,
    queryFn: ({ signal }) => api<Collection<Enrollment>>('/enrollments', { signal }),
  });
}

export function useProgramInformation() {
  return useQuery({
    queryKey: PARTNER_KEYS.programInformation,
    queryFn: ({ signal }) => api<ProgramInformation>('/profiles/program-information', { signal }),
  });
}

export function useRequirements() {
  return useQuery({
    queryKey: PARTNER_KEYS.requirements,
    queryFn: ({ signal }) => api<Requirements>('/enrollment/requirements', { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useAgreements(type?: string) {
  return useQuery({
    queryKey: PARTNER_KEYS.agreements(type),
    queryFn: ({ signal }) => api<Collection<Agreement>>('/agreements', { query: { type }, signal }),
  });
}

export function useAcceptances(enabled = true) {
  return useQuery({
    queryKey: PARTNER_KEYS.acceptances,
    queryFn: ({ signal }) => api<Collection<Acceptance>>('/agreements/acceptances', { signal }),
    enabled,
  });
}

/** The latest enrollment of each program (the API lists them oldest first). */
export function latestByProgram(enrollments: readonly Enrollment[]): Map<string, Enrollment> {
  const latest = new Map<string, Enrollment>();
  for (const enrollment of enrollments) latest.set(enrollment.program, enrollment);
  return latest;
}

/**
 * Refreshes everything an enrollment change can move: the enrollments, the program information and
 * the session (memberships and warnings follow the enrollment status).
 */
export function useRefreshStanding() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: PARTNER_KEYS.enrollments }),
      queryClient.invalidateQueries({ queryKey: PARTNER_KEYS.programInformation }),
      queryClient.invalidateQueries({ queryKey: PARTNER_KEYS.legalProfile }),
      queryClient.invalidateQueries({ queryKey: PARTNER_KEYS.acceptances }),
      queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
    ]);
}
