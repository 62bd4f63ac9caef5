export const MIN_PASSWORD_LENGTH = 12;

/** Light client-side check; the server has the final word. */
export function isPlausibleEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
