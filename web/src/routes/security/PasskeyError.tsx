import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../../api';
import { ErrorBar, type ErrorBarProps } from '../../components/ErrorBar';

/** Whether the browser's passkey prompt was dismissed or timed out (nothing to report as a failure). */
export function isPasskeyPromptClosed(error: unknown): boolean {
  const name = error instanceof Error ? ((error.cause as { name?: string } | undefined)?.name ?? error.name) : undefined;
  return name === 'NotAllowedError' || name === 'AbortError';
}

/** An API problem as the ErrorBar shows it; what the browser's passkey prompt reported, in the portal's words. */
export function PasskeyErrorBar({ error, testId, ...props }: ErrorBarProps) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError || error instanceof NetworkError) return <ErrorBar error={error} testId={testId} {...props} />;
  return (
    <MessageBar intent={isPasskeyPromptClosed(error) ? 'warning' : 'error'} data-testid={testId} data-code="passkey_browser">
      <MessageBarBody>{isPasskeyPromptClosed(error) ? t('security.passkeys.promptClosed') : t('security.passkeys.browserFailed')}</MessageBarBody>
    </MessageBar>
  );
}
