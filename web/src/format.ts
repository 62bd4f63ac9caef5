import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './i18n/languages';
import { formatAmount } from './money';

function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(value: string | number | Date | null | undefined, locale: string): string {
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(value: string | number | Date | null | undefined, locale: string): string {
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(date);
}

/**
 * A calendar day sent as `YYYY-MM-DD` (e.g. an expected decision date), formatted without shifting it
 * through the browser's time zone.
 */
export function formatDay(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return formatDate(value, locale);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A calendar month sent as `YYYY-MM` (a price list's, a repricing config's), e.g. « janvier 2027 ». */
export function formatMonth(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** An amount in a currency (ISO 4217), e.g. 32 EUR → « 32,00 € » in French. */
export function formatMoney(value: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
  } catch {
    return `${new Intl.NumberFormat(locale).format(value)} ${currency}`;
  }
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** Localized country name for an ISO 3166-1 alpha-2 code (falls back to the code). */
export function countryName(code: string, locale: string): string {
  if (!code) return '';
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    regionNames.set(locale, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Formatters bound to the current UI language; re-created when the language changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  return useMemo(
    () => ({
      language,
      dateTime: (value: string | number | Date | null | undefined) => formatDateTime(value, language),
      date: (value: string | number | Date | null | undefined) => formatDate(value, language),
      day: (value: string | null | undefined) => formatDay(value, language),
      month: (value: string | null | undefined) => formatMonth(value, language),
      number: (value: number) => formatNumber(value, language),
      money: (value: number, currency: string) => formatMoney(value, currency, language),
      /** An API amount (a decimal string, PRC-5) in its currency: never through a float. */
      amount: (amount: string, currency: string) => formatAmount(amount, currency, language),
      country: (code: string) => countryName(code, language),
    }),
    [language],
  );
}
