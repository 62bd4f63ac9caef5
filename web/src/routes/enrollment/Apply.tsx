import { useState } from 'react';
import {
  Body1,
  Button,
  Card,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePartnerPermission } from '../../components/RequirePermission';
import { useProgramName } from '../../components/StatusBadges';
import {
  latestByProgram,
  useAttributes,
  useEnrollments,
  useLegalProfile,
  usePartnerIdAssociation,
  useRefreshStanding,
  useSaveLegalProfile,
  useSaveServices,
  useSaveSupportProfile,
  useSubmitEnrollment,
  useSupportProfile,
} from '../../api/partner';
import { keys } from '../../api/keys';
import { PERMISSIONS } from '../../permissions';
import { useMe } from '../../session';
import type { Attestation, Attributes, Enrollment, LegalProfile, SupportProfile, Warning } from '@contracts/enrollment';
import { isEnrollmentProgram, type EnrollmentProgram } from '../../values';
import { NotFoundContent } from '../errors/NotFound';
import { LocationsPanel } from '../partner/LocationsPanel';
import { ContactsStep } from './apply/ContactsStep';
import { LegalStep } from './apply/LegalStep';
import {
  NO_ATTESTATION,
  contactValuesOf,
  legalBody,
  legalValuesOf,
  supportBody,
  supportValuesOf,
  type ContactValues,
  type LegalValues,
  type SupportValues,
} from './apply/model';
import { ReviewStep } from './apply/ReviewStep';
import { ServicesStep } from './apply/ServicesStep';
import type { StepId } from './apply/model';

const useStyles = makeStyles({
  layout: { display: 'flex', gap: '24px', alignItems: 'flex-start', flexWrap: 'wrap' },
  steps: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
    minWidth: '220px',
    flexShrink: 0,
  },
  stepButton: { justifyContent: 'flex-start', width: '100%', minHeight: '40px', gap: '10px' },
  number: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '24px',
    height: '24px',
    borderRadius: '50%',
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
    flexShrink: 0,
  },
  current: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand, border: `1px solid ${tokens.colorBrandBackground}` },
  done: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2, border: `1px solid ${tokens.colorPaletteGreenBorder2}` },
  nav: { flex: '0 0 auto' },
  content: { flex: '1 1 320px', minWidth: '320px', maxWidth: '760px', padding: '24px', display: 'flex', flexDirection: 'column', gap: '16px' },
  stepTitle: { margin: 0 },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

/** Statuses in which the applicant may still change its details and (re)submit. */
const EDITABLE_STATUSES: readonly string[] = ['draft', 'actionRequired'];

function stepsOf(program: EnrollmentProgram): StepId[] {
  return program === 'indirectProvider' ? ['partnerId', 'legal', 'contacts', 'services', 'review'] : ['partnerId', 'legal', 'contacts', 'review'];
}

interface WizardProps {
  program: EnrollmentProgram;
  legal: LegalProfile | null;
  support: SupportProfile | null;
  attributes: Attributes;
  /** The program's enrollment that can still be changed and submitted, if one was started. */
  enrollment: Enrollment | null;
}

