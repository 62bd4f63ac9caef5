import type { ReactNode } from 'react';
import {
  Body1,
  Caption1,
  Card,
  CardHeader,
  Link,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { AddressView } from '../../components/AddressFields';
import { AppLink } from '../../components/AppLink';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePartnerPermission } from '../../components/RequirePermission';
import { EnrollmentStatusBadge, useProgramName } from '../../components/StatusBadges';
import { useFormat } from '../../format';
import { useEnrollmentLabels } from '../../labels';
import { useLegalProfile, usePartnerIdAssociation, useProgramInformation, useSupportProfile } from '../../api/partner';
import { PERMISSIONS } from '../../permissions';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '820px' },
  details: { display: 'grid', gridTemplateColumns: 'minmax(160px, max-content) 1fr', columnGap: '20px', rowGap: '8px', alignItems: 'baseline' },
  label: { color: tokens.colorNeutralForeground3 },
  programs: { display: 'flex', flexDirection: 'column', gap: '12px' },
  program: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '16px',
    padding: '14px 16px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  programName: { minWidth: '180px' },
  agreement: { display: 'flex', flexDirection: 'column', flexGrow: 1 },
});

function Detail({ label, children }: { label: string; children: ReactNode }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <>
      <Caption1 className={styles.label}>{label}</Caption1>
      <Body1 as="span" block>{children || t('common.emptyValue')}</Body1>
    </>
  );
}

/** Program information (ENR-10): status per program and the partner agreement's acceptance. */
function ProgramInformation() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const programName = useProgramName();
  const info = useProgramInformation();
  if (info.error) return <ErrorBar error={info.error} testId="program-information-error" />;
  if (info.isPending) return <Loading />;
  if (info.data.programs.length === 0) {
    return (
      <Body1>
        {t('legalInfo.noPrograms')}{' '}
        <AppLink to="/enrollment" inline>
          {t('legalInfo.enroll')}
        </AppLink>
      </Body1>
    );
  }
  return (
    <div className={styles.programs} data-testid="program-information">
      {info.data.programs.map((program) => (
        <div key={program.program} className={styles.program} data-testid={`program-${program.program}`}>
          <Text weight="semibold" size={400} className={styles.programName}>
            {programName(program.program)}
          </Text>
          <EnrollmentStatusBadge
            status={program.status}
            size={program.status === 'active' ? 'extra-large' : 'large'}
            data-testid={`program-status-${program.program}`}
          />
          <span className={styles.agreement} data-testid={`program-agreement-${program.program}`}>
            {program.agreementAcceptedAt ? (
              <>
                <Body1>{t('legalInfo.agreementAccepted', { date: format.date(program.agreementAcceptedAt) })}</Body1>
                {program.agreementVersion ? (
                  <Caption1 className={styles.label}>{t('legalInfo.agreementVersion', { version: program.agreementVersion })}</Caption1>
                ) : null}
              </>
            ) : (
              <Body1>
                {t('legalInfo.agreementNotAccepted')}{' '}
                <AppLink to="/agreements" inline>
                  {t('legalInfo.viewAgreement')}
                </AppLink>
              </Body1>
            )}
          </span>
        </div>
      ))}
    </div>
  );
}

function LegalInfoContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useEnrollmentLabels();
  const legal = useLegalProfile();
  const support = useSupportProfile();
  const association = usePartnerIdAssociation();

  const error = legal.error ?? support.error ?? association.error;
  return (
    <div className={styles.root}>
      <Card>
        <CardHeader header={<Text weight="semibold">{t('legalInfo.programSection')}</Text>} />
        <ProgramInformation />
      </Card>
      {error ? <ErrorBar error={error} testId="legal-info-error" /> : null}
      <Card data-testid="legal-profile">
        <CardHeader header={<Text weight="semibold">{t('legalInfo.legalSection')}</Text>} />
        {legal.isPending ? (
          <Loading />
        ) : !legal.data ? (
          <MessageBar intent="info" data-testid="legal-profile-missing">
            <MessageBarBody>
              {t('legalInfo.noProfile')}{' '}
              <AppLink to="/enrollment" inline>
                {t('legalInfo.enroll')}
              </AppLink>
            </MessageBarBody>
          </MessageBar>
        ) : (
          <div className={styles.details}>
            <Detail label={t('legalInfo.legalName')}>
              <span data-testid="legal-info-name">{legal.data.legalName}</span>
            </Detail>
            <Detail label={t('legalInfo.duns')}>{legal.data.dunsNumber}</Detail>
            <Detail label={t('legalInfo.address')}>
              <AddressView address={legal.data.address} data-testid="legal-info-address" />
            </Detail>
            <Detail label={t('legalInfo.addressValidation')}>{labels.addressStatus(legal.data.addressValidationStatus)}</Detail>
            <Detail label={t('legalInfo.primaryContact')}>
              <span>
                {legal.data.primaryContact.firstName} {legal.data.primaryContact.lastName}
                <Caption1 block>{legal.data.primaryContact.email}</Caption1>
                <Caption1 block>{legal.data.primaryContact.phone}</Caption1>
              </span>
            </Detail>
            <Detail label={t('legalInfo.vettingStatus')}>
              <span data-testid="legal-info-vetting">
                {labels.status(legal.data.vettingStatus)}
                {legal.data.vettingSubStatus && legal.data.vettingSubStatus !== 'none' ? ` · ${labels.step(legal.data.vettingSubStatus)}` : ''}
              </span>
            </Detail>
            <Detail label={t('legalInfo.updated')}>{format.dateTime(legal.data.updatedAt)}</Detail>
          </div>
        )}
      </Card>
      <Card>
        <CardHeader header={<Text weight="semibold">{t('legalInfo.supportSection')}</Text>} />
        {support.isPending ? (
          <Loading />
        ) : !support.data ? (
          <Body1 className={styles.label}>{t('legalInfo.noSupport')}</Body1>
        ) : (
          <div className={styles.details} data-testid="support-profile">
            <Detail label={t('legalInfo.supportEmail')}>{support.data.email}</Detail>
            <Detail label={t('legalInfo.supportPhone')}>{support.data.phone}</Detail>
            <Detail label={t('legalInfo.website')}>
              <Link href={support.data.website} target="_blank" rel="noopener noreferrer">
                {support.data.website}
              </Link>
            </Detail>
          </div>
        )}
      </Card>
      <Card>
        <CardHeader header={<Text weight="semibold">{t('legalInfo.partnerIdSection')}</Text>} />
        {association.isPending ? (
          <Loading />
        ) : association.data ? (
          <div className={styles.details} data-testid="legal-info-partner-id">
            <Detail label={t('legalInfo.partnerId')}>{association.data.partnerId}</Detail>
            <Detail label={t('legalInfo.partnerIdCountry')}>{format.country(association.data.country)}</Detail>
            <Detail label={t('legalInfo.associatedAt')}>{format.dateTime(association.data.associatedAt)}</Detail>
          </div>
        ) : (
          <Body1>
            {t('legalInfo.noPartnerId')}{' '}
            <AppLink to="/locations" inline>
              {t('legalInfo.manageLocations')}
            </AppLink>
          </Body1>
        )}
      </Card>
    </div>
  );
}

export default function LegalInfo() {
  const { t } = useTranslation();
  return (
    <div data-testid="legal-info-page">
      <PageHeader title={t('legalInfo.title')} description={t('legalInfo.description')} />
      <RequirePartnerPermission permission={PERMISSIONS.partnerProfileRead}>
        <LegalInfoContent />
      </RequirePartnerPermission>
    </div>
  );
}
