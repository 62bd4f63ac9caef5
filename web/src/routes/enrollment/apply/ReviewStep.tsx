import type { ReactNode } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Divider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { EditRegular, SendRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { addressBody } from '../../../address';
import { AddressView } from '../../../components/AddressFields';
import { useFormat } from '../../../format';
import { useEnrollmentLabels } from '../../../labels';
import type { Attestation, PartnerIdAssociation } from '@contracts/enrollment';
import { SubmitProblem } from '../SubmitProblem';
import { normalizeWebsite, type ContactValues, type LegalValues, type StepId, type SupportValues } from './model';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '14px' },
  section: { display: 'flex', flexDirection: 'column', gap: '6px' },
  sectionHeader: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '8px' },
  details: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: '16px', rowGap: '4px', alignItems: 'baseline' },
  label: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: '8px', marginTop: '8px' },
});

export interface ReviewStepProps {
  program: string;
  isProvider: boolean;
  association: PartnerIdAssociation | null;
  legal: LegalValues;
  contact: ContactValues;
  support: SupportValues;
  services: readonly string[];
  attestation: Attestation;
  onEdit(step: StepId): void;
  /** Steps with changes that are not saved yet. */
  unsaved: readonly StepId[];
  stepTitle: Record<StepId, string>;
  onSubmit(): void;
  submitting: boolean;
  error: unknown;
  onBack(): void;
}

/** Everything the applicant entered, with links back to each step, and the submit button. */
export function ReviewStep(props: ReviewStepProps) {
  const { program, isProvider, association, legal, contact, support, services, attestation, onEdit, unsaved, stepTitle, onSubmit, submitting, error, onBack } = props;
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useEnrollmentLabels();
  const empty = t('common.emptyValue');

  const section = (step: StepId, title: string, children: ReactNode) => (
    <div className={styles.section} data-testid={`review-section-${step}`}>
      <div className={styles.sectionHeader}>
        <Text weight="semibold">{title}</Text>
        <Button size="small" appearance="subtle" icon={<EditRegular />} onClick={() => onEdit(step)} data-testid={`review-edit-${step}`}>
          {t('enrollment.review.edit')}
        </Button>
      </div>
      <div className={styles.details}>{children}</div>
    </div>
  );
  const row = (label: string, value: ReactNode) => (
    <>
      <Caption1 className={styles.label}>{label}</Caption1>
      <Body1 as="span" block>{value || empty}</Body1>
    </>
  );

  return (
    <div className={styles.root} data-testid="apply-review">
      <Body1>{t('enrollment.review.intro')}</Body1>
      {section(
        'partnerId',
        t('enrollment.steps.partnerId'),
        row(
          t('enrollment.review.partnerId'),
          association
            ? t('enrollment.review.partnerIdValue', { partnerId: association.partnerId, country: format.country(association.country) })
            : t('enrollment.review.partnerIdDeferred'),
        ),
      )}
      <Divider />
      {section(
        'legal',
        t('enrollment.steps.legal'),
        <>
          {row(t('enrollment.legal.legalName'), legal.legalName)}
          {row(t('enrollment.legal.duns'), legal.dunsNumber)}
          {row(t('enrollment.review.address'), <AddressView address={addressBody(legal.address)} />)}
        </>,
      )}
      <Divider />
      {section(
        'contacts',
        t('enrollment.steps.contacts'),
        <>
          {row(t('enrollment.review.primaryContact'), `${contact.firstName} ${contact.lastName}`.trim())}
          {row(t('enrollment.contacts.email'), contact.email)}
          {row(t('enrollment.contacts.phone'), contact.phone)}
          {row(t('enrollment.contacts.supportEmail'), support.email)}
          {row(t('enrollment.contacts.supportPhone'), support.phone)}
          {row(t('enrollment.contacts.website'), normalizeWebsite(support.website))}
        </>,
      )}
      {isProvider ? (
        <>
          <Divider />
          {section(
            'services',
            t('enrollment.steps.services'),
            <>
              {row(t('enrollment.services.servicesLabel'), services.map((service) => labels.service(service)).join(', '))}
              {row(
                t('enrollment.services.attestationSection'),
                attestation.billingCapability && attestation.supportCapability
                  ? t('enrollment.review.attested')
                  : t('enrollment.review.notAttested'),
              )}
            </>,
          )}
        </>
      ) : null}
      {unsaved.length > 0 ? (
        <MessageBar intent="warning" layout="multiline" data-testid="review-unsaved">
          <MessageBarBody>
            <MessageBarTitle>{t('enrollment.review.unsavedTitle')}</MessageBarTitle>
            {t('enrollment.review.unsaved')}
          </MessageBarBody>
          <MessageBarActions>
            {unsaved.map((step) => (
              <Button key={step} onClick={() => onEdit(step)} data-testid={`review-unsaved-${step}`}>
                {stepTitle[step]}
              </Button>
            ))}
          </MessageBarActions>
        </MessageBar>
      ) : null}
      <SubmitProblem error={error} program={program} testId="submit-error" />
      <div className={styles.actions}>
        <Button onClick={onBack} data-testid="apply-back">
          {t('enrollment.apply.back')}
        </Button>
        <Button
          appearance="primary"
          icon={<SendRegular />}
          disabled={submitting || unsaved.length > 0}
          onClick={onSubmit}
          data-testid="apply-submit"
        >
          {submitting ? t('enrollment.review.submitting') : t('enrollment.review.submit')}
        </Button>
      </div>
    </div>
  );
}