/** The enrollment form: PartnerID → legal business profile → contacts → (provider) services → review and submit. */
function ApplyWizard({ program, legal, support, attributes, enrollment }: WizardProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const refresh = useRefreshStanding();
  const programName = useProgramName();
  const { data: me } = useMe();
  const association = usePartnerIdAssociation();
  const legalProfile = useLegalProfile();
  const supportProfile = useSupportProfile();
  const [params, setParams] = useSearchParams();
  const steps = stepsOf(program);
  const requested = params.get('step') as StepId | null;
  const step: StepId = requested && steps.includes(requested) ? requested : steps[0]!;
  const isProvider = program === 'indirectProvider';

  const [legalValues, setLegalValues] = useState<LegalValues>(() => legalValuesOf(legal, me?.tenant.country ?? ''));
  const [contact, setContact] = useState<ContactValues>(() => contactValuesOf(legal));
  const [supportValues, setSupportValues] = useState<SupportValues>(() => supportValuesOf(support));
  const [services, setServices] = useState<string[]>(() => attributes.servicesOffered);
  const [attestation, setAttestation] = useState<Attestation>(() => enrollment?.attestation ?? NO_ATTESTATION);
  const [enrollmentId, setEnrollmentId] = useState<string | null>(enrollment?.id ?? null);
  const [warnings, setWarnings] = useState<Warning[]>([]);

  const goTo = (id: StepId) => {
    setParams({ step: id });
    document.querySelector('[data-testid="main-content"]')?.scrollTo({ top: 0 });
  };
  const next = () => goTo(steps[Math.min(steps.indexOf(step) + 1, steps.length - 1)]!);
  const back = () => goTo(steps[Math.max(steps.indexOf(step) - 1, 0)]!);

  const saveLegal = useSaveLegalProfile({
    onSuccess: (profile) => queryClient.setQueryData(keys.partner.legalProfile, { ...profile, warnings: undefined }),
  });
  const saveSupport = useSaveSupportProfile({
    onSuccess: (profile) => queryClient.setQueryData(keys.partner.supportProfile, profile),
  });

  const onSaveContacts = async () => {
    setWarnings([]);
    saveLegal.reset();
    saveSupport.reset();
    let saved: LegalProfile;
    try {
      saved = await saveLegal.mutateAsync(legalBody(legalValues, contact));
    } catch (error) {
      // A problem with the company's name, address or DUNS number is fixed on the previous step.
      const paths = (error as { problem?: { errors?: { path: string }[] } }).problem?.errors?.map((item) => item.path) ?? [];
      if (paths.some((path) => /^\/(legalName|address|dunsNumber)/.test(path))) goTo('legal');
      return;
    }
    try {
      await saveSupport.mutateAsync(supportBody(supportValues));
    } catch {
      return;
    }
    void queryClient.invalidateQueries({ queryKey: keys.partner.enrollments });
    if (saved.warnings && saved.warnings.length > 0) {
      setWarnings(saved.warnings);
      return;
    }
    next();
  };

  const saveServices = useSaveServices({
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.partner.attributes });
      next();
    },
  });

  const submit = useSubmitEnrollment({
    onSettled: () => refresh(),
    onSuccess: (submitted) => navigate('/enrollment', { state: { submitted: submitted.program } }),
  });

  // Changes typed on a step but not saved yet: the review shows what was typed, so it asks for them
  // to be saved before submitting (the API submits what it has stored).
  const savedLegal = legalProfile.data ? JSON.stringify(legalBody(legalValuesOf(legalProfile.data, ''), contactValuesOf(legalProfile.data))) : null;
  const typedLegal = JSON.stringify(legalBody(legalValues, contact));
  const emptyLegal = JSON.stringify(legalBody(legalValuesOf(null, legalValues.address.country), contactValuesOf(null)));
  const savedSupport = supportProfile.data ? JSON.stringify(supportBody(supportValuesOf(supportProfile.data))) : JSON.stringify(supportBody(supportValuesOf(null)));
  const unsaved: StepId[] = [];
  if ((savedLegal ?? emptyLegal) !== typedLegal || savedSupport !== JSON.stringify(supportBody(supportValues))) unsaved.push('contacts');
  if (isProvider && [...attributes.servicesOffered].sort().join() !== [...services].sort().join()) unsaved.push('services');

  const done: Record<StepId, boolean> = {
    partnerId: !!association.data,
    legal: !!legalProfile.data,
    contacts: !!legalProfile.data && !!supportProfile.data,
    services: attributes.servicesOffered.length > 0 && attestation.billingCapability && attestation.supportCapability,
    review: false,
  };
  const stepTitle: Record<StepId, string> = {
    partnerId: t('enrollment.steps.partnerId'),
    legal: t('enrollment.steps.legal'),
    contacts: t('enrollment.steps.contacts'),
    services: t('enrollment.steps.services'),
    review: t('enrollment.steps.review'),
  };

  return (
    <div data-testid="apply-page" data-program={program}>
      <PageHeader
        title={t('enrollment.apply.title', { program: programName(program) })}
        description={t('enrollment.apply.description')}
      />
      <div className={styles.layout}>
        <nav aria-label={t('enrollment.apply.stepsLabel')} className={styles.nav}>
          <ol className={styles.steps}>
            {steps.map((id, index) => (
              <li key={id}>
                <Button
                  appearance={id === step ? 'secondary' : 'subtle'}
                  className={styles.stepButton}
                  aria-current={id === step ? 'step' : undefined}
                  onClick={() => goTo(id)}
                  data-testid={`apply-step-${id}`}
                >
                  <span className={mergeClasses(styles.number, id === step ? styles.current : done[id] ? styles.done : undefined)}>
                    {done[id] && id !== step ? <CheckmarkRegular /> : index + 1}
                  </span>
                  {stepTitle[id]}
                </Button>
              </li>
            ))}
          </ol>
        </nav>
        <Card className={styles.content}>
          <Text as="h2" size={500} weight="semibold" className={styles.stepTitle} data-testid="apply-step-title">
            {stepTitle[step]}
          </Text>
          {step === 'partnerId' ? (
            <div data-testid="apply-partnerId">
              <Body1 as="p">{t('enrollment.partnerId.intro')}</Body1>
              <LocationsPanel canManage />
              <MessageBar intent={association.data ? 'success' : 'info'} layout="multiline" style={{ marginTop: 16 }}>
                <MessageBarBody>
                  {association.data ? t('enrollment.partnerId.ready') : t('enrollment.partnerId.deferHint')}
                </MessageBarBody>
                <MessageBarActions>
                  {association.data ? (
                    <Button appearance="primary" onClick={next} data-testid="apply-next">
                      {t('enrollment.apply.next')}
                    </Button>
                  ) : (
                    <Button onClick={next} data-testid="apply-defer">
                      {t('enrollment.partnerId.defer')}
                    </Button>
                  )}
                </MessageBarActions>
              </MessageBar>
            </div>
          ) : null}
          {step === 'legal' ? (
            <LegalStep values={legalValues} onChange={setLegalValues} saveError={saveLegal.error} onNext={next} onBack={back} />
          ) : null}
          {step === 'contacts' ? (
            <ContactsStep
              contact={contact}
              onContactChange={(value) => {
                setContact(value);
                setWarnings([]);
              }}
              support={supportValues}
              onSupportChange={setSupportValues}
              onSave={() => void onSaveContacts()}
              saving={saveLegal.isPending || saveSupport.isPending}
              legalError={saveLegal.error}
              supportError={saveSupport.error}
              warnings={warnings}
              onContinue={next}
              onBack={back}
            />
          ) : null}
          {step === 'services' ? (
            <ServicesStep
              services={services}
              onServicesChange={setServices}
              attestation={attestation}
              onAttestationChange={setAttestation}
              onSave={() =>
                saveServices.mutate({
                  attributes: { competencies: attributes.competencies, skills: attributes.skills, servicesOffered: services },
                  enrollmentId,
                  attestation,
                })
              }
              saving={saveServices.isPending}
              error={saveServices.error}
              onBack={back}
            />
          ) : null}
          {step === 'review' ? (
            <ReviewStep
              program={program}
              isProvider={isProvider}
              association={association.data ?? null}
              legal={legalValues}
              contact={contact}
              support={supportValues}
              services={services}
              attestation={attestation}
              onEdit={goTo}
              unsaved={unsaved}
              stepTitle={stepTitle}
              onSubmit={() =>
                submit.mutate({ enrollmentId, program, attestation, isProvider, editableStatuses: EDITABLE_STATUSES, onEnrollmentId: setEnrollmentId })
              }
              submitting={submit.isPending}
              error={submit.error}
              onBack={back}
            />
          ) : null}
        </Card>
      </div>
    </div>
  );
}

