import type { FormEvent } from 'react';
import { Body1, Button, Checkbox, Divider, Field, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ErrorBar } from '../../../components/ErrorBar';
import { useEnrollmentLabels } from '../../../labels';
import { fieldError } from '../../../problem';
import type { Attestation } from '@contracts/enrollment';
import { SERVICES_OFFERED } from '../../../values';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '14px' },
  list: { display: 'flex', flexDirection: 'column', gap: '2px' },
  section: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: '8px', marginTop: '8px' },
});

export interface ServicesStepProps {
  services: readonly string[];
  onServicesChange(services: string[]): void;
  attestation: Attestation;
  onAttestationChange(attestation: Attestation): void;
  onSave(): void;
  saving: boolean;
  error: unknown;
  onBack(): void;
}

/** Providers only: the services they offer their resellers and the billing and support attestation. */
export function ServicesStep({ services, onServicesChange, attestation, onAttestationChange, onSave, saving, error, onBack }: ServicesStepProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useEnrollmentLabels();

  const toggle = (service: string, checked: boolean) =>
    onServicesChange(checked ? [...services.filter((item) => item !== service), service] : services.filter((item) => item !== service));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSave();
  };

  const servicesError = fieldError(error, '/servicesOffered');
  const attestationError = fieldError(error, '/attestation');

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="apply-services">
      <Body1>{t('enrollment.services.intro')}</Body1>
      <ErrorBar error={error} fieldPaths={['/servicesOffered', '/attestation']} testId="services-error" />
      <Field
        label={<Text weight="semibold">{t('enrollment.services.servicesLabel')}</Text>}
        validationMessage={servicesError}
        validationState={servicesError ? 'error' : 'none'}
      >
        <div className={styles.list} role="group" aria-label={t('enrollment.services.servicesLabel')}>
          {SERVICES_OFFERED.map((service) => (
            <Checkbox
              key={service}
              checked={services.includes(service)}
              onChange={(_event, data) => toggle(service, data.checked === true)}
              label={labels.service(service)}
              data-testid={`service-${service}`}
            />
          ))}
        </div>
      </Field>
      <Divider />
      <Text weight="semibold" className={styles.section}>
        {t('enrollment.services.attestationSection')}
      </Text>
      <Field validationMessage={attestationError} validationState={attestationError ? 'error' : 'none'}>
        <div className={styles.list} role="group" aria-label={t('enrollment.services.attestationSection')}>
          <Checkbox
            checked={attestation.billingCapability}
            onChange={(_event, data) => onAttestationChange({ ...attestation, billingCapability: data.checked === true })}
            label={t('enrollment.services.billingCapability')}
            data-testid="attestation-billing"
          />
          <Checkbox
            checked={attestation.supportCapability}
            onChange={(_event, data) => onAttestationChange({ ...attestation, supportCapability: data.checked === true })}
            label={t('enrollment.services.supportCapability')}
            data-testid="attestation-support"
          />
        </div>
      </Field>
      <div className={styles.actions}>
        <Button onClick={onBack} data-testid="apply-back">
          {t('enrollment.apply.back')}
        </Button>
        <Button appearance="primary" type="submit" disabled={saving} data-testid="apply-next">
          {saving ? t('enrollment.apply.saving') : t('enrollment.apply.saveAndContinue')}
        </Button>
      </div>
    </form>
  );
}
