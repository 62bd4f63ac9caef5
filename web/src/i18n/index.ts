import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import fr from './fr.json';
import zhHans from './zh-Hans.json';
import zhHant from './zh-Hant.json';
import id from './id.json';
import mpEn from './marketplace/en.json';
import mpFr from './marketplace/fr.json';
import mpZhHans from './marketplace/zh-Hans.json';
import mpZhHant from './marketplace/zh-Hant.json';
import mpId from './marketplace/id.json';
import { DEFAULT_LANGUAGE, LANGUAGES, detectLanguage, isLanguage, storeLanguage, type Language } from './languages';

export * from './languages';

/** The main strings of a language with the marketplace's (kept in their own files, under `marketplace`). */
function withMarketplace<T extends object>(main: T, mp: { marketplace: object }) {
  return { ...main, marketplace: mp.marketplace };
}

export const resources = {
  en: { translation: withMarketplace(en, mpEn) },
  fr: { translation: withMarketplace(fr, mpFr) },
  'zh-Hans': { translation: withMarketplace(zhHans, mpZhHans) },
  'zh-Hant': { translation: withMarketplace(zhHant, mpZhHant) },
  id: { translation: withMarketplace(id, mpId) },
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
