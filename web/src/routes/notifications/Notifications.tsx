import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { MailRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useNotifications } from '../../api/identity';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../format';


const useStyles = makeStyles({
  list: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    maxWidth: '880px',
  },
  item: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  header: { display: 'flex', gap: '12px', alignItems: 'baseline', flexWrap: 'wrap', width: '100%' },
  subject: { flexGrow: 1 },
  date: { color: tokens.colorNeutralForeground3 },
  body: {
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    fontFamily: tokens.fontFamilyBase,
    margin: 0,
    padding: '4px 0 16px',
  },
  meta: { color: tokens.colorNeutralForeground3, display: 'block', marginBottom: '8px' },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  more: { display: 'flex', justifyContent: 'center', padding: '12px' },
  count: { color: tokens.colorNeutralForeground3, marginBottom: '8px', display: 'block' },
});

export default function Notifications() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();

  const notifications = useNotifications();

  const items = notifications.data?.pages.flatMap((page) => page.items) ?? [];
  const totalCount = notifications.data?.pages[0]?.totalCount ?? 0;

  const statusBadge = (status: string) => {
    switch (status) {
      case 'sent':
        return null;
      case 'queued':
      case 'pending':
        return (
          <Badge appearance="tint" color="warning">
            {t('notifications.statusPending')}
          </Badge>
        );
      case 'failed':
        return (
          <Badge appearance="tint" color="danger">
            {t('notifications.statusFailed')}
          </Badge>
        );
      default:
        return (
          <Badge appearance="tint" color="informative">
            {status}
          </Badge>
        );
    }
  };

  return (
    <div data-testid="notifications-page">
      <PageHeader title={t('notifications.title')} description={t('notifications.description')} />
      {notifications.error ? (
        <ErrorBar error={notifications.error} testId="notifications-error" />
      ) : notifications.isPending ? (
        <Loading />
      ) : (
        <>
          <Caption1 className={styles.count} data-testid="notifications-count">
            {t('notifications.count', { formatted: format.number(totalCount) })}
          </Caption1>
          <div className={styles.list}>
            {items.length === 0 ? (
              <div className={styles.empty}>{t('notifications.empty')}</div>
            ) : (
              <Accordion collapsible multiple data-testid="notifications-list">
                {items.map((item) => (
                  <AccordionItem key={item.id} value={item.id} className={styles.item}>
                    <AccordionHeader icon={<MailRegular />} data-testid="notification-header">
                      <span className={styles.header}>
                        <Text weight="semibold" className={styles.subject}>
                          {item.subject}
                        </Text>
                        {statusBadge(item.status)}
                        <Caption1 className={styles.date}>{format.dateTime(item.sentAt ?? item.createdAt)}</Caption1>
                      </span>
                    </AccordionHeader>
                    <AccordionPanel>
                      <Caption1 className={styles.meta}>{t('notifications.to', { to: item.to })}</Caption1>
                      <pre className={styles.body} data-testid="notification-text">
                        {item.text}
                      </pre>
                    </AccordionPanel>
                  </AccordionItem>
                ))}
              </Accordion>
            )}
            {notifications.hasNextPage ? (
              <div className={styles.more}>
                <Button
                  onClick={() => notifications.fetchNextPage()}
                  disabled={notifications.isFetchingNextPage}
                  data-testid="notifications-load-more"
                >
                  {notifications.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
                </Button>
              </div>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}
