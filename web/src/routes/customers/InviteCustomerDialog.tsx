import { useEffect, useState, type FormEvent } from 'react';
import {
  Body1,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  Radio,
  RadioGroup,
  SpinButton,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCreateCustomerInvitation } from '../../api/customers';
import { useRelationships } from '../../api/channel';
import { keys } from '../../api/keys';
import { useChannelLabels } from '../../channelLabels';
import { EmailLanguagePicker } from '../../components/EmailLanguagePicker';
import { ErrorBar } from '../../components/ErrorBar';
import { InvitationLinkDialog } from '../../components/InvitationLinkDialog';
import { useFormat } from '../../format';
import { currentLanguage, type Language } from '../../i18n';
import { fieldError } from '../../problem';
import { CUSTOMER_INVITATION_TYPES, DELEGATED_ADMIN_ROLES, type CustomerInvitationType, type DelegatedAdminRole } from '../../values';
import { isPlausibleEmail } from '../../validation';

const useStyles = makeStyles({
  delegated: {
    display: 'flex',
    flexDirection: 'column',
    gap: '10px',
    padding: '12px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  roles: { display: 'flex', flexDirection: 'column', gap: '2px' },
  row: { display: 'flex', gap: '16px', alignItems: 'flex-end', flexWrap: 'wrap' },
});

const FIELD_PATHS = ['/type', '/providerRelationshipId', '/email', '/locale', '/delegatedAdmin'] as const;
const FIELD_CODES: Record<string, readonly string[]> = { '/providerRelationshipId': ['provider_relationship_invalid'] };
const MAX_DAYS = 730;

export interface InviteCustomerDialogProps {
  open: boolean;
  onClose(): void;
  /** Preselected: "Invite new customer" from the Indirect providers page (CUS-2). */
  initialType?: CustomerInvitationType;
  initialProviderRelationshipId?: string;
}

/**
 * CUS-1 / CUS-2 "Request a reseller relationship": a link for the customer's global admin, for the
 * reseller alone or together with one of its indirect providers, optionally asking for delegated
 * admin roles; then the editable draft email.
 */
export function InviteCustomerDialog({ open, onClose, initialType = 'resellerOnly', initialProviderRelationshipId }: InviteCustomerDialogProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const queryClient = useQueryClient();
  const providers = useRelationships('IsIndirectResellerOf', open);
  const [type, setType] = useState<CustomerInvitationType>(initialType);
  const [providerRelationshipId, setProviderRelationshipId] = useState(initialProviderRelationshipId ?? '');
  const [email, setEmail] = useState('');
  const [locale, setLocale] = useState<Language>(() => currentLanguage());
  const [askDelegated, setAskDelegated] = useState(false);
  const [roles, setRoles] = useState<DelegatedAdminRole[]>(['userAdministrator', 'licenseAdministrator']);
  const [durationDays, setDurationDays] = useState(MAX_DAYS);
  const [autoExtend, setAutoExtend] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  const create = useCreateCustomerInvitation({
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.customerInvitations.all }),
  });

  // Opening again (possibly for another provider) starts from the preselection.
  const { reset } = create;
  useEffect(() => {
    if (open) {
      setType(initialType);
      setProviderRelationshipId(initialProviderRelationshipId ?? '');
      setEmail('');
      setLocale(currentLanguage());
      setAskDelegated(false);
      setRoles(['userAdministrator', 'licenseAdministrator']);
      setDurationDays(MAX_DAYS);
      setAutoExtend(false);
      setSubmitted(false);
      reset();
    }
  }, [open, initialType, initialProviderRelationshipId, reset]);

  const providerItems = providers.data?.items ?? [];
  const selectedProvider = providerItems.find((item) => item.id === providerRelationshipId);
  const withGlobalAdmin = roles.includes('globalAdministrator');

  const clientErrors: Record<string, string | undefined> = {
    '/providerRelationshipId': type === 'resellerAndProvider' && !providerRelationshipId ? t('customerInvitation.providerRequired') : undefined,
    '/email': email.trim() && !isPlausibleEmail(email) ? t('validation.email') : undefined,
    '/delegatedAdmin/roles': askDelegated && roles.length === 0 ? t('validation.rolesRequired') : undefined,
    '/delegatedAdmin/durationDays':
      askDelegated && (!Number.isInteger(durationDays) || durationDays < 1 || durationDays > MAX_DAYS)
        ? t('customerInvitation.durationRange', { max: MAX_DAYS })
        : undefined,
    '/delegatedAdmin/autoExtend': askDelegated && autoExtend && withGlobalAdmin ? t('customerInvitation.autoExtendNotAllowed') : undefined,
  };
  const errorFor = (path: string) => (submitted ? clientErrors[path] : undefined) ?? fieldError(create.error, path, FIELD_CODES[path]);
  const fieldProps = (path: string) => {
    const message = errorFor(path);
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };

  const toggleRole = (role: DelegatedAdminRole, checked: boolean) => {
    const next = checked ? [...roles.filter((item) => item !== role), role] : roles.filter((item) => item !== role);
    setRoles(next);
    // Auto-extend is not allowed together with the global administrator role.
    if (next.includes('globalAdministrator')) setAutoExtend(false);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(clientErrors).some(Boolean)) return;
    create.mutate({
      type,
      ...(type === 'resellerAndProvider' ? { providerRelationshipId } : {}),
      ...(email.trim() ? { email: email.trim() } : {}),
      locale,
      ...(askDelegated ? { delegatedAdmin: { roles, durationDays, autoExtend } } : {}),
    });
  };

  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <InvitationLinkDialog
      open={open}
      onClose={close}
      invitation={create.data}
      onSubmit={onSubmit}
      pending={create.isPending}
      texts={{
        title: t('customerInvitation.title'),
        draftTitle: t('customerInvitation.draftTitle'),
        create: t('customerInvitation.create'),
        creating: t('customerInvitation.creating'),
      }}
      sendPath={(id) => `/customer-invitations/${encodeURIComponent(id)}/send`}
      onSent={() => void queryClient.invalidateQueries({ queryKey: keys.customerInvitations.all })}
      testIdPrefix="invite-customer"
      draftTestIdPrefix="customer-invitation"
    >
      <Body1>{t('customerInvitation.description')}</Body1>
      <ErrorBar
        error={create.error}
        fieldPaths={FIELD_PATHS}
        fieldCodes={FIELD_CODES['/providerRelationshipId']}
        testId="invite-customer-error"
      />
      <Field label={t('customerInvitation.type')} {...fieldProps('/type')}>
        <RadioGroup value={type} onChange={(_event, data) => setType(data.value as CustomerInvitationType)} data-testid="invite-customer-type">
          {CUSTOMER_INVITATION_TYPES.map((item) => (
            <Radio key={item} value={item} label={labels.invitationType(item)} data-testid={`invite-customer-type-${item}`} />
          ))}
        </RadioGroup>
      </Field>
      {type === 'resellerAndProvider' ? (
        <Field label={t('customerInvitation.provider')} required {...fieldProps('/providerRelationshipId')}>
          <Dropdown
            value={selectedProvider ? selectedProvider.name : ''}
            placeholder={providers.isPending ? t('common.loading') : t('customerInvitation.providerPlaceholder')}
            selectedOptions={providerRelationshipId ? [providerRelationshipId] : []}
            onOptionSelect={(_event, data) => setProviderRelationshipId(data.optionValue ?? '')}
            data-testid="invite-customer-provider"
          >
            {providerItems.map((item) => (
              <Option key={item.id} value={item.id} text={item.name} data-testid={`invite-customer-provider-${item.providerTenantId}`}>
                {`${item.name} (${format.country(item.country)})`}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ) : null}
      <Field label={t('customerInvitation.email')} hint={t('customerInvitation.emailHint')} {...fieldProps('/email')}>
        <Input type="email" value={email} onChange={(_event, data) => setEmail(data.value)} data-testid="invite-customer-email" />
      </Field>
      <EmailLanguagePicker value={locale} onChange={setLocale} testId="invite-customer-locale" />
      <Checkbox
        checked={askDelegated}
        onChange={(_event, data) => setAskDelegated(data.checked === true)}
        label={t('customerInvitation.askDelegated')}
        data-testid="invite-customer-delegated"
      />
      {askDelegated ? (
        <div className={styles.delegated}>
          <Field label={t('customerInvitation.roles')} hint={t('customerInvitation.rolesHint')} {...fieldProps('/delegatedAdmin/roles')}>
            <div className={styles.roles} role="group" aria-label={t('customerInvitation.roles')}>
              {DELEGATED_ADMIN_ROLES.map((role) => (
                <Checkbox
                  key={role}
                  checked={roles.includes(role)}
                  onChange={(_event, data) => toggleRole(role, data.checked === true)}
                  label={labels.delegatedRole(role)}
                  data-testid={`invite-customer-role-${role}`}
                />
              ))}
            </div>
          </Field>
          <div className={styles.row}>
            <Field label={t('customerInvitation.durationDays')} hint={t('customerInvitation.durationHint', { max: MAX_DAYS })} {...fieldProps('/delegatedAdmin/durationDays')}>
              <SpinButton
                value={durationDays}
                min={1}
                max={MAX_DAYS}
                onChange={(_event, data) => {
                  const value = data.value ?? Number.parseInt(data.displayValue ?? '', 10);
                  if (typeof value === 'number' && !Number.isNaN(value)) setDurationDays(value);
                }}
                data-testid="invite-customer-duration"
              />
            </Field>
            <Field {...fieldProps('/delegatedAdmin/autoExtend')}>
              <Switch
                checked={autoExtend}
                disabled={withGlobalAdmin}
                onChange={(_event, data) => setAutoExtend(data.checked)}
                label={withGlobalAdmin ? t('customerInvitation.autoExtendNotAllowed') : t('customerInvitation.autoExtend')}
                data-testid="invite-customer-auto-extend"
              />
            </Field>
          </div>
        </div>
      ) : null}
    </InvitationLinkDialog>
  );
}
