'use client';
import { Button, Table, Typography } from 'antd';
import { formatDateTime } from '@/lib/format';
import { useT } from '@/lib/i18n/client';
import { VERSION_OPERATIONS } from '@/lib/versions/operations';
import type { VersionRowView } from '@/lib/versions/view';
import { OperationButtons, type OperationHandlers } from './operation-buttons';
import { VersionStatusTags } from './status-tag';

// The cards already carry the release operations; the table offers every operation of every version.
const TABLE_OPS = VERSION_OPERATIONS;

export function VersionsTable({
  versions,
  handlers,
  canOperate,
  onDetail,
}: {
  versions: VersionRowView[];
  handlers: OperationHandlers;
  canOperate: boolean;
  onDetail: (v: VersionRowView) => void;
}) {
  const t = useT();
  // Date over time, to keep the columns narrow.
  const time = (v: string | null) => {
    if (!v) return '—';
    const [date, clock] = formatDateTime(v, { seconds: false }).split(' ');
    return (
      <span style={{ whiteSpace: 'nowrap' }}>
        {date}
        <br />
        {clock}
      </span>
    );
  };
  return (
    <Table<VersionRowView>
      rowKey="id"
      size="middle"
      dataSource={versions}
      pagination={versions.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: t('versions.table.empty') }}
      scroll={{ x: 1080 }}
      onRow={(v) => ({ 'data-version': v.appVersion }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('versions.table.version'),
          dataIndex: 'appVersion',
          width: 90,
          render: (_, v) => <Typography.Link onClick={() => onDetail(v)}>{v.appVersion}</Typography.Link>,
        },
        { title: t('versions.table.status'), key: 'status', width: 150, render: (_, v) => <VersionStatusTags v={v} /> },
        {
          title: t('versions.table.template'),
          key: 'template',
          width: 160,
          render: (_, v) =>
            v.templateId ? (
              <span>
                {v.templateName ?? v.templateId}
                <br />
                <Typography.Text type="secondary">{v.templateVersion ?? t('versions.table.latestTemplate')}</Typography.Text>
              </span>
            ) : (
              '—'
            ),
        },
        { title: t('versions.table.created'), dataIndex: 'gmtCreate', width: 100, render: time },
        { title: t('versions.table.submitted'), dataIndex: 'gmtApplyAudit', width: 100, render: time },
        { title: t('versions.table.auditEnd'), dataIndex: 'gmtAuditEnd', width: 100, render: time },
        {
          title: `${t('versions.table.online')} / ${t('versions.table.offline')}`,
          key: 'onlineOffline',
          width: 110,
          render: (_, v) => (
            <span>
              {time(v.gmtOnline)}
              <br />
              <Typography.Text type="secondary">{time(v.gmtOffline)}</Typography.Text>
            </span>
          ),
        },
        {
          title: t('versions.table.actions'),
          key: 'actions',
          width: 270,
          render: (_, v) => (
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'flex-start' }}>
              <Button size="small" type="link" onClick={() => onDetail(v)} style={{ paddingInline: 0 }}>
                {t('versions.table.detail')}
              </Button>
              {canOperate && <OperationButtons v={v} ops={TABLE_OPS} handlers={handlers} />}
            </div>
          ),
        },
      ]}
    />
  );
}
