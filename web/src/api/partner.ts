import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, apiOrNull, apiText } from '../api';
import { addressBody, type AddressValues } from '../address';
import { ME_QUERY_KEY } from '../queryClient';
import type { Collection } from '@contracts/platform';
import { keys } from './keys';
import type {
  Acceptance,
  Address,
  AddressValidation,
  Agreement,
  Attestation,
  Attributes,
  EmailVerified,
  Enrollment,
  LegalProfile,
  Location,
  PartnerIdAssociation,
  ProgramInformation,
  RegisteredCompany,
  Requirements,
  SupportProfile,
} from '@contracts/enrollment';
import type { SupportRequest } from '@contracts/operator';
import type { MutationOptions } from './options';

export function useLegalProfile() {
  return useQuery({
    queryKey: keys.partner.legalProfile,
    queryFn: ({ signal }) => apiOrNull<LegalProfile>('/profiles/legalbusiness', { signal }),
  });
}

export function useSupportProfile() {
  return useQuery({
    queryKey: keys.partner.supportProfile,
    queryFn: ({ signal }) => apiOrNull<SupportProfile>('/profiles/support', { signal }),
  });
}

export function useAttributes() {
  return useQuery({
    queryKey: keys.partner.attributes,
    queryFn: ({ signal }) => api<Attributes>('/profiles/attributes', { signal }),
  });
}

export function useLocations() {
  return useQuery({
    queryKey: keys.partner.locations,
    queryFn: ({ signal }) => api<Collection<Location>>('/profiles/locations', { signal }),
  });
}

export function usePartnerIdAssociation() {
  return useQuery({
    queryKey: keys.partner.partnerId,
    queryFn: ({ signal }) => apiOrNull<PartnerIdAssociation>('/profiles/partner-id', { signal }),
  });
}

export function useEnrollments() {
  return useQuery({
    queryKey: keys.partner.enrollments,
    queryFn: ({ signal }) => api<Collection<Enrollment>>('/enrollments', { signal }),
  });
}

export function useProgramInformation() {
  return useQuery({
    queryKey: keys.partner.programInformation,
    queryFn: ({ signal }) => api<ProgramInformation>('/profiles/program-information', { signal }),
  });
}

