'use client';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import { redeliverMessage } from '@/app/(console)/sandbox/actions';
import { useT } from '@/lib/i18n/client';
import { at } from './format';
import type { MessageStatus, MessageView } from './types';
import { useActionRunner } from './use-action-runner';

const STATUS_COLOR: Record<MessageStatus, string> = {
  pending: 'processing',
  sending: 'processing',
  retrying: 'orange',
  delivered: 'green',
  given_up: 'red',
  dropped: 'default',
};
const STATUSES = Object.keys(STATUS_COLOR) as MessageStatus[];
const REDELIVERABLE: MessageStatus[] = ['given_up', 'dropped', 'retrying'];

export function MessagesPanel({ rows, canEdit }: { rows: MessageView[]; canEdit: boolean }) {
  const t = useT();
  const { run, pending } = useActionRunner();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('sandbox.messages.help')}</Typography.Paragraph>
      <Table<MessageView>
        size="small"
        rowKey="id"
        dataSource={rows}
        loading={pending}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('sandbox.messages.none') }}
        columns={[
          { title: t('sandbox.columns.time'), dataIndex: 'createdAt', width: 160, render: at },
          { title: t('sandbox.messages.name'), dataIndex: 'name', width: 300, render: (v: string) => <Typography.Text code style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{v}</Typography.Text> },
          { title: t('sandbox.columns.miniApp'), dataIndex: 'authAppId', width: 150, render: (v: string | null) => v ?? '—' },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 90,
            filters: STATUSES.map((s) => ({ value: s, text: t(`sandbox.messages.status.${s}`) })),
            onFilter: (value, r) => r.status === value,
            render: (s: MessageStatus) => <Tag color={STATUS_COLOR[s]}>{t(`sandbox.messages.status.${s}`)}</Tag>,
          },
          { title: t('sandbox.messages.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
          {
            title: t('sandbox.messages.deliveryAt'),
            key: 'delivery',
            width: 160,
            render: (_, r) =>
              r.deliveredAt ? (
                at(r.deliveredAt)
              ) : r.status === 'retrying' || r.status === 'pending' ? (
                <Typography.Text type="secondary">{t('sandbox.messages.nextAttempt', { at: at(r.nextAt) })}</Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            title: t('sandbox.messages.lastError'),
            dataIndex: 'lastError',
            ellipsis: { showTitle: false },
            render: (v: string | null) =>
              v ? (
                <Tooltip title={v}>
                  <Typography.Text type="danger">{v}</Typography.Text>
                </Tooltip>
              ) : (
                '—'
              ),
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, r: MessageView) =>
                    REDELIVERABLE.includes(r.status) && (
                      <Button size="small" onClick={() => run(() => redeliverMessage({ id: r.id }), t('sandbox.messages.requeued'))}>
                        {t('sandbox.messages.redeliver')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
