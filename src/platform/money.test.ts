// PRC-5: money is exact — minor units per ISO 4217 exponent, one rounding, half to even.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustByBasisPoints, divideHalfEven, exponentOf, formatAmount, formatPercent, minorUnitsOf, parseAmount, parsePercent } from './money.js';

describe('money (PRC-5)', () => {
  it('knows the ISO 4217 exponents: JPY 0, EUR 2, BHD 3', () => {
    expect([exponentOf('JPY'), exponentOf('KRW'), exponentOf('EUR'), exponentOf('USD'), exponentOf('BHD'), exponentOf('KWD')]).toEqual([0, 0, 2, 2, 3, 3]);
  });

  it('parses decimals exactly and refuses what it would have to round', () => {
    expect(parseAmount('12.5', 'EUR')).toBe(1250);
    expect(parseAmount('12.50', 'EUR')).toBe(1250);
    expect(parseAmount('1200', 'JPY')).toBe(1200);
    expect(parseAmount('0.125', 'BHD')).toBe(125);
    expect(parseAmount('-3', 'EUR')).toBe(-300);
    expect(parseAmount('0.1', 'JPY')).toBeUndefined();
    expect(parseAmount('0.001', 'EUR')).toBeUndefined();
    for (const bad of ['', '1e3', '0x10', '1,5', '1.2.3', 'NaN', 'Infinity', '9999999999999999']) expect(parseAmount(bad, 'EUR'), bad).toBeUndefined();
  });

  it('formats with exactly the currency decimals', () => {
    expect([formatAmount(1250, 'EUR'), formatAmount(5, 'EUR'), formatAmount(-5, 'EUR'), formatAmount(1200, 'JPY'), formatAmount(125, 'BHD')]).toEqual(['12.50', '0.05', '-0.05', '1200', '0.125']);
  });

  it('no amount drifts through text and back, in any currency', () => {
    fc.assert(
      fc.property(fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }), fc.constantFrom('EUR', 'JPY', 'BHD', 'USD', 'KRW', 'KWD'), (minor, currency) => {
        expect(parseAmount(formatAmount(minor, currency), currency)).toBe(minor);
      }),
    );
  });

  it('rounds half to even: 0.5 → 0, 1.5 → 2, 2.5 → 2, -2.5 → -2, and otherwise to the nearest', () => {
    expect([5n, 15n, 25n, 35n, -25n, -15n, 26n, 24n, -26n].map((n) => divideHalfEven(n, 10n))).toEqual([0n, 2n, 2n, 4n, -2n, -2n, 3n, 2n, -3n]);
  });

  it('rounding agrees with an exact rational oracle', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (numerator, denominator) => {
        const result = divideHalfEven(numerator, denominator);
        // |n/d - result| ≤ 1/2, and exactly 1/2 only when result is even.
        const twiceError = 2n * numerator - 2n * result * denominator;
        const abs = twiceError < 0n ? -twiceError : twiceError;
        expect(abs <= denominator).toBe(true);
        if (abs === denominator) expect(result % 2n).toBe(0n);
      }),
    );
  });

  it('adjusts by basis points once, half to even: 10 % off €9.99 is €8.99 (8.991), 5 % on ¥250 is ¥262 (262.5)', () => {
    expect(adjustByBasisPoints(999, -1000)).toBe(899);
    expect(adjustByBasisPoints(250, 500)).toBe(262);
    expect(adjustByBasisPoints(1000, 0)).toBe(1000);
    expect(adjustByBasisPoints(1000, -10_000)).toBe(0);
  });

  it('percent text ↔ basis points', () => {
    expect([parsePercent('5'), parsePercent('-12.5'), parsePercent('7.25'), parsePercent('+3')]).toEqual([500, -1250, 725, 300]);
    expect([parsePercent('1.234'), parsePercent('abc'), parsePercent('')]).toEqual([undefined, undefined, undefined]);
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 99_999 }), (bp) => {
        expect(parsePercent(formatPercent(bp))).toBe(bp);
      }),
    );
  });

  it('reads a catalog price held as a JSON number at the currency\'s decimals, half to even once', () => {
    expect(minorUnitsOf(5.6, 'EUR')).toBe(560);
    expect(minorUnitsOf(20.6, 'EUR')).toBe(2060);
    expect(minorUnitsOf(0.125, 'EUR')).toBe(12);
    expect(minorUnitsOf(0.135, 'EUR')).toBe(14);
    expect(minorUnitsOf(1200, 'JPY')).toBe(1200);
    expect(minorUnitsOf(1.2345, 'BHD')).toBe(1234);
    expect(minorUnitsOf(-3.5, 'JPY')).toBe(-4);
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (minor) => minorUnitsOf(Number(formatAmount(minor, 'EUR')), 'EUR') === minor));
    // The shortcut for whole minor units gives what the exact reading (ten decimals, half to even) gives.
    const exact = (value: number, currency: string) => {
      const [whole, fraction = ''] = value.toFixed(10).split('.');
      return Number(divideHalfEven(BigInt(`${whole}${fraction}`), 10n ** BigInt(10 - exponentOf(currency))));
    };
    const currencies = fc.constantFrom('EUR', 'JPY', 'BHD', 'USD');
    fc.assert(fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }), currencies, (value, currency) => minorUnitsOf(value, currency) === exact(value, currency)));
    fc.assert(fc.property(fc.integer({ min: -1e11, max: 1e11 }), currencies, (minor, currency) => {
      const value = minor / 10 ** exponentOf(currency);
      return minorUnitsOf(value, currency) === exact(value, currency);
    }));
  });
});
