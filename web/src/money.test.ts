// @vitest-environment node
// PRC-5: amounts shown from their decimal strings in each portal language, a percentage read as basis
// points, and a cart's total added exactly on whole minor units.
import { describe, expect, it } from 'vitest';
import { basisPointsOf, formatAmount, isAmountInput, isPositiveAmount, sumOf, totalOf } from './money';

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatAmount', () => {
  it('formats the decimal string in the language, with the currency', () => {
    expect(formatAmount('9.20', 'EUR', 'en')).toBe('€9.20');
    expect(nbsp(formatAmount('9.20', 'EUR', 'fr'))).toBe('9,20 €');
    expect(nbsp(formatAmount('1234.50', 'EUR', 'fr'))).toBe('1 234,50 €');
    expect(formatAmount('1200', 'JPY', 'en')).toBe('¥1,200');
    expect(formatAmount('0.125', 'BHD', 'en')).toContain('0.125');
    expect(formatAmount('9.20', 'EUR', 'zh-Hans')).toBe('€9.20');
    expect(formatAmount('9.20', 'EUR', 'id')).toBe('€9,20');
  });

  it('never rounds a decimal away and never goes through a float', () => {
    // 2^53 + 1 minor units: a float would print …992.
    expect(formatAmount('90071992547409.93', 'USD', 'en')).toBe('$90,071,992,547,409.93');
    expect(formatAmount('9.2', 'EUR', 'en')).toBe('€9.20');
    expect(formatAmount('9.205', 'EUR', 'en')).toBe('€9.205');
  });

  it('leaves what is not an amount as it is, and names a currency Intl does not know', () => {
    expect(formatAmount('n/a', 'EUR', 'en')).toBe('n/a');
    expect(formatAmount('5.00', 'XYZ1', 'en')).toBe('5 XYZ1');
  });
});

describe('basisPointsOf (PRC-2)', () => {
  it('reads a percentage of at most two decimals as whole basis points, as the server does', () => {
    expect(basisPointsOf('8')).toBe(800);
    expect(basisPointsOf('-12.5')).toBe(-1250);
    expect(basisPointsOf('+7.25')).toBe(725);
    expect(basisPointsOf('1.234')).toBeUndefined();
    expect(basisPointsOf('abc')).toBeUndefined();
  });
});

describe('totalOf (PRC-5)', () => {
  it('adds unit prices times quantities exactly', () => {
    // 0.1 + 0.2 in floating point is 0.30000000000000004.
    expect(totalOf([{ amount: '0.10', quantity: 1 }, { amount: '0.20', quantity: 1 }])).toBe('0.30');
    expect(totalOf([{ amount: '9.20', quantity: 25 }, { amount: '11.5', quantity: 3 }])).toBe('264.50');
    expect(totalOf([{ amount: '1200', quantity: 3 }])).toBe('3600');
    expect(totalOf([])).toBe('0');
    expect(totalOf([{ amount: '90071992547409.93', quantity: 10 }])).toBe('900719925474099.30');
  });

  it('refuses what is not an amount or a whole quantity', () => {
    expect(totalOf([{ amount: 'x', quantity: 1 }])).toBeUndefined();
    expect(totalOf([{ amount: '1.00', quantity: 1.5 }])).toBeUndefined();
  });
});

describe('sums and signs of amounts (BIL-4)', () => {
  it('adds amounts of one currency exactly, negative ones too', () => {
    expect(sumOf(['0.10', '0.20'])).toBe('0.30');
    expect(sumOf(['90071992547409.93', '0.01'])).toBe('90071992547409.94');
    expect(sumOf(['100.00', '-6.00'])).toBe('94.00');
    expect(sumOf([])).toBe('0');
    expect(sumOf(['1.00', 'n/a'])).toBeUndefined();
  });

  it('tells an amount above zero from zero and negative ones', () => {
    expect(isPositiveAmount('0.01')).toBe(true);
    expect(isPositiveAmount('12')).toBe(true);
    expect(isPositiveAmount('0.00')).toBe(false);
    expect(isPositiveAmount('-3.50')).toBe(false);
    expect(isPositiveAmount('')).toBe(false);
  });

  it('accepts what a person may type as an amount, as the API does', () => {
    expect(isAmountInput('1500')).toBe(true);
    expect(isAmountInput(' 1500.00 ')).toBe(true);
    expect(isAmountInput('0.0001')).toBe(true);
    expect(isAmountInput('1,500.00')).toBe(false);
    expect(isAmountInput('-1')).toBe(false);
    expect(isAmountInput('1.00001')).toBe(false);
  });
});
