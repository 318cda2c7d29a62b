'use client';
import { Table, Tag, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { formatDateTime } from '@/lib/format';
import { useT } from '@/lib/i18n/client';

export interface OperationRow {
  id: number;
  at: string;
  actorEmail: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  input: string | null;
  result: 'ok' | 'error' | 'refused';
  detail: string | null;
}

const RESULT_COLOR = { ok: 'success', error: 'error', refused: 'warning' } as const;

export function OperationTable({ rows, compact, pagination }: { rows: OperationRow[]; compact?: boolean; pagination?: TablePaginationConfig | false }) {
  const t = useT();
  return (
    <Table<OperationRow>
      size={compact ? 'small' : 'middle'}
      rowKey="id"
      dataSource={rows}
      pagination={pagination ?? false}
      columns={[
        { title: t('operationLog.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
        { title: t('operationLog.actor'), dataIndex: 'actorEmail', width: 200 },
        {
          title: t('operationLog.action'),
          dataIndex: 'action',
          render: (a: string) => (t.has(`actions.${a}`) ? t(`actions.${a}`) : a),
        },
        ...(compact
          ? []
          : [
              {
                title: t('operationLog.target'),
                key: 'target',
                render: (_: unknown, r: OperationRow) => (r.targetType ? `${r.targetType} #${r.targetId}` : '—'),
              },
              {
                title: t('operationLog.input'),
                dataIndex: 'input',
                ellipsis: true,
                render: (v: string | null) => (v ? <Typography.Text code style={{ fontSize: 12 }}>{v}</Typography.Text> : '—'),
              },
            ]),
        {
          title: t('operationLog.result'),
          dataIndex: 'result',
          width: 90,
          render: (r: OperationRow['result']) => <Tag color={RESULT_COLOR[r]}>{t(`operationLog.results.${r}`)}</Tag>,
        },
        ...(compact ? [] : [{ title: t('operationLog.detail'), dataIndex: 'detail', ellipsis: true }]),
      ]}
    />
  );
}
