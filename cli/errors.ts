// The CLI's exit codes, which scripts can rely on, and the errors that choose them.
import { ApiError } from '../sdk/src/index.js';

export const exitCodes = { ok: 0, apiError: 1, usage: 2, authentication: 3, notFound: 4, interrupted: 130 } as const;

/** A command used the wrong way (options, files): exit 2. */
export class UsageError extends Error {
  readonly exitCode = exitCodes.usage;
}

/** No credentials, or credentials the server refused: exit 3. */
export class AuthError extends Error {
  readonly exitCode = exitCodes.authentication;
}

/** A failure that is neither: exit 1 (the message says what). */
export class CommandError extends Error {
  readonly exitCode = exitCodes.apiError;
}

/** The exit code of an API error: 3 for 401, 4 for 404, else 1. */
export function exitCodeOf(error: ApiError): number {
  if (error.status === 401) return exitCodes.authentication;
  if (error.status === 404) return exitCodes.notFound;
  return exitCodes.apiError;
}

/** What stderr shows of an API error: its code first (for scripts), the detail, each field's problem. */
export function describeApiError(error: ApiError): string {
  const lines = [`error: ${error.code}${typeof error.problem.detail === 'string' ? `: ${error.problem.detail}` : ` (HTTP ${error.status})`}`];
  const fields = Array.isArray(error.problem.errors) ? error.problem.errors : [];
  for (const field of fields) lines.push(`  ${field.path}: ${field.code}${field.message ? ` (${field.message})` : ''}`);
  if (error.requestId) lines.push(`  request ID: ${error.requestId}`);
  return `${lines.join('\n')}\n`;
}
