// CSV written for people to open in a spreadsheet: a cell that a spreadsheet would run as a formula
// (MKP-5) is neutralized, in every export (audiences, reconciliation, price sheets, the audit log).

/** A cell starting like a formula (=, +, -, @, tab, carriage return) gets a leading apostrophe. */
export function csvSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
