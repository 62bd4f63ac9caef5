import { useEffect } from 'react';
import { Button } from '@fluentui/react-components';
import { KeyRegular } from '@fluentui/react-icons';
import { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill, WebAuthnAbortService } from '@simplewebauthn/browser';
import { useTranslation } from 'react-i18next';
import { usePasskeySignIn } from '../../api/security';
import { isPasskeyPromptClosed, PasskeyErrorBar } from './PasskeyError';

/**
 * Passkeys first (ACC-4): where the browser can, it offers the user's passkeys for this site in the
 * email field's suggestions (conditional UI; the field needs autocomplete="username webauthn"), and a
 * button asks for one at once. Either signs in with the passkey alone.
 */
export function usePasskeySignInChoices(onSignedIn: () => void) {
  const { t } = useTranslation();
  const autofill = usePasskeySignIn({ onSuccess: () => onSignedIn() });
  const button = usePasskeySignIn({ onSuccess: () => onSignedIn() });
  const { mutate } = autofill;

  useEffect(() => {
    let cancelled = false;
    void browserSupportsWebAuthnAutofill().then((supported) => {
      if (supported && !cancelled) mutate({ autofill: true });
    });
    return () => {
      cancelled = true;
      WebAuthnAbortService.cancelCeremony();
    };
  }, [mutate]);

  // A conditional request the button replaced, or one the person closed, is no failure.
  const autofillError = autofill.error && !isPasskeyPromptClosed(autofill.error) ? autofill.error : null;
  const supported = browserSupportsWebAuthn();
  return {
    /** Ends the waiting autofill request (the person went on with the password). */
    stop: () => WebAuthnAbortService.cancelCeremony(),
    button: supported ? (
      <Button appearance="secondary" icon={<KeyRegular />} disabled={button.isPending} onClick={() => button.mutate({ autofill: false })} data-testid="sign-in-passkey">
        {button.isPending ? t('security.passkeySignIn.waiting') : t('security.passkeySignIn.button')}
      </Button>
    ) : null,
    error: <PasskeyErrorBar error={button.error ?? autofillError} testId="passkey-sign-in-error" />,
  };
}
