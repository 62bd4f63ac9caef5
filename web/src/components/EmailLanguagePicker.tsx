import { Dropdown, Field, Option } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage, type Language } from '../i18n/languages';
import { useLanguageNames } from '../i18n/useLanguageNames';

/** The language an invitation email (and its link's page) is written in. */
export function EmailLanguagePicker({ value, onChange, testId }: { value: Language; onChange(language: Language): void; testId: string }) {
  const { t } = useTranslation();
  const names = useLanguageNames();
  return (
    <Field label={t('draftEmail.language')} hint={t('draftEmail.languageHint')}>
      <Dropdown
        value={names[value]}
        selectedOptions={[value]}
        onOptionSelect={(_event, data) => {
          if (isLanguage(data.optionValue)) onChange(data.optionValue);
        }}
        data-testid={testId}
      >
        {LANGUAGES.map((language) => (
          <Option key={language} value={language} lang={language} data-testid={`${testId}-${language}`}>
            {names[language]}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
