'use client';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { usePathname, useRouter } from 'next/navigation';
import { OperationTable, type OperationRow } from '@/components/operation-table';
import { useT } from '@/lib/i18n/client';
import type { OperationLogQuery } from '@/lib/validation/operation-log';

type Filters = Pick<OperationLogQuery, 'actor' | 'action' | 'target' | 'result'> & { range?: [Dayjs | null, Dayjs | null] | null };

const DAY = 'YYYY-MM-DD';

/** The query as a URL search string (also the CSV export's, so it exports exactly what the page shows). */
function searchOf(query: Partial<OperationLogQuery>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && v !== null) params.set(k, String(v));
  return params.toString();
}

export function OperationLogView({ rows, total, query, actions }: { rows: OperationRow[]; total: number; query: OperationLogQuery; actions: string[] }) {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  const go = (next: Partial<OperationLogQuery>) => router.push(`${pathname}?${searchOf({ ...query, ...next })}`);
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const exportHref = `/api/operation-log/export?${searchOf(filters)}`;
  return (
    <>
      <Form<Filters>
        layout="inline"
        initialValues={{ ...query, range: query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : undefined }}
        onFinish={({ range, ...v }) => go({ ...v, from: range?.[0]?.format(DAY), to: range?.[1]?.format(DAY), page: 1 })}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="actor" label={t('operationLog.filterActor')}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="action" label={t('operationLog.filterAction')}>
          <Select
            allowClear
            style={{ width: 180 }}
            options={actions.map((a) => ({ value: a, label: t.has(`actions.${a}`) ? t(`actions.${a}`) : a }))}
          />
        </Form.Item>
        <Form.Item name="target" label={t('operationLog.filterTarget')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="result" label={t('operationLog.filterResult')}>
          <Select
            allowClear
            style={{ width: 110 }}
            options={(['ok', 'error', 'refused'] as const).map((r) => ({ value: r, label: t(`operationLog.results.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="range" label={t('operationLog.range')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button onClick={() => router.push(pathname)}>{t('common.reset')}</Button>
          <Button icon={<DownloadOutlined />} href={exportHref}>
            {t('operationLog.export')}
          </Button>
        </Space>
      </Form>
      <OperationTable
        rows={rows}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (page, pageSize) => go({ page, pageSize }),
        }}
      />
    </>
  );
}
