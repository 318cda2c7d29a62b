'use client';
// The inbox: audit results, authorization changes, build failures, finished batches and system notices, filtered by type, merchant
// and unread, each linking to its merchant and version.
import { CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Flex, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { markAllMessagesRead, markMessagesRead } from '@/app/(console)/messages/actions';
import { formatDateTime } from '@/lib/format';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { INBOX_CHANGED_EVENT } from './unread-badge';

export interface InboxMessage {
  id: number;
  type: string;
  title: string;
  body: string | null;
  merchantId: number | null;
  merchantName: string | null;
  miniAppId: string | null;
  version: string | null;
  link: string | null;
  createdAt: string;
  read: boolean;
}

export interface InboxQueryView {
  page: number;
  pageSize: number;
  type?: string;
  merchant?: number;
  unread: boolean;
}

const TYPE_COLOR: Record<string, string> = {
  audit: 'blue',
  'audit.passed': 'green',
  'audit.rejected': 'red',
  'build.failed': 'volcano',
  'authorization.granted': 'cyan',
  'authorization.cancelled': 'orange',
  authorization: 'gold',
  'batch.finished': 'purple',
  'plan.paused': 'red',
  'plan.finished': 'purple',
  'template.onShelf': 'green',
  'authorization.expiring': 'orange',
};

/** Types whose labels live in their feature's catalog area rather than under `inbox.types`. */
const TYPE_LABEL_KEYS: Record<string, string> = { 'batch.finished': 'batches.inbox.finished', 'plan.paused': 'plans.inbox.paused', 'plan.finished': 'plans.inbox.finished' };
const GROUP_LABEL_KEYS: Record<string, string> = { batch: 'batches.inbox.group', plan: 'plans.inbox.group' };

export function InboxView({
  rows,
  total,
  unreadCount,
  query,
  types,
  merchants,
}: {
  rows: InboxMessage[];
  total: number;
  unreadCount: number;
  query: InboxQueryView;
  types: string[];
  merchants: { id: number; name: string }[];
}) {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  const { message } = App.useApp();
  const [pending, start] = useTransition();

  const typeLabel = (type: string) => {
    const key = TYPE_LABEL_KEYS[type] ?? `inbox.types.${type}`;
    return t.has(key) ? t(key) : type;
  };
  const groupLabel = (group: string) => {
    const key = GROUP_LABEL_KEYS[group] ?? `inbox.typeGroups.${group}`;
    return t.has(key) ? t(key) : group;
  };
  const groups = [...new Set(types.map((ty) => ty.split('.')[0]))];
  const typeOptions = [
    ...groups.map((g) => ({ value: g, label: groupLabel(g) })),
    ...types.map((ty) => ({ value: ty, label: `· ${typeLabel(ty)}` })),
  ];

  const go = (patch: Partial<Record<'type' | 'merchant' | 'unread' | 'page', string | number | undefined>>) => {
    const params = new URLSearchParams();
    const merged = { type: query.type, merchant: query.merchant, unread: query.unread ? '1' : undefined, page: undefined as number | undefined, ...patch };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '' && v !== null) params.set(k, String(v));
    start(() => router.push(`${pathname}${params.size ? `?${params}` : ''}`));
  };

  const changed = () => {
    window.dispatchEvent(new Event(INBOX_CHANGED_EVENT));
    start(() => router.refresh());
  };

  const markOne = async (m: InboxMessage) => {
    const result = await markMessagesRead({ ids: [m.id] });
    if (!result.ok) message.error(translateMessage(t, result.error, result.params));
    changed();
  };

  const open = async (m: InboxMessage) => {
    if (!m.read) await markMessagesRead({ ids: [m.id] });
    window.dispatchEvent(new Event(INBOX_CHANGED_EVENT));
    if (m.link) router.push(m.link);
    else changed();
  };

  const markAll = async () => {
    const result = await markAllMessagesRead({ type: query.type, merchantId: query.merchant });
    if (result.ok) message.success(t('inbox.markedAllRead', { count: result.data.count }));
    else message.error(translateMessage(t, result.error, result.params));
    changed();
  };

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Segmented
            value={query.unread ? 'unread' : 'all'}
            onChange={(v) => go({ unread: v === 'unread' ? '1' : undefined })}
            options={[
              { value: 'all', label: t('inbox.all') },
              { value: 'unread', label: `${t('inbox.onlyUnread')}${unreadCount ? ` (${unreadCount})` : ''}` },
            ]}
          />
          <Select
            aria-label={t('inbox.type')}
            allowClear
            placeholder={t('inbox.allTypes')}
            value={query.type}
            style={{ width: 200 }}
            onChange={(v) => go({ type: v })}
            options={typeOptions}
          />
          <Select
            aria-label={t('inbox.merchant')}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('inbox.allMerchants')}
            value={query.merchant}
            style={{ width: 240 }}
            onChange={(v) => go({ merchant: v })}
            options={merchants.map((m) => ({ value: m.id, label: m.name }))}
          />
        </Space>
        <Button icon={<CheckOutlined />} onClick={markAll} disabled={unreadCount === 0}>
          {t('inbox.markAllRead')}
        </Button>
      </Flex>
      <Table<InboxMessage>
        rowKey="id"
        loading={pending}
        dataSource={rows}
        locale={{ emptyText: t('inbox.empty') }}
        onRow={(m) => ({ 'data-read': m.read ? 'true' : 'false' }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total,
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (page) => go({ page }),
        }}
        columns={[
          {
            title: '',
            key: 'unread',
            width: 28,
            render: (_, m) => (m.read ? null : <Badge status="processing" aria-label={t('inbox.unread')} />),
          },
          {
            title: t('inbox.type'),
            dataIndex: 'type',
            width: 120,
            render: (type: string) => <Tag color={TYPE_COLOR[type] ?? TYPE_COLOR[type.split('.')[0]] ?? 'default'}>{typeLabel(type)}</Tag>,
          },
          {
            title: t('inbox.message'),
            key: 'title',
            render: (_, m) => (
              <div>
                <Typography.Text strong={!m.read}>{m.title}</Typography.Text>
                {m.body && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>
                    {m.body}
                  </Typography.Paragraph>
                )}
                <Space size={4} wrap style={{ marginTop: 4 }}>
                  {m.miniAppId && <Tag>{t('inbox.miniApp', { appId: m.miniAppId })}</Tag>}
                  {m.version && <Tag color="blue">{t('inbox.version', { version: m.version })}</Tag>}
                </Space>
              </div>
            ),
          },
          {
            title: t('inbox.merchant'),
            key: 'merchant',
            width: 200,
            render: (_, m) => (m.merchantId ? <Link href={`/merchants/${m.merchantId}`}>{m.merchantName ?? `#${m.merchantId}`}</Link> : '—'),
          },
          { title: t('inbox.time'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_, m) => (
              <Space>
                {m.link && (
                  <Button size="small" type="link" onClick={() => open(m)}>
                    {t('inbox.open')}
                  </Button>
                )}
                {!m.read && (
                  <Button size="small" onClick={() => markOne(m)}>
                    {t('inbox.markRead')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
