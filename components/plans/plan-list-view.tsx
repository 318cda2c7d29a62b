'use client';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Typography } from 'antd';
import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import { useT } from '@/lib/i18n/client';
import type { PlanRowView } from '@/lib/plans/view';
import { PlanStatusTag } from './plan-tags';

export function PlanListView({ rows, canStart }: { rows: (PlanRowView & { waves: number; members: number })[]; canStart: boolean }) {
  const t = useT();
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={16}>
        <Typography.Text type="secondary">{t('plans.intro')}</Typography.Text>
        {canStart && (
          <Link href="/plans/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('plans.new')}
            </Button>
          </Link>
        )}
      </Flex>
      <Table
        rowKey="id"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('plans.empty') }}
        columns={[
          { title: t('plans.columns.id'), dataIndex: 'id', render: (id: number) => <Link href={`/plans/${id}`}>#{id}</Link> },
          { title: t('plans.columns.name'), dataIndex: 'name', render: (name: string, r) => <Link href={`/plans/${r.id}`}>{name}</Link> },
          { title: t('plans.columns.template'), key: 'template', render: (_: unknown, r) => `${r.templateId} · ${r.templateVersion}` },
          { title: t('plans.columns.status'), dataIndex: 'status', render: (_: unknown, r) => <PlanStatusTag status={r.status} /> },
          { title: t('plans.columns.waves'), key: 'waves', render: (_: unknown, r) => `${r.waves} / ${r.members}` },
          { title: t('plans.columns.createdBy'), dataIndex: 'createdByEmail' },
          { title: t('plans.columns.createdAt'), dataIndex: 'createdAt', render: (v: number) => formatDateTime(v) },
        ]}
      />
    </Flex>
  );
}
