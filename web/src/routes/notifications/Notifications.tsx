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
import { CheckmarkCircleRegular, MailRegular, MailUnreadRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../../api/identity';
import { ErrorBar } from '../../components/ErrorBar';
import { LinkifiedText } from '../../components/LinkifiedText';
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
  unreadIcon: { color: tokens.colorBrandForeground1 },
  toolbar: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap', marginBottom: '8px' },
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
  const markRead = useMarkNotificationRead();
  const markAllRead = useMarkAllNotificationsRead();

  const items = notifications.data?.pages.flatMap((page) => page.items) ?? [];
  const totalCount = notifications.data?.pages[0]?.totalCount ?? 0;
  const unreadCount = notifications.data?.pages[0]?.unreadCount ?? 0;

  // Opening a mail reads it: its unread state ends on the server, so on every device.
  const onToggle = (value: unknown, openItems: unknown[]) => {
    const item = items.find((candidate) => candidate.id === value);
    if (item && !item.readAt && openItems.includes(value)) markRead.mutate(item.id);
  };

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
          <div className={styles.toolbar}>
            <Caption1 className={styles.count} data-testid="notifications-count">
              {t('notifications.count', { formatted: format.number(totalCount) })}
              {unreadCount > 0 ? ` · ${t('notifications.unreadCount', { formatted: format.number(unreadCount) })}` : null}
            </Caption1>
            {unreadCount > 0 ? (
              <Button
                appearance="subtle"
                size="small"
                icon={<CheckmarkCircleRegular />}
                onClick={() => markAllRead.mutate()}
                disabled={markAllRead.isPending}
                data-testid="notifications-mark-all-read"
              >
                {t('notifications.markAllRead')}
              </Button>
            ) : null}
          </div>
          {markRead.error || markAllRead.error ? <ErrorBar error={markRead.error ?? markAllRead.error} testId="notifications-read-error" /> : null}
          <div className={styles.list}>
            {items.length === 0 ? (
              <div className={styles.empty}>{t('notifications.empty')}</div>
            ) : (
              <Accordion collapsible multiple onToggle={(_event, data) => onToggle(data.value, data.openItems)} data-testid="notifications-list">
                {items.map((item) => (
                  <AccordionItem key={item.id} value={item.id} className={styles.item}>
                    <AccordionHeader
                      icon={item.readAt ? <MailRegular /> : <MailUnreadRegular className={styles.unreadIcon} />}
                      data-testid="notification-header"
                      data-unread={item.readAt ? undefined : 'true'}
                    >
                      <span className={styles.header}>
                        <Text weight={item.readAt ? 'regular' : 'bold'} className={styles.subject}>
                          {item.subject}
                        </Text>
                        {item.readAt ? null : (
                          <Badge appearance="filled" color="brand" size="small" data-testid="notification-unread">
                            {t('notifications.unread')}
                          </Badge>
                        )}
                        {statusBadge(item.status)}
                        <Caption1 className={styles.date}>{format.dateTime(item.sentAt ?? item.createdAt)}</Caption1>
                      </span>
                    </AccordionHeader>
                    <AccordionPanel>
                      <Caption1 className={styles.meta}>{t('notifications.to', { to: item.to })}</Caption1>
                      <pre className={styles.body} data-testid="notification-text">
                        <LinkifiedText text={item.text} />
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
