'use client';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Table, Tooltip } from 'antd';
import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import { useT } from '@/lib/i18n/client';
import type { BatchRowView } from '@/lib/batches/view';
import { BatchStatusTag } from './batch-tags';

export function BatchListView({ rows, canStart }: { rows: BatchRowView[]; canStart: boolean }) {
  const t = useT();
  return (
    <Flex vertical gap={16}>
      {canStart && (
        <Flex justify="end">
          <Link href="/batches/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('batches.new')}
            </Button>
          </Link>
        </Flex>
      )}
      <Table
        rowKey="id"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('batches.empty') }}
        columns={[
          { title: t('batches.columns.id'), dataIndex: 'id', render: (id: number) => <Link href={`/batches/${id}`}>#{id}</Link> },
          { title: t('batches.columns.operation'), dataIndex: 'operation', render: (op: string) => t(`batches.operations.${op}`) },
          { title: t('batches.columns.status'), dataIndex: 'status', render: (_: unknown, r) => <BatchStatusTag status={r.status} failed={r.failed} /> },
          {
            title: t('batches.columns.progress'),
            key: 'progress',
            width: 260,
            render: (_: unknown, r) => {
              const done = r.succeeded + r.failed + r.skipped + r.cancelled;
              return (
                <Tooltip title={t('batches.detail.counts', { total: r.total, succeeded: r.succeeded, failed: r.failed, skipped: r.skipped, cancelled: r.cancelled })}>
                  <Progress
                    aria-label={t('batches.list.progressOf', { id: r.id })}
                    percent={r.total ? Math.floor((done / r.total) * 100) : 100}
                    success={{ percent: r.total ? Math.floor((r.succeeded / r.total) * 100) : 0 }}
                    status={r.status === 'running' ? 'active' : r.failed ? 'exception' : 'normal'}
                    format={() => `${done}/${r.total}`}
                    size="small"
                  />
                </Tooltip>
              );
            },
          },
          { title: t('batches.columns.createdBy'), dataIndex: 'createdByEmail' },
          { title: t('batches.columns.createdAt'), dataIndex: 'createdAt', render: (v: number) => formatDateTime(v) },
          { title: t('batches.detail.finishedAt'), dataIndex: 'finishedAt', render: (v: number | null) => formatDateTime(v) },
        ]}
      />
    </Flex>
  );
}
