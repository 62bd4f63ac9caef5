import { useState, type FormEvent } from 'react';
import { Body1, Button, Caption1, Card, CardHeader, Field, Input, MessageBar, MessageBarBody, Switch, Text, Textarea, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useProgramMfaPolicy, useResetUserMfa, useSetProgramMfaPolicy } from '../../api/security';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { usePermission } from '../../session';

const useStyles = makeStyles({
  cards: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '720px' },
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The operator's MFA settings (ACC-4): the program's enforcement, and the support's reset for a locked-out global admin. */
function OperatorMfaContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const canManage = usePermission(PERMISSIONS.operatorSettingsManage);
  const canReset = usePermission(PERMISSIONS.usersResetMfa);
  const policy = useProgramMfaPolicy();
  const setPolicy = useSetProgramMfaPolicy();

  return (
    <div data-testid="operator-mfa-page">
      <PageHeader title={t('security.operator.title')} description={t('security.operator.description')} />
      <div className={styles.cards}>
        <Card>
          <CardHeader header={<Text weight="semibold">{t('security.operator.policyTitle')}</Text>} description={<Caption1>{t('security.operator.policyDescription')}</Caption1>} />
          <ErrorBar error={policy.error ?? setPolicy.error} testId="operator-mfa-policy-error" />
          {policy.data ? (
            <Switch
              checked={policy.data.enforced}
              disabled={!canManage || setPolicy.isPending}
              onChange={(_event, data) => setPolicy.mutate(data.checked)}
              label={policy.data.enforced ? t('security.operator.enforced') : t('security.operator.notEnforced')}
              data-testid="operator-mfa-enforced"
            />
          ) : policy.isPending ? (
            <Loading />
          ) : null}
        </Card>
        {canReset ? <SupportReset /> : null}
      </div>
    </div>
  );
}

function SupportReset() {
  const styles = useStyles();
  const { t } = useTranslation();
  const [tenantId, setTenantId] = useState('');
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [doneFor, setDoneFor] = useState<string | null>(null);
  const reset = useResetUserMfa({
    onSuccess: (_result, input) => {
      setConfirming(false);
      setDoneFor(input.userId);
      setUserId('');
      setReason('');
    },
    onError: () => setConfirming(false),
  });
  const valid = uuid.test(tenantId.trim()) && uuid.test(userId.trim()) && !!reason.trim();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDoneFor(null);
    reset.reset();
    if (valid) setConfirming(true);
  };
  const reasonError = fieldError(reset.error, '/reason');

  return (
    <Card>
      <CardHeader header={<Text weight="semibold">{t('security.operator.resetTitle')}</Text>} description={<Caption1>{t('security.operator.resetDescription')}</Caption1>} />
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {doneFor ? (
          <MessageBar intent="success" data-testid="operator-mfa-reset-done">
            <MessageBarBody>{t('security.operator.resetDone')}</MessageBarBody>
          </MessageBar>
        ) : null}
        <ErrorBar error={reset.error} fieldPaths={['/reason']} testId="operator-mfa-reset-error" />
        <Field label={t('security.operator.tenantId')} required validationMessage={tenantId && !uuid.test(tenantId.trim()) ? t('security.operator.idInvalid') : undefined}>
          <Input value={tenantId} onChange={(_event, data) => setTenantId(data.value)} data-testid="operator-mfa-reset-tenant" />
        </Field>
        <Field label={t('security.operator.userId')} required validationMessage={userId && !uuid.test(userId.trim()) ? t('security.operator.idInvalid') : undefined}>
          <Input value={userId} onChange={(_event, data) => setUserId(data.value)} data-testid="operator-mfa-reset-user" />
        </Field>
        <Field label={t('security.reset.reason')} required hint={t('security.operator.reasonHint')} validationMessage={reasonError} validationState={reasonError ? 'error' : 'none'}>
          <Textarea value={reason} maxLength={500} onChange={(_event, data) => setReason(data.value)} data-testid="operator-mfa-reset-reason" />
        </Field>
        <Button appearance="primary" type="submit" disabled={!valid || reset.isPending} data-testid="operator-mfa-reset-submit">
          {t('security.reset.confirm')}
        </Button>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('security.operator.resetConfirmTitle')}
        message={<Body1>{t('security.reset.message')}</Body1>}
        confirmLabel={t('security.reset.confirm')}
        onConfirm={() => reset.mutate({ tenantId: tenantId.trim(), userId: userId.trim(), reason: reason.trim() })}
        onCancel={() => setConfirming(false)}
        pending={reset.isPending}
        testId="operator-mfa-reset-dialog"
      />
    </Card>
  );
}

export default function OperatorMfa() {
  return (
    <RequirePermission permission={PERMISSIONS.operatorSettingsRead}>
      <OperatorMfaContent />
    </RequirePermission>
  );
}
