// Server-side messages in the five portal languages, and Accept-Language negotiation.
import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';
import { id } from './id.js';
import { zhHans } from './zh-Hans.js';
import { zhHant } from './zh-Hant.js';

export const locales = ['en', 'fr', 'zh-Hans', 'zh-Hant', 'id'] as const;
export type Locale = (typeof locales)[number];
export type { MessageKey };

export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, fr, 'zh-Hans': zhHans, 'zh-Hant': zhHant, id };

/** Maps one language tag to a supported locale, or undefined. */
export function matchLocale(tag: string): Locale | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower === '' || lower === '*') return undefined;
  if (lower.startsWith('zh')) {
    if (/^zh-(hant|tw|hk|mo)/.test(lower)) return 'zh-Hant';
    return 'zh-Hans';
  }
  const primary = lower.split('-')[0];
  if (primary === 'en') return 'en';
  if (primary === 'fr') return 'fr';
  if (primary === 'id' || primary === 'in') return 'id';
  return undefined;
}

/** Picks the best supported locale from an Accept-Language header (q-values honoured); fallback en. */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return 'en';
  const ranges = header
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag, quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const locale = matchLocale(range.tag);
    if (locale) return locale;
  }
  return 'en';
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** A message in the given locale with {placeholders} filled in. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, unknown> = {}): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Role codes as a list of their names in the given language (`role.<code>`; a code with no name as itself). */
export function roleNames(locale: Locale, roles: readonly string[]): string {
  const names = roles.map((role) => (`role.${role}` in catalogs.en ? translate(locale, `role.${role}` as MessageKey) : role));
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}

/** A country's name in the given language (ISO 3166-1 alpha-2 code; the code itself if unknown). */
export function countryName(country: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}
