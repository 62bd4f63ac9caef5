import { useState } from 'react';
import { Body1, Button, Card, CardHeader, Caption1, Link, Text, makeStyles } from '@fluentui/react-components';
import { KeyRegular, PhoneKeyRegular } from '@fluentui/react-icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../../components/AuthLayout';
import { safeNextPath } from '../../components/RequireAuth';
import { useMe, useSignOut } from '../../session';
import { AddPasskeyDialog } from './AddPasskeyDialog';
import { RecoveryCodesShown } from './RecoveryCodes';
import { TotpSetup } from './TotpSetup';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: '16px', marginTop: '8px' },
  option: { display: 'flex', flexDirection: 'column', gap: '12px' },
});

/**
 * Forced enrolment: the program or the organization requires a second factor of this user, so the
 * portal opens nothing else until it has added a passkey or an authenticator app (and seen its
 * recovery codes, shown once).
 */
export default function Enrol() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const { data: me } = useMe();
  const signOut = useSignOut();
  const [choice, setChoice] = useState<'none' | 'passkey' | 'totp'>('none');
  const [done, setDone] = useState<{ codes: string[] | undefined } | null>(null);

  // On to where the sign-in was going.
  const finish = () => navigate(safeNextPath(searchParams.get('next')), { replace: true });
  const signOutLink = (
    <Link as="button" onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/signin', { replace: true }) })} data-testid="enrol-sign-out">
      {t('security.enrol.signOut')}
    </Link>
  );

  if (done) {
    return (
      <AuthLayout title={t('security.enrol.doneTitle')} wide testId="mfa-enrol-page">
        <div className={styles.column} data-testid="enrol-done">
          {done.codes ? <RecoveryCodesShown codes={done.codes} /> : <Body1 as="p">{t('security.enrol.doneNoCodes')}</Body1>}
          <Button appearance="primary" onClick={finish} data-testid="enrol-continue">
            {t('security.enrol.continue')}
          </Button>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('security.enrol.title')} subtitle={t('security.enrol.subtitle')} wide testId="mfa-enrol-page">
      <div className={styles.column}>
        <Body1 as="p">{t('security.enrol.intro', { email: me?.user.email ?? '' })}</Body1>
        <Card>
          <CardHeader image={<KeyRegular fontSize={24} />} header={<Text weight="semibold">{t('security.enrol.passkeyTitle')}</Text>} description={<Caption1>{t('security.enrol.passkeyDescription')}</Caption1>} />
          <Button appearance="primary" onClick={() => setChoice('passkey')} data-testid="enrol-passkey">
            {t('security.passkeys.add')}
          </Button>
        </Card>
        <Card>
          <CardHeader image={<PhoneKeyRegular fontSize={24} />} header={<Text weight="semibold">{t('security.totp.title')}</Text>} description={<Caption1>{t('security.totp.description')}</Caption1>} />
          <div className={styles.option}>
            {choice === 'totp' ? (
              <TotpSetup onCancel={() => setChoice('none')} onDone={(codes) => setDone({ codes })} />
            ) : (
              <Button onClick={() => setChoice('totp')} data-testid="enrol-totp">
                {t('security.totp.setUp')}
              </Button>
            )}
          </div>
        </Card>
        {signOutLink}
      </div>
      <AddPasskeyDialog open={choice === 'passkey'} onClose={() => setChoice('none')} onAdded={(result) => setDone({ codes: result.recoveryCodes })} />
    </AuthLayout>
  );
}
