import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { fieldError } from './problem';

/**
 * Refusals of a change to a user that belong to its roles (ACC-1, ACC-2, ENR-12): shown under the role
 * picker, in the portal's words.
 */
export const ROLE_PROBLEM_CODES = ['role_grant_exceeds_own', 'global_admin_grant_forbidden', 'last_global_admin'] as const;

/** Every refusal of a user change the portal explains in its own words, by the API's problem code. */
export const USER_PROBLEM_CODES = [...ROLE_PROBLEM_CODES, 'delegated_role_missing', 'cannot_change_own_state'] as const;
export type UserProblemCode = (typeof USER_PROBLEM_CODES)[number];

/** The portal's message for each refusal of a user change (for ErrorBar's `codeMessages`). */
export function useUserProblemMessages(): Record<UserProblemCode, string> {
  const { t } = useTranslation();
  return {
    role_grant_exceeds_own: t('userErrors.roleGrantExceedsOwn'),
    global_admin_grant_forbidden: t('userErrors.globalAdminGrantForbidden'),
    last_global_admin: t('userErrors.lastGlobalAdmin'),
    delegated_role_missing: t('userErrors.delegatedRoleMissing'),
    cannot_change_own_state: t('userErrors.cannotChangeOwnState'),
  };
}

/** The message to show under the role picker: a field error of `/roles`, or a refusal about roles. */
export function roleFieldError(error: unknown, messages: Record<UserProblemCode, string>): string | undefined {
  const code = error instanceof ApiError ? error.problem.code : undefined;
  if (code && (ROLE_PROBLEM_CODES as readonly string[]).includes(code) && !(error as ApiError).problem.errors?.length) {
    return messages[code as UserProblemCode];
  }
  return fieldError(error, '/roles');
}
