'use client';
// One batch: live progress (counts, throughput, time left), the per-merchant rows with what was sent and answered,
// and retry / cancel / export.
import { DownloadOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Flex, Popconfirm, Progress, Statistic, Table, Tooltip, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useEffect, useTransition, type ReactNode } from 'react';
import { cancelBatch, retryFailed } from '@/app/(console)/batches/actions';
import { ITEM_STATES } from '@/db/enums';
import { durationParts, type BatchProgress } from '@/lib/batches/progress';
import { splitItemMessage, type BatchRowView, type ItemRowView } from '@/lib/batches/view';
import { formatDateTime } from '@/lib/format';
import { translateMessage, type Translate } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { BatchStatusTag, ItemStateTag } from './batch-tags';

const POLL_MS = 2000;

function itemMessage(t: Translate, message: string | null): string {
  if (!message) return '—';
  const { key, params } = splitItemMessage(message);
  // A step named in a message is shown in the reader's words, never as its id.
  const shown = params?.step ? { ...params, step: t(`batches.steps.${params.step}`) } : params;
  return translateMessage(t, key, shown);
}

function duration(t: Translate, ms: number): string {
  const { h, m, s } = durationParts(ms);
  if (h) return t('batches.detail.hoursMinutes', { h, m });
  if (m) return t('batches.detail.minutesSeconds', { m, s });
  return t('batches.detail.seconds', { s });
}

