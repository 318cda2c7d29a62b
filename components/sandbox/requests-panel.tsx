'use client';
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useT } from '@/lib/i18n/client';
import { at } from './format';
import type { RequestLogView } from './types';

export function RequestsPanel({ rows }: { rows: RequestLogView[] }) {
  const t = useT();
  const methods = [...new Set(rows.map((r) => r.method).filter((m): m is string => !!m))].sort();
  return (
    <Table<RequestLogView>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: t('sandbox.requests.none') }}
      columns={[
        { title: t('sandbox.columns.time'), dataIndex: 'at', width: 170, render: at },
        {
          title: t('sandbox.requests.method'),
          dataIndex: 'method',
          filters: methods.map((m) => ({ value: m, text: m })),
          onFilter: (value, r) => r.method === value,
          render: (m: string | null) => (m ? <Typography.Text code>{m}</Typography.Text> : '—'),
        },
        {
          title: t('sandbox.requests.app'),
          key: 'app',
          width: 190,
          render: (_, r) => (
            <Space orientation="vertical" size={0}>
              <span>{r.authAppId ?? '—'}</span>
              {r.appId && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('sandbox.requests.isv', { appId: r.appId })}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: t('sandbox.requests.result'),
          key: 'result',
          filters: [
            { value: 'ok', text: t('sandbox.requests.success') },
            { value: 'error', text: t('sandbox.requests.failure') },
          ],
          onFilter: (value, r) => (r.code === '10000') === (value === 'ok'),
          render: (_, r) =>
            r.code === '10000' ? (
              <Tag color="green">10000</Tag>
            ) : (
              <Tooltip title={r.subMsg}>
                <Tag color="red">
                  {r.code}
                  {r.subCode ? ` · ${r.subCode}` : ''}
                </Tag>
              </Tooltip>
            ),
        },
        { title: t('sandbox.requests.latency'), dataIndex: 'latencyMs', width: 100, align: 'right', render: (v: number) => `${v} ms` },
        { title: 'trace_id', dataIndex: 'traceId', width: 150, render: (v: string) => <Typography.Text type="secondary" copyable={{ text: v }}>{v.slice(0, 8)}…</Typography.Text> },
      ]}
    />
  );
}
