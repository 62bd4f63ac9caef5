import { useState, type FormEvent } from 'react';
import { Body1, Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, SpinButton, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RequestedDelegatedAdminRelationship } from '@contracts/customers';
import { useRequestDelegatedAdmin } from '../../api/customers';
import { keys } from '../../api/keys';
import { CopyButton } from '../../components/CopyButton';
import { DelegatedRoleList, DelegatedRolePicker } from '../../components/DelegatedRoles';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { useFormat } from '../../format';
import { fieldError } from '../../problem';
import type { DelegatedAdminRole } from '../../values';

/** The API's limits on a delegated-admin relationship's duration (customers/rules.ts). */
const MIN_DAYS = 1;
const MAX_DAYS = 730;

const useStyles = makeStyles({
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '12px', alignItems: 'start' },
  link: { display: 'flex', gap: '8px', alignItems: 'center' },
  linkInput: { flexGrow: 1, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** What the request became: pending approval, mailed to the customer's global admins (or to no one), with its link. */
function RequestResult({ customerName, result }: { customerName: string; result: RequestedDelegatedAdminRelationship }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const { mailedTo, link } = result.approval;
  return (
    <>
      <MessageBar intent={mailedTo > 0 ? 'success' : 'warning'} layout="multiline" data-testid="request-delegated-result" data-mailed-to={mailedTo}>
        <MessageBarBody>
          <MessageBarTitle>{t('delegatedAdmin.request.pendingTitle')}</MessageBarTitle>
          {mailedTo > 0
            ? t('delegatedAdmin.request.mailed', { customer: customerName, formatted: format.number(mailedTo) })
            : t('delegatedAdmin.request.notMailed', { customer: customerName })}
        </MessageBarBody>
      </MessageBar>
      <Body1 data-testid="request-delegated-summary">
        {t('delegatedAdmin.request.summary', { days: format.number(result.durationDays) })}{' '}
        {result.autoExtend ? t('delegatedAdmin.request.summaryAutoExtend') : ''}
      </Body1>
      <DelegatedRoleList roles={result.roles} testId="request-delegated-result-roles" />
      {link ? (
        <Field label={t('delegatedAdmin.request.link')} hint={t('delegatedAdmin.request.linkHint')}>
          <div className={styles.link}>
            <Input className={styles.linkInput} readOnly value={link} data-testid="request-delegated-link" />
            <CopyButton text={link} />
          </div>
        </Field>
      ) : null}
    </>
  );
}

/**
 * Delegated admin asked of an existing customer (POST /v1/customers/{id}/delegated-admin-relationships):
 * the roles, each with what it allows, the duration in days and whether it extends itself; the result
 * shows where the approval went (the customer's global admins' mail) and its link.
 */
export function RequestDelegatedAdminDialog({ customerId, customerName, onClose }: { customerId: string; customerName: string; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<DelegatedAdminRole[]>(['userAdministrator', 'licenseAdministrator']);
  const [durationDays, setDurationDays] = useState(90);
  const [autoExtend, setAutoExtend] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const request = useRequestDelegatedAdmin(customerId, {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.delegatedAdmin(customerId) }),
  });
  const withGlobalAdmin = roles.includes('globalAdministrator');
  const errors = {
    roles: submitted && roles.length === 0 ? t('delegatedAdmin.request.rolesRequired') : fieldError(request.error, '/roles'),
    durationDays:
      submitted && (!Number.isInteger(durationDays) || durationDays < MIN_DAYS || durationDays > MAX_DAYS)
        ? t('delegatedAdmin.request.durationRange', { max: MAX_DAYS })
        : fieldError(request.error, '/durationDays'),
    autoExtend: fieldError(request.error, '/autoExtend'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (roles.length === 0 || !Number.isInteger(durationDays) || durationDays < MIN_DAYS || durationDays > MAX_DAYS) return;
    request.mutate({ roles, durationDays, autoExtend: autoExtend && !withGlobalAdmin });
  };
  const result = request.data;
  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={result ? undefined : onSubmit}
      alert={!!result}
      title={t('delegatedAdmin.request.title', { customer: customerName })}
      testId="request-delegated-dialog"
      actions={
        result ? (
          <Button appearance="primary" onClick={onClose} data-testid="request-delegated-done">
            {t('delegatedAdmin.request.done')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose} data-testid="request-delegated-cancel">
              {t('common.cancel')}
            </Button>
            <Button appearance="primary" type="submit" disabled={request.isPending} data-testid="request-delegated-submit">
              {request.isPending ? t('delegatedAdmin.request.sending') : t('delegatedAdmin.request.submit')}
            </Button>
          </>
        )
      }
    >
      {result ? (
        <RequestResult customerName={customerName} result={result} />
      ) : (
        <>
          <Body1>{t('delegatedAdmin.request.intro', { customer: customerName })}</Body1>
          <ErrorBar error={request.error} fieldPaths={['/roles', '/durationDays', '/autoExtend']} testId="request-delegated-error" />
          <Field label={t('delegatedAdmin.request.roles')} hint={t('delegatedAdmin.request.rolesHint')} required validationMessage={errors.roles} validationState={errors.roles ? 'error' : 'none'}>
            <DelegatedRolePicker value={roles} onChange={setRoles} label={t('delegatedAdmin.request.roles')} testIdPrefix="request-delegated-role" />
          </Field>
          <div className={styles.row}>
            <Field
              label={t('delegatedAdmin.request.duration')}
              hint={t('delegatedAdmin.request.durationHint', { max: MAX_DAYS })}
              required
              validationMessage={errors.durationDays}
              validationState={errors.durationDays ? 'error' : 'none'}
            >
              <SpinButton
                value={durationDays}
                min={MIN_DAYS}
                max={MAX_DAYS}
                onChange={(_event, data) => {
                  const value = data.value ?? Number.parseInt(data.displayValue ?? '', 10);
                  if (typeof value === 'number' && !Number.isNaN(value)) setDurationDays(value);
                }}
                data-testid="request-delegated-duration"
              />
            </Field>
            <Field validationMessage={errors.autoExtend} validationState={errors.autoExtend ? 'error' : 'none'}>
              <Switch
                checked={autoExtend && !withGlobalAdmin}
                disabled={withGlobalAdmin}
                onChange={(_event, data) => setAutoExtend(data.checked)}
                label={withGlobalAdmin ? t('delegatedAdmin.request.autoExtendNotAllowed') : t('delegatedAdmin.request.autoExtend')}
                data-testid="request-delegated-auto-extend"
              />
            </Field>
          </div>
        </>
      )}
    </FormDialog>
  );
}
