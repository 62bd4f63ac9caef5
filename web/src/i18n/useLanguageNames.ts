import { useTranslation } from 'react-i18next';
import type { Language } from './languages';

/** Names of the UI languages, each written in its own language. */
export function useLanguageNames(): Record<Language, string> {
  const { t } = useTranslation();
  return {
    en: t('languages.en'),
    fr: t('languages.fr'),
    'zh-Hans': t('languages.zhHans'),
    'zh-Hant': t('languages.zhHant'),
    id: t('languages.id'),
  };
}
