import { Card } from 'antd';
import { InboxView } from '@/components/messages/inbox-view';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { getTranslator } from '@/lib/i18n/server';
import { countUnread, inboxMerchants, inboxTypes, listInbox } from '@/lib/messages/data';
import { renderInboxMessage } from '@/lib/messages/inbox';
import { MESSAGE_TYPES } from '@/lib/messages/post';
import { VERSION_MESSAGE_TYPES } from '@/lib/versions/history';
import { inboxQuerySchema } from '@/lib/validation/inbox';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('inbox.title') };
}

export default async function MessagesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const query = inboxQuerySchema.parse(await searchParams);
  const db = getDb();
  const { rows, total } = listInbox(db, user.id, { type: query.type, merchantId: query.merchant, unread: query.unread }, query.page, query.pageSize);
  const unread = countUnread(db, user.id);
  return (
    <>
      <PageHeader title={t('inbox.title')} />
      <Card>
        <InboxView
          rows={rows.map((m) => ({
            id: m.id,
            type: m.type,
            ...renderInboxMessage(t, m),
            merchantId: m.merchantId,
            merchantName: m.merchantName,
            miniAppId: m.miniAppId,
            version: m.version,
            link: m.link,
            createdAt: m.createdAt.toISOString(),
            read: m.read,
          }))}
          total={total}
          unreadCount={unread}
          query={{ page: query.page, pageSize: query.pageSize, type: query.type, merchant: query.merchant, unread: query.unread }}
          types={[...new Set([...inboxTypes(db), ...MESSAGE_TYPES, ...VERSION_MESSAGE_TYPES])].sort()}
          merchants={inboxMerchants(db)}
        />
      </Card>
    </>
  );
}
