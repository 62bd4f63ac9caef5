import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { AppLink } from '../../components/AppLink';
import { ErrorBar } from '../../components/ErrorBar';
import { useEnrollmentLabels } from '../../labels';
import { stepOfItem } from './apply/model';

const useStyles = makeStyles({
  list: { margin: '4px 0 0', paddingInlineStart: '20px', display: 'flex', flexDirection: 'column', gap: '2px' },
});

const SUBMIT_CODES = ['enrollment_incomplete', 'webmail_not_allowed'];

/**
 * Why a submit was refused: for `enrollment_incomplete` and `webmail_not_allowed`, the items named in
 * `errors[].path` (e.g. `/supportProfile`), each with a link to the step where it is entered.
 */
export function SubmitProblem({ error, program, testId }: { error: unknown; program: string; testId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useEnrollmentLabels();
  if (!error) return null;
  if (!(error instanceof ApiError) || !error.code || !SUBMIT_CODES.includes(error.code)) {
    return <ErrorBar error={error} testId={testId} />;
  }
  const incomplete = error.code === 'enrollment_incomplete';
  const items = error.problem.errors ?? [];
  return (
    <MessageBar intent="error" layout="multiline" data-testid={testId} data-code={error.code}>
      <MessageBarBody>
        <MessageBarTitle>{incomplete ? t('enrollment.submitProblem.incompleteTitle') : t('enrollment.submitProblem.refusedTitle')}</MessageBarTitle>
        {error.problem.detail}
        {items.length > 0 ? (
          <ul className={styles.list}>
            {items.map((item) => {
              const key = item.path.replace(/^\//, '');
              return (
                <li key={item.path} data-testid={`missing-${key.replace(/\//g, '-')}`}>
                  {incomplete ? labels.missingItem(key) : item.message}{' '}
                  <AppLink to={`/enrollment/apply/${program}?step=${stepOfItem(item.path)}`} inline>
                    {t('enrollment.submitProblem.fix')}
                  </AppLink>
                </li>
              );
            })}
          </ul>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
