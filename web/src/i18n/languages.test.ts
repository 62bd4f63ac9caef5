// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isLanguage, matchLanguage } from './languages';

describe('matchLanguage', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-Hant-TW', 'zh-Hant'],
    ['zh_TW', 'zh-Hant'],
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['id', 'id'],
    ['id-ID', 'id'],
    ['in', 'id'],
    ['de-DE', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (tag, expected) => {
    expect(matchLanguage(tag)).toBe(expected);
  });

  it('knows exactly the five UI languages', () => {
    expect(['en', 'fr', 'zh-Hans', 'zh-Hant', 'id'].every(isLanguage)).toBe(true);
    expect(isLanguage('zh')).toBe(false);
    expect(isLanguage('de')).toBe(false);
  });
});
