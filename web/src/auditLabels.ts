// The audit log's action codes (`user.updated`) and resource types (`legalBusinessProfile`) as people
// read them: named in the UI language (i18n/auditLog/<language>.json), and a code nobody named yet as
// its words ("Enrollment: email verification pending") rather than as the code.
import type { TFunction } from 'i18next';
import names from './i18n/auditLog/en.json';

const codePattern = /^[A-Za-z]+\.[A-Za-z]+$/;
const typePattern = /^[A-Za-z]+$/;

/** Every action the catalogue names, as `resource.verb` codes. */
export const AUDIT_ACTIONS: readonly string[] = Object.entries(names.auditLog.actions).flatMap(([resource, verbs]) =>
  Object.keys(verbs).map((verb) => `${resource}.${verb}`),
);

/** Every resource type the catalogue names. */
export const AUDIT_RESOURCE_TYPES: readonly string[] = Object.keys(names.auditLog.resourceTypes);

/** The words of a camelCase code, lower case: `emailVerificationPending` → `email verification pending`. */
function words(code: string): string {
  return code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
}

const capitalized = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1) : text);

/** A code as readable words: `enrollment.emailVerificationPending` → `Enrollment: email verification pending`. */
export function codeAsWords(code: string): string {
  const parts = code.split('.').filter(Boolean).map(words);
  if (parts.length === 0) return code;
  return parts.length === 1 ? capitalized(parts[0]!) : `${capitalized(parts[0]!)}: ${parts.slice(1).join(' ')}`;
}

/** An audit action's name in the UI language (its words when the catalogue does not name it). */
export function auditActionName(t: TFunction, action: string): string {
  if (!codePattern.test(action)) return codeAsWords(action);
  return t(`auditLog.actions.${action}`, { defaultValue: codeAsWords(action) });
}

/** A resource type's name in the UI language (its words when the catalogue does not name it). */
export function auditResourceTypeName(t: TFunction, resourceType: string): string {
  if (!typePattern.test(resourceType)) return codeAsWords(resourceType);
  return t(`auditLog.resourceTypes.${resourceType}`, { defaultValue: codeAsWords(resourceType) });
}
