/** UI languages supported by the portal (BCP 47 tags, also accepted by the API). */
export const LANGUAGES = ['en', 'fr', 'zh-Hans', 'zh-Hant', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';
export const LANGUAGE_STORAGE_KEY = 'channelCenter.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Maps a browser language tag (navigator.language, Accept-Language item, stored value)
 * to one of the supported UI languages.
 */
export function matchLanguage(tag: string | null | undefined): Language {
  if (!tag) return DEFAULT_LANGUAGE;
  const value = tag.trim();
  if (isLanguage(value)) return value;
  const lower = value.toLowerCase().replace(/_/g, '-');
  if (lower === 'fr' || lower.startsWith('fr-')) return 'fr';
  if (lower === 'zh' || lower.startsWith('zh-')) {
    if (/^zh-(tw|hk|mo|hant)(-|$)/.test(lower) || lower.includes('-hant')) return 'zh-Hant';
    return 'zh-Hans';
  }
  if (lower === 'id' || lower === 'in' || lower.startsWith('id-') || lower.startsWith('in-')) return 'id';
  return 'en';
}

/** Initial UI language: stored preference first, then the browser's languages. */
export function detectLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be unavailable (privacy mode); fall back to the browser language.
  }
  const nav = globalThis.navigator;
  return matchLanguage(nav?.languages?.[0] ?? nav?.language);
}

export function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Ignore storage failures; the language still applies to this page.
  }
}
