import type { ReactNode } from 'react';
import { Body1, Button, Link, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { AppLink } from '../../components/AppLink';
import { ErrorBar } from '../../components/ErrorBar';
import { useSignOut } from '../../session';
import type { Me } from '@contracts/identity';

const useStyles = makeStyles({
  signedIn: { display: 'flex', gap: '8px', alignItems: 'baseline', flexWrap: 'wrap', color: tokens.colorNeutralForeground2 },
  prompt: { display: 'flex', flexDirection: 'column', gap: '10px', alignItems: 'flex-start' },
  list: { margin: '4px 0 0', paddingInlineStart: '20px', display: 'flex', flexDirection: 'column', gap: '4px' },
});

/** A link that is unknown, used, expired or withdrawn (404 / 410), said plainly; other failures as they come. */
export function InvitationUnavailable({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useTranslation();
  const code = error instanceof ApiError ? error.code : undefined;
  let title: string | undefined;
  let message: string | undefined;
  if (code === 'invitation_expired') {
    title = t('invitationPage.expiredTitle');
    message = t('invitationPage.expired');
  } else if (code === 'invitation_used') {
    title = t('invitationPage.usedTitle');
    message = t('invitationPage.used');
  } else if (code === 'invitation_revoked') {
    title = t('invitationPage.revokedTitle');
    message = t('invitationPage.revoked');
  } else if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    title = t('invitationPage.notFoundTitle');
    message = t('invitationPage.notFound');
  }
  if (!title) return <ErrorBar error={error} testId={testId} />;
  return (
    <MessageBar intent="error" layout="multiline" data-testid={testId} data-code={code ?? 'not_found'}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Whom the person is signed in as, with a way to switch accounts. */
export function SignedInAs({ me }: { me: Me }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <div className={styles.signedIn} data-testid="invitation-signed-in">
      <Text>{t('invitationPage.signedInAs', { name: me.user.displayName, email: me.user.email, organization: me.tenant.name })}</Text>
      <Link as="button" onClick={() => signOut.mutate()} disabled={signOut.isPending} data-testid="invitation-sign-out">
        {t('invitationPage.switchAccount')}
      </Link>
    </div>
  );
}

/** For a visitor: sign in (and, where it makes sense, create a work account) and come back to the link. */
export function SignInPrompt({ next, message, allowSignUp = false }: { next: string; message: string; allowSignUp?: boolean }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = `?next=${encodeURIComponent(next)}`;
  return (
    <div className={styles.prompt} data-testid="invitation-sign-in-prompt">
      <Body1>{message}</Body1>
      <Button appearance="primary" onClick={() => navigate(`/signin${query}`)} data-testid="invitation-sign-in">
        {t('invitationPage.signIn')}
      </Button>
      {allowSignUp ? (
        <Text>
          {t('invitationPage.noAccount')}{' '}
          <AppLink to={`/signup${query}`} inline data-testid="invitation-sign-up">
            {t('invitationPage.createAccount')}
          </AppLink>
        </Text>
      ) : null}
    </div>
  );
}

/** A short bulleted list (what a partner may do, what is granted …). */
export function BulletList({ items, testId }: { items: { key: string; label: ReactNode }[]; testId?: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} data-testid={testId}>
      {items.map((item) => (
        <li key={item.key} data-testid={testId ? `${testId}-${item.key}` : undefined}>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