/** Stored JSON, indented for reading; shown as stored when it is not JSON (or was cut for the page). */
function pretty(json: string | null): string {
  if (!json) return '—';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/** A disabled button says why in a tooltip (the span keeps the tooltip working on a disabled button). */
function withReason(reason: string | null, button: ReactNode) {
  return reason ? (
    <Tooltip title={reason}>
      <span>{button}</span>
    </Tooltip>
  ) : (
    button
  );
}

function ItemDetails({ item }: { item: ItemRowView }) {
  const t = useT();
  return (
    <Descriptions
      size="small"
      column={2}
      bordered
      data-testid="item-details"
      items={[
        { key: 'step', label: t('batches.columns.step'), children: t(`batches.steps.${item.step}`) },
        { key: 'subCode', label: t('batches.columns.subCode'), children: item.subCode ?? '—' },
        { key: 'message', label: t('batches.columns.message'), span: 2, children: itemMessage(t, item.message) },
        { key: 'startedAt', label: t('batches.detail.startedAt'), children: item.startedAt ? formatDateTime(item.startedAt) : '—' },
        { key: 'finishedAt', label: t('batches.detail.finishedAt'), children: item.finishedAt ? formatDateTime(item.finishedAt) : '—' },
        {
          key: 'request',
          label: t('batches.detail.request'),
          span: 2,
          children: (
            <Typography.Paragraph style={{ margin: 0 }}>
              <pre style={{ margin: 0, maxHeight: 240, overflow: 'auto' }}>{pretty(item.request)}</pre>
            </Typography.Paragraph>
          ),
        },
        {
          key: 'result',
          label: t('batches.detail.result'),
          span: 2,
          children: (
            <Typography.Paragraph style={{ margin: 0 }}>
              <pre style={{ margin: 0, maxHeight: 240, overflow: 'auto' }}>{pretty(item.result)}</pre>
            </Typography.Paragraph>
          ),
        },
      ]}
    />
  );
}

export function BatchDetailView({ batch, progress, items, canOperate }: { batch: BatchRowView; progress: BatchProgress; items: ItemRowView[]; canOperate: boolean }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, start] = useTransition();
  const live = progress.pending > 0;

  // Progress is read from the database on each refresh; the worker writes it, not this page.
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [live, router]);

  const run = (fn: () => Promise<{ ok: true; data: { n: number } } | { ok: false; error: string; params?: Record<string, string | number> }>, okKey: string) =>
    start(async () => {
      const r = await fn();
      if (r.ok) message.success(t(okKey, { n: r.data.n }));
      else message.error(translateMessage(t, r.error, r.params));
      router.refresh();
    });

  const readOnly = canOperate ? null : t('batches.detail.readOnly');
  const retryReason = readOnly ?? (progress.failed ? null : t('batches.detail.noFailed'));
  const cancelReason = readOnly ?? (batch.status !== 'running' ? t('batches.detail.notRunning') : !progress.pending ? t('batches.detail.nothingPending') : null);

  return (
    <Flex vertical gap={16}>
      <Descriptions
        column={3}
        size="small"
        items={[
          { key: 'operation', label: t('batches.columns.operation'), children: t(`batches.operations.${batch.operation}`) },
          { key: 'status', label: t('batches.columns.status'), children: <BatchStatusTag status={batch.status} failed={batch.failed} /> },
          { key: 'createdBy', label: t('batches.columns.createdBy'), children: batch.createdByEmail },
          { key: 'createdAt', label: t('batches.columns.createdAt'), children: formatDateTime(batch.createdAt) },
          { key: 'finishedAt', label: t('batches.detail.finishedAt'), children: batch.finishedAt ? formatDateTime(batch.finishedAt) : '—' },
          { key: 'elapsed', label: t('batches.detail.elapsed'), children: duration(t, progress.elapsedMs) },
        ]}
      />
      <Progress
        aria-label={t('batches.columns.progress')}
        percent={progress.percent}
        success={{ percent: progress.successPercent }}
        status={live ? 'active' : progress.failed ? 'exception' : 'normal'}
        format={() => `${progress.done} / ${progress.total}`}
      />
      <Flex gap={40} wrap data-testid="batch-progress">
        <Statistic title={t('batches.states.succeeded')} value={progress.succeeded} styles={{ content: { color: '#52c41a' } }} />
        <Statistic title={t('batches.states.failed')} value={progress.failed} styles={{ content: progress.failed ? { color: '#ff4d4f' } : undefined }} />
        <Statistic title={t('batches.states.skipped')} value={progress.skipped} />
        {progress.cancelled > 0 && <Statistic title={t('batches.states.cancelled')} value={progress.cancelled} />}
        <Statistic title={t('batches.detail.pending')} value={progress.pending} />
        <Statistic
          title={t('batches.detail.throughput')}
          value={progress.throughputPerMin === null ? '—' : progress.throughputPerMin.toFixed(1)}
          suffix={progress.throughputPerMin === null ? undefined : t('batches.detail.perMinute')}
        />
        <Statistic title={t('batches.detail.eta')} value={live ? (progress.etaMs === null ? t('batches.detail.estimating') : duration(t, progress.etaMs)) : '—'} />
      </Flex>
      <Flex gap={8}>
        {withReason(
          retryReason,
          <Button icon={<RedoOutlined />} disabled={!!retryReason || pending} onClick={() => run(() => retryFailed({ batchId: batch.id }), 'batches.detail.retried')}>
            {t('batches.detail.retryFailed')}
          </Button>,
        )}
        {withReason(
          cancelReason,
          <Popconfirm title={t('batches.detail.cancelConfirm')} disabled={!!cancelReason} onConfirm={() => run(() => cancelBatch({ batchId: batch.id }), 'batches.detail.cancelled')}>
            <Button danger icon={<StopOutlined />} disabled={!!cancelReason || pending}>
              {t('batches.detail.cancel')}
            </Button>
          </Popconfirm>,
        )}
        <Button icon={<DownloadOutlined />} href={`/api/batches/${batch.id}/export`}>
          {t('batches.detail.export')}
        </Button>
        {batch.operation === 'pageCode' && batch.succeeded > 0 && (
          <Button icon={<DownloadOutlined />} href={`/api/batches/${batch.id}/codes`}>
            {t('codes.batch.downloadZip')}
          </Button>
        )}
      </Flex>
      <Table<ItemRowView>
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        expandable={{ expandedRowRender: (item) => <ItemDetails item={item} /> }}
        columns={[
          { title: t('batches.columns.merchant'), dataIndex: 'merchantName' },
          { title: t('batches.columns.miniApp'), dataIndex: 'authAppId' },
          { title: t('batches.columns.step'), dataIndex: 'step', render: (s: string) => t(`batches.steps.${s}`) },
          {
            title: t('batches.columns.state'),
            dataIndex: 'state',
            filters: ITEM_STATES.map((s) => ({ text: t(`batches.states.${s}`), value: s })),
            onFilter: (value, r) => r.state === value,
            render: (_: unknown, r) => <ItemStateTag state={r.state} />,
          },
          { title: t('batches.columns.version'), dataIndex: 'appVersion' },
          { title: t('batches.columns.attempts'), dataIndex: 'attempts' },
          { title: t('batches.columns.subCode'), dataIndex: 'subCode' },
          { title: t('batches.columns.message'), dataIndex: 'message', render: (m: string | null) => (m ? itemMessage(t, m) : null) },
        ]}
      />
    </Flex>
  );
}
