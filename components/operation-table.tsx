'use client';
// The operation log as sentences in the reader's language (lib/operation-log-sentences.ts); the raw record — action
// id, target, the input as stored — is one click away in the expanded row.
import { Descriptions, Table, Tag, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { formatDateTime } from '@/lib/format';
import { useT } from '@/lib/i18n/client';
import type { DescribedOperation } from '@/lib/operation-log/sentences';

export type OperationRow = DescribedOperation;

const RESULT_COLOR = { ok: 'success', error: 'error', refused: 'warning' } as const;

function prettyInput(input: string | null): string | null {
  if (!input) return null;
  try {
    return JSON.stringify(JSON.parse(input), null, 2);
  } catch {
    return input;
  }
}

function RawRecord({ row }: { row: OperationRow }) {
  const t = useT();
  const input = prettyInput(row.input);
  return (
    <Descriptions size="small" column={1} bordered data-testid="operation-raw" title={t('operationLog.raw')}>
      <Descriptions.Item label={t('operationLog.action')}>
        <Typography.Text code>{row.action}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('operationLog.actor')}>{row.actorEmail}</Descriptions.Item>
      <Descriptions.Item label={t('operationLog.target')}>{row.targetType ? `${row.targetType} ${row.targetId ?? ''}` : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('operationLog.input')}>
        {input ? <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{input}</pre> : t('operationLog.noInput')}
      </Descriptions.Item>
      {row.detail && <Descriptions.Item label={t('operationLog.detail')}>{row.detail}</Descriptions.Item>}
    </Descriptions>
  );
}

export function OperationTable({ rows, compact, pagination }: { rows: OperationRow[]; compact?: boolean; pagination?: TablePaginationConfig | false }) {
  const t = useT();
  return (
    <Table<OperationRow>
      size={compact ? 'small' : 'middle'}
      rowKey="id"
      dataSource={rows}
      pagination={pagination ?? false}
      expandable={compact ? undefined : { expandedRowRender: (r) => <RawRecord row={r} />, columnTitle: null, showExpandColumn: true }}
      columns={[
        { title: t('operationLog.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
        {
          title: t('operationLog.sentence'),
          dataIndex: 'sentence',
          render: (s: string) => <span data-testid="operation-sentence">{s}</span>,
        },
        {
          title: t('operationLog.result'),
          dataIndex: 'result',
          width: 90,
          render: (r: OperationRow['result']) => <Tag color={RESULT_COLOR[r]}>{t(`operationLog.results.${r}`)}</Tag>,
        },
      ]}
    />
  );
}
