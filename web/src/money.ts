// PRC-5 in the portal: amounts arrive from the API as decimal strings with exactly the currency's
// decimals ("9.20", "1200", "0.125") and are shown with Intl.NumberFormat in the portal's language,
// from the string itself, so that no amount ever passes through binary floating point. The one sum the
// portal makes itself (a cart's estimated total) works on whole minor units as bigint, exactly; prices
// under repricing rules, with their rounding, come from the server (src/platform/money.ts).

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** True for a plain decimal text such as "12", "12.5" or "-0.125". */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text.trim());
}

/** The number of decimals a decimal text has ("12.50" → 2, "1200" → 0). */
function decimalsOf(text: string): number {
  return DECIMAL.exec(text.trim())?.[3]?.length ?? 0;
}

/**
 * An amount (a decimal string) in a currency (ISO 4217), in the locale: "9.20" EUR → "€9.20" in
 * English, "9,20 €" in French. It shows at least the currency's usual decimals and every decimal the
 * amount has, never rounding one away. A text that is not a decimal comes back as it is.
 */
export function formatAmount(amount: string, currency: string, locale: string): string {
  const text = amount.trim();
  if (!isDecimal(text)) return amount;
  const value = text as `${number}`;
  try {
    const usual = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().minimumFractionDigits ?? 2;
    const decimals = Math.max(usual, decimalsOf(text));
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: usual, maximumFractionDigits: decimals }).format(value);
  } catch {
    // A currency code Intl does not know: the number in the locale, then the code.
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: Math.min(20, decimalsOf(text)) }).format(value)} ${currency}`;
  }
}

/** Whole basis points of a percent text ("5", "-12.5", "7.25"), or undefined (as the server's parsePercent). */
export function basisPointsOf(percent: string): number | undefined {
  const match = /^([+-])?(\d{1,4})(?:\.(\d{1,2}))?$/.exec(percent.trim());
  if (!match) return undefined;
  const value = Number(match[2]!) * 100 + Number((match[3] ?? '').padEnd(2, '0') || '0');
  return match[1] === '-' ? -value : value;
}

/** A decimal text → its digits as a bigint and its number of decimals, or undefined. */
function scaled(amount: string): { value: bigint; decimals: number } | undefined {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return undefined;
  return { value: BigInt(`${match[1] ?? ''}${match[2]!}${match[3] ?? ''}`), decimals: match[3]?.length ?? 0 };
}

/** A bigint of minor units at `decimals` → the decimal text ("-0.05", "1200"). */
function decimalText(value: bigint, decimals: number): string {
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(decimals + 1, '0');
  return decimals === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/**
 * The sum of amounts of one currency (a cart's lines, each a unit price × its quantity), exactly: the
 * result has as many decimals as the most precise of them; undefined when one is not an amount or a
 * quantity is not a whole number.
 */
export function totalOf(lines: readonly { amount: string; quantity: number }[]): string | undefined {
  let decimals = 0;
  const parsed: { value: bigint; decimals: number; quantity: bigint }[] = [];
  for (const line of lines) {
    const amount = scaled(line.amount);
    if (!amount || !Number.isSafeInteger(line.quantity)) return undefined;
    decimals = Math.max(decimals, amount.decimals);
    parsed.push({ ...amount, quantity: BigInt(line.quantity) });
  }
  const sum = parsed.reduce((total, line) => total + line.value * 10n ** BigInt(decimals - line.decimals) * line.quantity, 0n);
  return decimalText(sum, decimals);
}

/** The sum of amounts of one currency (aging buckets, say), exactly; undefined when one is not an amount. */
export function sumOf(amounts: readonly string[]): string | undefined {
  return totalOf(amounts.map((amount) => ({ amount, quantity: 1 })));
}

/** True for an amount above zero ("0.01"); false for zero, a negative amount or a text that is not one. */
export function isPositiveAmount(amount: string): boolean {
  const match = DECIMAL.exec(amount.trim());
  return !!match && !match[1] && /[1-9]/.test(`${match[2]}${match[3] ?? ''}`);
}

/** What the API takes as an amount a person types: zero or more, up to four decimals ("1500", "1500.00"). */
export function isAmountInput(text: string): boolean {
  return /^[0-9]{1,15}(\.[0-9]{1,4})?$/.test(text.trim());
}
