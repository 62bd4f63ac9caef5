// @vitest-environment node
import { describe, expect, it } from 'vitest';
import en from './en.json';
import fr from './fr.json';
import zhHans from './zh-Hans.json';
import zhHant from './zh-Hant.json';
import id from './id.json';
import { LANGUAGES, resources } from './index';
import { ALL_ROLES, CUSTOMER_ROLES, OPERATOR_ROLES, PARTNER_ROLES, roleDescriptionKey, roleNameKey } from '../roles';

type Tree = { [key: string]: string | Tree };

const MAIN: Record<string, Tree> = { en, fr, 'zh-Hans': zhHans, 'zh-Hant': zhHant, id };
/** What i18next is given: each main file merged with its areas' files (i18n/<area>/<locale>.json). */
const LOCALES: Record<string, Tree> = Object.fromEntries(
  Object.entries(resources).map(([language, resource]) => [language, resource.translation as unknown as Tree]),
);

/** Flattens nested locale objects into dotted keys (`nav.home`). */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [innerKey, innerValue] of flatten(value as Tree, path)) result.set(innerKey, innerValue);
    } else {
      result.set(path, value);
    }
  }
  return result;
}

const flat = Object.fromEntries(Object.entries(LOCALES).map(([language, tree]) => [language, flatten(tree)]));
const enKeys = flat.en!;

/** Source files of the portal (tests and locale files excluded), read as text at build time. */
const SOURCES = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Keys that can only be built at run time; each is listed here so it can be checked. */
const COMPUTED_KEYS = [...ALL_ROLES.map(roleNameKey), ...ALL_ROLES.map(roleDescriptionKey)];

const KEY_PATTERNS = [
  /\bt\(\s*'([^'\\]+)'/g,
  /\bt\(\s*"([^"\\]+)"/g,
  /\bt\(\s*`([^`$\\]+)`/g,
  /\bi18nKey=\{?\s*'([^']+)'/g,
  /\bi18nKey=\{?\s*"([^"]+)"/g,
];

function usedKeys(): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const [file, text] of Object.entries(SOURCES)) {
    for (const pattern of KEY_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        const key = match[1]!;
        keys.set(key, [...(keys.get(key) ?? []), file]);
      }
    }
  }
  return keys;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]!).sort();
}

describe('locale files', () => {
  it('has one file per supported language', () => {
    expect(Object.keys(LOCALES).sort()).toEqual([...LANGUAGES].sort());
  });

  it('merges each area file (i18n/<area>/<locale>.json) under its area without hiding a main key', () => {
    const areas = Object.keys(import.meta.glob('./*/en.json')).map((file) => file.split('/')[1]!);
    expect(areas).toContain('marketplace');
    for (const [language, main] of Object.entries(MAIN)) {
      let total = flatten(main).size;
      for (const area of areas) {
        expect(main[area], `${language}.json has its own ${area} key`).toBeUndefined();
        expect(Object.keys(LOCALES[language]![area] ?? {}).length, `${area}/${language}.json`).toBeGreaterThan(0);
        total += flatten({ [area]: LOCALES[language]![area]! }).size;
      }
      expect(flatten(LOCALES[language]!).size).toBe(total);
    }
  });

  it('scans the portal sources', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(10);
    expect(usedKeys().size).toBeGreaterThan(50);
  });

  const allKeys = new Set(Object.values(flat).flatMap((map) => [...map.keys()]));

  for (const language of Object.keys(LOCALES)) {
    it(`${language}: has every key of every other locale, none empty`, () => {
      const keys = flat[language]!;
      const missing = [...allKeys].filter((key) => !keys.has(key)).sort();
      const empty = [...keys].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
      expect(missing, `keys missing from ${language}.json`).toEqual([]);
      expect(empty, `empty or non-text values in ${language}.json`).toEqual([]);
    });

    it(`${language}: keeps the same {{placeholders}} as en`, () => {
      const keys = flat[language]!;
      const mismatched = [...enKeys]
        .filter(([key, value]) => {
          const other = keys.get(key);
          return typeof value === 'string' && typeof other === 'string' && placeholders(value).join() !== placeholders(other).join();
        })
        .map(([key]) => key);
      expect(mismatched, `placeholders differ from en.json in ${language}.json`).toEqual([]);
    });
  }

  it('every t() / i18nKey key used in web/src exists in en.json', () => {
    const missing = [...usedKeys()]
      .filter(([key]) => !enKeys.has(key))
      .map(([key, files]) => `${key} (${[...new Set(files)].join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('every computed key (role names and descriptions) exists in en.json', () => {
    expect([...ALL_ROLES].sort()).toEqual([...new Set([...PARTNER_ROLES, ...OPERATOR_ROLES, ...CUSTOMER_ROLES])].sort());
    const missing = COMPUTED_KEYS.filter((key) => !enKeys.has(key));
    expect(missing).toEqual([]);
  });

  it('translates the visible texts (locales other than en are not copies of en)', () => {
    for (const language of Object.keys(LOCALES).filter((item) => item !== 'en')) {
      const keys = flat[language]!;
      const same = [...enKeys].filter(([key, value]) => keys.get(key) === value).map(([key]) => key);
      // Brand, language endonyms and symbol-only texts are the same in every language.
      const allowed = new Set([
        'app.brand',
        'common.emptyValue',
        'home.membership',
        ...[...enKeys.keys()].filter((key) => key.startsWith('languages.')),
      ]);
      const untranslated = same.filter((key) => !allowed.has(key));
      // Cognates ("Notifications", "Action", "Status") are fine; a mostly copied file is not.
      expect(untranslated.length, `${language}: ${untranslated.join(', ')}`).toBeLessThanOrEqual(Math.ceil(enKeys.size * 0.1));
    }
  });
});
