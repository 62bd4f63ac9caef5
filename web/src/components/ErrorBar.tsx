import { MessageBar, MessageBarBody, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { errorKind, isFieldCode, unmatchedFieldErrors } from '../problem';

const useStyles = makeStyles({
  list: { margin: '4px 0 0', paddingInlineStart: '20px' },
  requestId: { display: 'block', marginTop: '4px', opacity: 0.7, fontSize: '12px' },
});

export interface ErrorBarProps {
  error: unknown;
  /** JSON pointers that the form shows next to its fields; other field errors are listed here. */
  fieldPaths?: readonly string[];
  /** Problem codes shown next to a field (see `fieldError`); the bar then only asks to check the fields. */
  fieldCodes?: readonly string[];
  testId?: string;
  /** The portal's own message for some problem codes, shown instead of the server's detail. */
  codeMessages?: Readonly<Partial<Record<string, string>>>;
}

/** Shows the `detail` of an API problem (or a network failure) above a form or a list. */
export function ErrorBar({ error, fieldPaths = [], fieldCodes = [], testId = 'error-bar', codeMessages }: ErrorBarProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (!error) return null;

  const kind = errorKind(error);
  const extra = unmatchedFieldErrors(error, fieldPaths);
  const hasFieldErrors = error instanceof ApiError && (error.problem.errors?.length ?? 0) > 0;
  // When every field error is shown next to its field, a short summary is enough.
  if (isFieldCode(error, fieldCodes) || (hasFieldErrors && extra.length === 0 && !(error instanceof ApiError && error.problem.detail))) {
    return (
      <MessageBar intent="error" data-testid={testId} data-code={error instanceof ApiError ? error.code : undefined}>
        <MessageBarBody>{t('errors.checkFields')}</MessageBarBody>
      </MessageBar>
    );
  }

  let message: string;
  if (kind === 'network') message = t('errors.network');
  else if (error instanceof ApiError) message = (error.code ? codeMessages?.[error.code] : undefined) || error.problem.detail || error.problem.title || t('errors.unknown');
  else message = t('errors.unknown');

  const requestId = error instanceof ApiError ? error.problem.requestId : undefined;

  return (
    <MessageBar intent="error" data-testid={testId} data-code={error instanceof ApiError ? error.code : undefined} layout="multiline">
      <MessageBarBody>
        {message}
        {extra.length > 0 ? (
          <ul className={styles.list}>
            {extra.map((item, index) => (
              <li key={index}>{item}</li>
            ))}
          </ul>
        ) : null}
        {requestId ? <span className={styles.requestId}>{t('errors.requestId', { requestId })}</span> : null}
      </MessageBarBody>
    </MessageBar>
  );
}
