// Server messages: the same keys in all five languages, none empty, same placeholders; and
// Accept-Language negotiation.
import { describe, expect, it } from 'vitest';
import { catalogs, locales, negotiateLocale } from './index.js';

describe('server message catalogs', () => {
  const english = catalogs.en;
  it.each(locales.filter((l) => l !== 'en'))('%s has every key, none empty, with the same placeholders', (locale) => {
    const catalog = catalogs[locale];
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(english)) {
      const translated = catalog[key as keyof typeof english];
      expect(translated.trim().length, `${locale} ${key}`).toBeGreaterThan(0);
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(translated), `${locale} ${key}`).toEqual(placeholders(text));
    }
  });
});

describe('Accept-Language', () => {
  it.each([
    [undefined, 'en'],
    ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-Hant-TW', 'zh-Hant'],
    ['zh-CN', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['id-ID', 'id'],
    ['in', 'id'],
    ['de-DE,fr;q=0.5', 'fr'],
    ['de-DE', 'en'],
    ['en;q=0.1, id;q=0.9', 'id'],
    ['*', 'en'],
    ['fr;q=0', 'en'],
  ])('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
