// PRC-5: money is exact. An amount is an integer count of the currency's minor units (ISO 4217
// exponents: JPY 0, EUR 2, BHD 3); decimals only exist at the edges (API text, CSV, the portal).
// Arithmetic that can leave whole minor units (a percentage, a proration) rounds once, half to even,
// on exact integers (bigint), never through binary floating point.

/** ISO 4217 minor-unit exponents that are not 2 (every currency not listed has 2). */
const exponents: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

export const currencyPattern = /^[A-Z]{3}$/;

/** The number of decimal places of the currency's minor unit. */
export function exponentOf(currency: string): number {
  return exponents[currency] ?? 2;
}

/** The largest amount held, in minor units: below 2^53 so every amount stays an exact JavaScript integer. */
export const maxMinorUnits = 999_999_999_999_999;

/**
 * A decimal text ("12.5", "-3", "0.125") → minor units of the currency, or undefined when it has more
 * decimals than the currency has, is not a plain decimal, or is out of range. Never rounds: what a
 * client sends is taken exactly or refused.
 */
export function parseAmount(text: string, currency: string): number | undefined {
  const match = /^(-)?(\d{1,15})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const exponent = exponentOf(currency);
  const fraction = match[3] ?? '';
  if (fraction.length > exponent) return undefined;
  const minor = Number(match[2]!) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor > maxMinorUnits) return undefined;
  return match[1] && minor !== 0 ? -minor : minor;
}

/** Minor units → the decimal text with exactly the currency's decimals ("12.50", "1200", "0.125"). */
export function formatAmount(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not a whole number of minor units: ${minor}`);
  const exponent = exponentOf(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** numerator ÷ denominator rounded half to even (banker's rounding), exactly. */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divideHalfEven(-numerator, -denominator);
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  const away = numerator < 0n ? quotient - 1n : quotient + 1n;
  if (twice > denominator) return away;
  if (twice < denominator) return quotient;
  return quotient % 2n === 0n ? quotient : away;
}

/** Basis points of a percent (1 % = 100 bp): adjustments are held as whole basis points. */
export const basisPointsPerPercent = 100;

/**
 * An amount adjusted by a percentage, in basis points (+500 = 5 % markup, -1250 = 12.5 % discount),
 * rounded half to even to whole minor units: the one place a price is rounded (PRC-5).
 */
export function adjustByBasisPoints(minor: number, basisPoints: number): number {
  const scale = BigInt(100 * basisPointsPerPercent);
  return Number(divideHalfEven(BigInt(minor) * (scale + BigInt(basisPoints)), scale));
}

/** A percent text ("5", "-12.5", "7.25") → whole basis points, or undefined (more than two decimals, not a number). */
export function parsePercent(text: string): number | undefined {
  const match = /^([+-])?(\d{1,4})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[2]!) * basisPointsPerPercent + Number((match[3] ?? '').padEnd(2, '0') || '0');
  return match[1] === '-' ? -value : value;
}

/** Whole basis points → the percent text ("-12.5", "5", "7.25"). */
export function formatPercent(basisPoints: number): string {
  const sign = basisPoints < 0 ? '-' : '';
  const abs = Math.abs(basisPoints);
  const whole = Math.floor(abs / basisPointsPerPercent);
  const fraction = String(abs % basisPointsPerPercent).padStart(2, '0').replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * A JSON number held for a price (the catalog's SKU prices) → minor units of the currency: read at ten
 * decimals, then rounded half to even once at the currency's exponent (5.6 EUR → 560, 0.125 EUR → 12).
 */
export function minorUnitsOf(value: number, currency: string): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) throw new RangeError(`not an amount: ${value}`);
  // A price held with at most the currency's decimals (as prices are) is a whole number of minor units
  // to well within rounding: that number, the same as the exact reading below gives, without it.
  const scaled = value * 10 ** exponentOf(currency);
  const nearest = Math.round(scaled);
  if (Math.abs(value) < 1e9 && Math.abs(scaled - nearest) < 1e-6) return nearest === 0 ? 0 : nearest;
  const [whole, fraction = ''] = value.toFixed(10).split('.');
  return Number(divideHalfEven(BigInt(`${whole}${fraction}`), 10n ** BigInt(10 - exponentOf(currency))));
}
