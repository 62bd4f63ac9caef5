import { useEffect, useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUpdateDisplayName, useUpdateLanguage } from '../../api/identity';
import { AppLink } from '../../components/AppLink';
import { ErrorBar } from '../../components/ErrorBar';
import { PageHeader } from '../../components/PageHeader';
import { RoleBadges } from '../../components/StatusBadges';
import { useFormat } from '../../format';
import { LANGUAGES, currentLanguage, isLanguage, setLanguage } from '../../i18n';
import { useLanguageNames } from '../../i18n/useLanguageNames';
import { fieldError } from '../../problem';
import { useMe, useStoreMeUser } from '../../session';

const useStyles = makeStyles({
  cards: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '640px' },
  form: { display: 'flex', flexDirection: 'column', gap: '14px', marginTop: '4px' },
  row: { display: 'flex', gap: '8px', alignItems: 'flex-end' },
  grow: { flexGrow: 1 },
  details: { display: 'grid', gridTemplateColumns: 'max-content 1fr', alignItems: 'baseline', columnGap: '16px', rowGap: '8px' },
  label: { color: tokens.colorNeutralForeground3 },
});

export default function Profile() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const location = useLocation();
  const { data: me } = useMe();
  const storeUser = useStoreMeUser();
  const languageNames = useLanguageNames();
  const [displayName, setDisplayName] = useState(me?.user.displayName ?? '');
  const [saved, setSaved] = useState(false);
  const passwordChanged = !!(location.state as { passwordChanged?: boolean } | null)?.passwordChanged;

  const storedName = me?.user.displayName;
  useEffect(() => {
    if (storedName !== undefined) setDisplayName(storedName);
  }, [storedName]);

  const saveName = useUpdateDisplayName({
    onSuccess: (user) => {
      storeUser(user);
      setSaved(true);
    },
  });

  const changeLanguage = useUpdateLanguage({
    onMutate: async (language) => {
      const previous = currentLanguage();
      await setLanguage(language);
      return { previous };
    },
    onError: async (_error, _language, context) => {
      if (context) await setLanguage(context.previous);
    },
    onSuccess: (user) => storeUser(user),
  });

  if (!me) return null;
  const nameError = fieldError(saveName.error, '/displayName');
  const language = currentLanguage();

  const onSaveName = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!displayName.trim()) return;
    saveName.mutate(displayName.trim());
  };

  return (
    <div data-testid="profile-page">
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <div className={styles.cards}>
        {passwordChanged ? (
          <MessageBar intent="success" data-testid="password-changed">
            <MessageBarBody>{t('profile.passwordChanged')}</MessageBarBody>
          </MessageBar>
        ) : null}
        <Card>
          <CardHeader header={<Text weight="semibold">{t('profile.personalSection')}</Text>} />
          <form className={styles.form} onSubmit={onSaveName} noValidate>
            <ErrorBar error={saveName.error} fieldPaths={['/displayName']} testId="profile-name-error" />
            {saved && !saveName.isPending ? (
              <MessageBar intent="success" data-testid="profile-saved">
                <MessageBarBody>{t('profile.saved')}</MessageBarBody>
              </MessageBar>
            ) : null}
            <div className={styles.row}>
              <Field
                className={styles.grow}
                label={t('profile.displayName')}
                required
                validationMessage={!displayName.trim() ? t('validation.required') : nameError}
                validationState={!displayName.trim() || nameError ? 'error' : 'none'}
              >
                <Input
                  value={displayName}
                  onChange={(_event, data) => {
                    setDisplayName(data.value);
                    setSaved(false);
                  }}
                  data-testid="profile-display-name"
                />
              </Field>
              <Button
                type="submit"
                appearance="primary"
                disabled={saveName.isPending || !displayName.trim() || displayName.trim() === me.user.displayName}
                data-testid="profile-save"
              >
                {t('common.save')}
              </Button>
            </div>
          </form>
        </Card>
        <Card>
          <CardHeader
            header={<Text weight="semibold">{t('profile.languageSection')}</Text>}
            description={<Caption1>{t('profile.languageDescription')}</Caption1>}
          />
          <ErrorBar error={changeLanguage.error} fieldPaths={[]} testId="profile-language-error" />
          <Field label={t('profile.language')} validationMessage={fieldError(changeLanguage.error, '/language')}>
            <Dropdown
              value={languageNames[language]}
              selectedOptions={[language]}
              onOptionSelect={(_event, data) => {
                if (isLanguage(data.optionValue) && data.optionValue !== language) {
                  changeLanguage.mutate(data.optionValue);
                }
              }}
              disabled={changeLanguage.isPending}
              data-testid="profile-language"
            >
              {LANGUAGES.map((item) => (
                <Option key={item} value={item} lang={item} data-testid={`profile-language-${item}`}>
                  {languageNames[item]}
                </Option>
              ))}
            </Dropdown>
          </Field>
        </Card>
        <Card>
          <CardHeader header={<Text weight="semibold">{t('profile.accountSection')}</Text>} />
          <div className={styles.details}>
            <Caption1 className={styles.label}>{t('profile.email')}</Caption1>
            <Body1 data-testid="profile-email">{me.user.email}</Body1>
            <Caption1 className={styles.label}>{t('profile.organization')}</Caption1>
            <Body1>{me.tenant.name}</Body1>
            <Caption1 className={styles.label}>{t('profile.roles')}</Caption1>
            <RoleBadges roles={me.user.roles} />
            <Caption1 className={styles.label}>{t('profile.memberSince')}</Caption1>
            <Body1>{format.date(me.user.createdAt)}</Body1>
            <Caption1 className={styles.label}>{t('profile.password')}</Caption1>
            <AppLink to="/change-password" data-testid="profile-change-password">
              {t('profile.changePassword')}
            </AppLink>
          </div>
        </Card>
      </div>
    </div>
  );
}