export function useRequirements() {
  return useQuery({
    queryKey: keys.partner.requirements,
    queryFn: ({ signal }) => api<Requirements>('/enrollment/requirements', { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useAgreements(type?: string) {
  return useQuery({
    queryKey: keys.agreements.list(type),
    queryFn: ({ signal }) => api<Collection<Agreement>>('/agreements', { query: { type }, signal }),
  });
}

export function useAcceptances(enabled = true) {
  return useQuery({
    queryKey: keys.partner.acceptances,
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
      queryClient.invalidateQueries({ queryKey: keys.partner.enrollments }),
      queryClient.invalidateQueries({ queryKey: keys.partner.programInformation }),
      queryClient.invalidateQueries({ queryKey: keys.partner.legalProfile }),
      queryClient.invalidateQueries({ queryKey: keys.partner.acceptances }),
      queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
    ]);
}

/** An enrollment by id, under the enrollments key, so that every change to enrollments refreshes it too. */
export function useEnrollment(id: string) {
  return useQuery({
    queryKey: keys.partner.enrollment(id),
    queryFn: ({ signal }) => api<Enrollment>(`/enrollments/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useSaveLegalProfile(options?: MutationOptions<LegalProfile, unknown>) {
  return useMutation({
    ...options,
    mutationFn: (body: unknown) => api<LegalProfile>('/profiles/legalbusiness', { method: 'PUT', body }),
  });
}

export function useSaveSupportProfile(options?: MutationOptions<SupportProfile, unknown>) {
  return useMutation({
    ...options,
    mutationFn: (body: unknown) => api<SupportProfile>('/profiles/support', { method: 'PUT', body }),
  });
}

export interface ServicesInput {
  attributes: unknown;
  /** The enrollment whose attestation is saved with the services, once one exists. */
  enrollmentId: string | null;
  attestation: Attestation;
}

export function useSaveServices(options?: MutationOptions<void, ServicesInput>) {
  return useMutation({
    ...options,
    mutationFn: async ({ attributes, enrollmentId, attestation }: ServicesInput) => {
      await api<Attributes>('/profiles/attributes', { method: 'PUT', body: attributes });
      if (enrollmentId) {
        await api<Enrollment>(`/enrollments/${encodeURIComponent(enrollmentId)}`, { method: 'PATCH', body: { attestation } });
      }
    },
  });
}

export interface SubmitEnrollmentInput {
  enrollmentId: string | null;
  program: string;
  attestation: Attestation;
  /** Providers attest (ENR); their attestation is saved before submitting. */
  isProvider: boolean;
  /** Which existing enrollments may still be continued when one was started meanwhile. */
  editableStatuses: readonly string[];
  /** Told the enrollment's id as soon as it exists (before it is submitted). */
  onEnrollmentId(id: string): void;
}

/** Starts the enrollment if needed (or continues one started meanwhile), saves the attestation and submits it. */
export function useSubmitEnrollment(options?: MutationOptions<Enrollment, SubmitEnrollmentInput>) {
  return useMutation({
    ...options,
    mutationFn: async ({ enrollmentId, program, attestation, isProvider, editableStatuses, onEnrollmentId }: SubmitEnrollmentInput) => {
      let id = enrollmentId;
      if (!id) {
        try {
          const created = await api<Enrollment>('/enrollments', {
            method: 'POST',
            body: isProvider ? { program, attestation } : { program },
          });
          id = created.id;
        } catch (error) {
          // Started meanwhile (another tab or admin): continue with that enrollment.
          if (!(error instanceof ApiError && error.code === 'enrollment_exists')) throw error;
          const list = await api<Collection<Enrollment>>('/enrollments');
          const existing = latestByProgram(list.items).get(program);
          if (!existing || !editableStatuses.includes(existing.status)) throw error;
          id = existing.id;
          if (isProvider) await api<Enrollment>(`/enrollments/${encodeURIComponent(id)}`, { method: 'PATCH', body: { attestation } });
        }
        onEnrollmentId(id);
      } else if (isProvider) {
        await api<Enrollment>(`/enrollments/${encodeURIComponent(id)}`, { method: 'PATCH', body: { attestation } });
      }
      return api<Enrollment>(`/enrollments/${encodeURIComponent(id)}/submit`, { method: 'POST' });
    },
  });
}

export function useResubmitEnrollment(enrollmentId: string, options?: MutationOptions<Enrollment>) {
  return useMutation({
    ...options,
    mutationFn: () => api<Enrollment>(`/enrollments/${encodeURIComponent(enrollmentId)}/submit`, { method: 'POST' }),
  });
}

export function useEscalateEnrollment(enrollmentId: string, options?: MutationOptions<SupportRequest, string>) {
  return useMutation({
    ...options,
    mutationFn: (text: string) =>
      api<SupportRequest>(`/enrollments/${encodeURIComponent(enrollmentId)}/escalations`, {
        method: 'POST',
        body: text ? { details: text } : {},
      }),
  });
}

export function useLookupDuns(options?: MutationOptions<RegisteredCompany, string>) {
  return useMutation({
    ...options,
    mutationFn: (duns: string) => api<RegisteredCompany>(`/company-registry/duns/${encodeURIComponent(duns)}`),
  });
}

export function useValidateAddress(options?: MutationOptions<AddressValidation, Address>) {
  return useMutation({
    ...options,
    mutationFn: (address: Address) => api<AddressValidation>('/validations/address', { method: 'POST', body: address }),
  });
}

export function useVerifyEmail(options?: MutationOptions<EmailVerified, string>) {
  return useMutation({
    ...options,
    mutationFn: (value: string) => api<EmailVerified>('/email-verifications', { method: 'POST', body: { token: value } }),
  });
}

export function useAddLocation(options?: MutationOptions<Location, AddressValues>) {
  return useMutation({
    ...options,
    mutationFn: (values: AddressValues) =>
      api<Location>('/profiles/locations', { method: 'POST', body: { country: values.country, address: addressBody(values) } }),
  });
}

export function useAssociatePartnerId(options?: MutationOptions<PartnerIdAssociation, string>) {
  return useMutation({
    ...options,
    mutationFn: (partnerId: string) => api<PartnerIdAssociation>('/profiles/partner-id', { method: 'PUT', body: { partnerId } }),
  });
}

/** An agreement's text (HTML) in `language`, readable before it is accepted. */
export function useAgreementDocument(templateId: string, language: string) {
  return useQuery({
    queryKey: keys.agreementDocument(templateId, language),
    queryFn: ({ signal }) => apiText(`/agreements/${encodeURIComponent(templateId)}/document`, { query: { language }, signal }),
    staleTime: 10 * 60_000,
  });
}

export function useAcceptAgreement<TBody>(templateId: string, options?: MutationOptions<Acceptance, TBody>) {
  return useMutation({
    ...options,
    mutationFn: (body: TBody) => api<Acceptance>(`/agreements/${encodeURIComponent(templateId)}/acceptances`, { method: 'POST', body }),
  });
}

/** The publisher agreement to accept before enrolling as a publisher; read only when it is needed. */
export function usePublisherAgreements(enabled: boolean) {
  return useQuery({
    queryKey: keys.agreements.publisher,
    queryFn: ({ signal }) => api<Collection<Agreement>>('/agreements', { query: { type: 'publisherAgreement' }, signal }),
    enabled,
  });
}

export function useEnrollPublisher(options?: MutationOptions<unknown>) {
  return useMutation({
    ...options,
    mutationFn: () => api('/publisher/enrollment', { method: 'POST' }),
  });
}

/** Accepts the publisher agreement (already accepted counts as done) and enrolls as a publisher. */
export function useAcceptAndEnrollPublisher<TContact>(templateId: string, options?: MutationOptions<unknown, TContact>) {
  return useMutation({
    ...options,
    mutationFn: async (primaryContact: TContact) => {
      try {
        await api(`/agreements/${encodeURIComponent(templateId)}/acceptances`, { method: 'POST', body: { primaryContact } });
      } catch (error) {
        // Accepted earlier (e.g. in another tab): the enrollment below decides.
        if (!(error instanceof ApiError && error.code === 'agreement_already_accepted')) throw error;
      }
      return api('/publisher/enrollment', { method: 'POST' });
    },
  });
}
