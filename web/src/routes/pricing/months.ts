// Calendar months as the pricing API names them ('YYYY-MM', UTC): price lists and repricing configs
// take effect on the first day of their month (PRC-1, PRC-2).

/** The month a moment falls in (UTC). */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The month after this one. */
export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

export const MONTH_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
