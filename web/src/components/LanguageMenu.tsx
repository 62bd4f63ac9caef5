import {
  Button,
  Menu,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  type MenuProps,
} from '@fluentui/react-components';
import { LocalLanguageRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage, setLanguage, type Language } from '../i18n';
import { useLanguageNames } from '../i18n/useLanguageNames';

/** Small language picker for pages shown before sign-in. */
export function LanguageMenu() {
  const { t, i18n } = useTranslation();
  const names = useLanguageNames();
  const current = isLanguage(i18n.language) ? i18n.language : 'en';

  const onCheckedValueChange: MenuProps['onCheckedValueChange'] = (_event, data) => {
    const next = data.checkedItems[0];
    if (isLanguage(next)) void setLanguage(next);
  };

  return (
    <Menu checkedValues={{ language: [current] }} onCheckedValueChange={onCheckedValueChange}>
      <MenuTrigger disableButtonEnhancement>
        <Button
          appearance="subtle"
          icon={<LocalLanguageRegular />}
          aria-label={t('language.menuLabel')}
          data-testid="language-menu"
        >
          {names[current]}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {LANGUAGES.map((language: Language) => (
            <MenuItemRadio
              key={language}
              name="language"
              value={language}
              lang={language}
              data-testid={`language-option-${language}`}
            >
              {names[language]}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
