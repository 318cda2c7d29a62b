'use client';
import { Table, Tag, Typography } from 'antd';
import type { TemplateRow } from '@/lib/batches/templates';
import { useT } from '@/lib/i18n/client';

export function TemplatesView({ rows }: { rows: TemplateRow[] }) {
  const t = useT();
  return (
    <Table
      rowKey="templateId"
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('templates.empty') }}
      columns={[
        { title: t('templates.columns.templateId'), dataIndex: 'templateId' },
        { title: t('templates.columns.name'), dataIndex: 'name' },
        {
          title: t('templates.columns.instances'),
          key: 'instances',
          render: (_: unknown, r: TemplateRow) => (r.error ? <Typography.Text type="danger">{r.error}</Typography.Text> : r.instances),
        },
        {
          title: t('templates.columns.versions'),
          key: 'versions',
          render: (_: unknown, r: TemplateRow) =>
            r.versions.map((v) => (
              <Tag key={v.appVersion}>
                {v.appVersion} × {v.count}
              </Tag>
            )),
        },
        { title: t('templates.columns.batches'), dataIndex: 'batches' },
      ]}
    />
  );
}
