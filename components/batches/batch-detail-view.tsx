'use client';
import { DownloadOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Flex, Popconfirm, Progress, Table, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useEffect, useTransition } from 'react';
import { cancelBatch, retryFailed } from '@/app/(console)/batches/actions';
import type { BatchRowView, ItemRowView } from '@/lib/batches/view';
import { formatDateTime } from '@/lib/format';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { BatchStatusTag, ItemStateTag } from './batch-tags';

const POLL_MS = 2000;

export function BatchDetailView({ batch, items, canOperate }: { batch: BatchRowView; items: ItemRowView[]; canOperate: boolean }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, start] = useTransition();
  const live = items.some((i) => i.state === 'pending' || i.state === 'running');

  // Progress is read from the database on each refresh; the worker writes it, not this page.
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [live, router]);

  const done = batch.succeeded + batch.failed + batch.skipped + batch.cancelled;
  const run = (fn: () => Promise<{ ok: true; data: { n: number } } | { ok: false; error: string; params?: Record<string, string | number> }>, okKey: string) =>
    start(async () => {
      const r = await fn();
      if (r.ok) message.success(t(okKey, { n: r.data.n }));
      else message.error(translateMessage(t, r.error, r.params));
      router.refresh();
    });

  return (
    <Flex vertical gap={16}>
      <Descriptions column={3} size="small">
        <Descriptions.Item label={t('batches.columns.operation')}>{t(`batches.operations.${batch.operation}`)}</Descriptions.Item>
        <Descriptions.Item label={t('batches.columns.status')}>
          <BatchStatusTag status={batch.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('batches.columns.createdAt')}>{formatDateTime(batch.createdAt)}</Descriptions.Item>
      </Descriptions>
      <Progress
        aria-label={t('batches.columns.progress')}
        percent={batch.total ? Math.round((done / batch.total) * 100) : 100}
        success={{ percent: batch.total ? Math.round((batch.succeeded / batch.total) * 100) : 0 }}
        status={live ? 'active' : batch.failed ? 'exception' : 'normal'}
      />
      <Typography.Text>{t('batches.detail.counts', { total: batch.total, succeeded: batch.succeeded, failed: batch.failed, skipped: batch.skipped, cancelled: batch.cancelled })}</Typography.Text>
      <Flex gap={8}>
        {canOperate && (
          <Button icon={<RedoOutlined />} disabled={!batch.failed || pending} onClick={() => run(() => retryFailed({ batchId: batch.id }), 'batches.detail.retried')}>
            {t('batches.detail.retryFailed')}
          </Button>
        )}
        {canOperate && (
          <Popconfirm title={t('batches.detail.cancelConfirm')} onConfirm={() => run(() => cancelBatch({ batchId: batch.id }), 'batches.detail.cancelled')}>
            <Button danger icon={<StopOutlined />} disabled={batch.status !== 'running' || pending}>
              {t('batches.detail.cancel')}
            </Button>
          </Popconfirm>
        )}
        <Button icon={<DownloadOutlined />} href={`/api/batches/${batch.id}/export`}>
          {t('batches.detail.export')}
        </Button>
      </Flex>
      <Table
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: t('batches.columns.merchant'), dataIndex: 'merchantName' },
          { title: t('batches.columns.miniApp'), dataIndex: 'authAppId' },
          { title: t('batches.columns.step'), dataIndex: 'step', render: (s: string) => t(`batches.steps.${s}`) },
          { title: t('batches.columns.state'), dataIndex: 'state', render: (_: unknown, r) => <ItemStateTag state={r.state} /> },
          { title: t('batches.columns.version'), dataIndex: 'appVersion' },
          { title: t('batches.columns.attempts'), dataIndex: 'attempts' },
          { title: t('batches.columns.subCode'), dataIndex: 'subCode' },
          { title: t('batches.columns.message'), dataIndex: 'message', render: (m: string | null) => (m && t.has(m) ? t(m) : m) },
        ]}
      />
    </Flex>
  );
}
