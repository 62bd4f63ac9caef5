import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import fr from './fr.json';
import zhHans from './zh-Hans.json';
import zhHant from './zh-Hant.json';
import id from './id.json';
import { DEFAULT_LANGUAGE, LANGUAGES, detectLanguage, isLanguage, storeLanguage, type Language } from './languages';

export * from './languages';

/**
 * Areas keep their strings in their own folder, one file per language: `i18n/<area>/<language>.json`
 * holds `{ "<area>": { … } }` and is merged under that key (marketplace, security, …). A new area is
 * a new folder; nothing here changes.
 */
const areaFiles = import.meta.glob<{ default: Record<string, object> }>('./*/*.json', { eager: true });

function withAreas<T extends object>(language: string, main: T): T {
  const merged: Record<string, unknown> = { ...(main as Record<string, unknown>) };
  for (const [file, module] of Object.entries(areaFiles)) {
    const [, area, name] = file.split('/');
    if (name !== `${language}.json`) continue;
    merged[area!] = module.default[area!];
  }
  return merged as T;
}

export const resources = {
  en: { translation: withAreas('en', en) },
  fr: { translation: withAreas('fr', fr) },
  'zh-Hans': { translation: withAreas('zh-Hans', zhHans) },
  'zh-Hant': { translation: withAreas('zh-Hant', zhHant) },
  id: { translation: withAreas('id', id) },
} as const;

function applyDocumentLanguage(language: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  document.title = i18n.t('app.brand');
}

i18n.on('languageChanged', (language) => {
  applyDocumentLanguage(language);
});

void i18n.use(initReactI18next).init({
  resources,
  lng: detectLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  nonExplicitSupportedLngs: false,
  load: 'currentOnly',
  cleanCode: false,
  lowerCaseLng: false,
  returnNull: false,
  returnEmptyString: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
  initAsync: false,
  showSupportNotice: false,
});

applyDocumentLanguage(i18n.language);

/** The UI language currently in use, always one of the supported tags. */
export function currentLanguage(): Language {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/** Switches the UI language and remembers it for the next visit. */
export async function setLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  if (i18n.language !== language) {
    await i18n.changeLanguage(language);
  }
}

export default i18n;
