import { useMemo, useRef, useState } from 'react';
import { Combobox, Option, type ComboboxProps } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { COUNTRY_CODES } from '../countries';
import { useFormat } from '../format';

function normalize(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase()
    .trim();
}

export interface CountryPickerProps {
  value: string;
  onChange(code: string): void;
  id?: string;
  invalid?: boolean;
  'data-testid'?: string;
}

/** Searchable list of countries, named in the UI language with Intl.DisplayNames. */
export function CountryPicker({ value, onChange, id, invalid, 'data-testid': testId }: CountryPickerProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const collator = useMemo(() => new Intl.Collator(format.language), [format.language]);
  const countries = useMemo(
    () =>
      COUNTRY_CODES.map((code) => ({ code, name: format.country(code) })).sort((a, b) =>
        collator.compare(a.name, b.name),
      ),
    [format, collator],
  );
  const selectedName = value ? format.country(value) : '';
  const [query, setQuery] = useState<string | null>(null);
  const justFocused = useRef(false);
  const text = query ?? selectedName;

  const filtered = useMemo(() => {
    if (query === null || query === selectedName) return countries;
    const needle = normalize(query);
    if (!needle) return countries;
    // Names that start with the search text come first, then names that contain it.
    const starts = [];
    const contains = [];
    for (const country of countries) {
      const name = normalize(country.name);
      if (name.startsWith(needle) || country.code.toLowerCase() === needle) starts.push(country);
      else if (name.includes(needle) || name.split(/[\s-]+/).some((word) => word.startsWith(needle))) contains.push(country);
    }
    return [...starts, ...contains];
  }, [countries, query, selectedName]);

  const onOptionSelect: ComboboxProps['onOptionSelect'] = (_event, data) => {
    // The combobox also reports a cleared selection while the person types: keep the search text then.
    if (!data.optionValue) return;
    onChange(data.optionValue);
    setQuery(null);
  };

  return (
    <Combobox
      id={id}
      value={text}
      selectedOptions={value ? [value] : []}
      onOptionSelect={onOptionSelect}
      onChange={(event) => setQuery(event.target.value)}
      onFocus={(event) => {
        // Select the current name so that typing starts a new search.
        event.target.select();
        justFocused.current = true;
      }}
      onMouseUp={(event) => {
        if (justFocused.current) event.preventDefault();
        justFocused.current = false;
      }}
      onOpenChange={(_event, data) => {
        if (!data.open) setQuery(null);
      }}
      placeholder={t('countryPicker.placeholder')}
      aria-invalid={invalid || undefined}
      autoComplete="off"
      data-testid={testId}
    >
      {filtered.length === 0 ? (
        <Option key="__none" value="" text="" disabled>
          {t('countryPicker.noMatch')}
        </Option>
      ) : (
        filtered.map((country) => (
          <Option key={country.code} value={country.code} text={country.name} data-testid={`country-option-${country.code}`}>
            {country.name}
          </Option>
        ))
      )}
    </Combobox>
  );
}

/** Country guessed from the browser's language tag (e.g. fr-CA → CA), if it is a known code. */
export function guessCountry(): string {
  const tags = globalThis.navigator?.languages ?? [globalThis.navigator?.language];
  for (const tag of tags) {
    if (!tag) continue;
    try {
      const region = new Intl.Locale(tag).region;
      if (region && (COUNTRY_CODES as readonly string[]).includes(region)) return region;
    } catch {
      // Malformed tag: try the next one.
    }
  }
  return '';
}
