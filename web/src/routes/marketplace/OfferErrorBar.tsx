import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { ErrorBar, type ErrorBarProps } from '../../components/ErrorBar';

/**
 * An offer change's error. A stale ETag (412: someone changed the offer since it was read) asks to
 * reload instead of showing the raw problem.
 */
export function OfferErrorBar({ onReload, ...props }: ErrorBarProps & { onReload(): void }) {
  const { t } = useTranslation();
  const { error, testId = 'offer-error' } = props;
  if (error instanceof ApiError && (error.status === 412 || error.code === 'precondition_failed')) {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid={testId} data-code="precondition_failed">
        <MessageBarBody>
          <MessageBarTitle>{t('marketplace.editor.staleTitle')}</MessageBarTitle>
          {t('marketplace.editor.stale')}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={onReload} data-testid={`${testId}-reload`}>
            {t('marketplace.editor.reload')}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  return <ErrorBar {...props} testId={testId} />;
}

/** The problem code of an error, for data-code attributes and branching. */
export function problemCode(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined;
}
