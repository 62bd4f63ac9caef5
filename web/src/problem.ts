import { ApiError, NetworkError } from './api';

/**
 * Message of the field error whose JSON pointer is `path` or lies below it (e.g. `/roles/0`).
 * Errors that name no field but belong to one (`codes`, e.g. `email_taken` for `/email`) are
 * shown there too, with the problem's `detail`.
 */
export function fieldError(error: unknown, path: string, codes: readonly string[] = []): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  for (const item of error.problem.errors ?? []) {
    if (item.path === path || item.path.startsWith(`${path}/`)) return item.message;
  }
  const code = error.problem.code;
  if (code && codes.includes(code) && !(error.problem.errors?.length)) {
    return error.problem.detail || error.problem.title;
  }
  return undefined;
}

/** True when the error is one that `fieldError` places next to a field through its code. */
export function isFieldCode(error: unknown, codes: readonly string[]): boolean {
  return error instanceof ApiError && !!error.problem.code && codes.includes(error.problem.code) && !(error.problem.errors?.length);
}

/** Field errors whose path is not one of the form's fields (shown in the message bar instead). */
export function unmatchedFieldErrors(error: unknown, paths: readonly string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? [])
    .filter((item) => !paths.some((path) => item.path === path || item.path.startsWith(`${path}/`)))
    .map((item) => item.message);
}

export type ErrorKind = 'network' | 'api' | 'unknown';

export function errorKind(error: unknown): ErrorKind {
  if (error instanceof NetworkError) return 'network';
  if (error instanceof ApiError) return 'api';
  return 'unknown';
}