function ApplyContent() {
  const { t } = useTranslation();
  const { program } = useParams();
  const legal = useLegalProfile();
  const support = useSupportProfile();
  const attributes = useAttributes();
  const enrollments = useEnrollments();
  const programName = useProgramName();
  const navigate = useNavigate();

  if (!isEnrollmentProgram(program)) return <NotFoundContent signedIn />;
  const error = legal.error ?? support.error ?? attributes.error ?? enrollments.error;
  if (error) return <ErrorBar error={error} testId="apply-load-error" />;
  const [legalData, supportData, attributesData, enrollmentsData] = [legal.data, support.data, attributes.data, enrollments.data];
  if (legalData === undefined || supportData === undefined || !attributesData || !enrollmentsData) return <Loading />;

  const latest = latestByProgram(enrollmentsData.items).get(program);
  if (latest && !EDITABLE_STATUSES.includes(latest.status) && latest.status !== 'rejected') {
    return (
      <div data-testid="apply-page">
        <PageHeader title={t('enrollment.apply.title', { program: programName(program) })} />
        <MessageBar intent="info" data-testid="apply-already-submitted">
          <MessageBarBody>{t('enrollment.apply.alreadySubmitted')}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => navigate('/enrollment')}>{t('enrollment.apply.seeStatus')}</Button>
          </MessageBarActions>
        </MessageBar>
      </div>
    );
  }
  const editable = latest && EDITABLE_STATUSES.includes(latest.status) ? latest : null;
  return (
    <ApplyWizard
      key={program}
      program={program}
      legal={legalData}
      support={supportData}
      attributes={attributesData}
      enrollment={editable}
    />
  );
}

export default function Apply() {
  return (
    <RequirePartnerPermission permission={PERMISSIONS.enrollmentManage}>
      <ApplyContent />
    </RequirePartnerPermission>
  );
}
