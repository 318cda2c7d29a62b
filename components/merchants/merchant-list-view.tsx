'use client';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { PageHeader } from '@/components/page-header';
import type { SorterResult } from 'antd/es/table/interface';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { INDUSTRIES, MERCHANT_AUTH_STATUSES, type MerchantAuthStatus } from '@/lib/merchants/vocabulary';
import { formatDateTime } from '@/lib/format';
import { useT } from '@/lib/i18n/client';
import type { MerchantRowView } from '@/lib/merchants/view';
import type { MerchantListQuery, MerchantSort } from '@/lib/validation/merchants';
import { MerchantFormModal } from './merchant-form-modal';
import { MerchantImportModal } from './merchant-import-modal';
import { ArchivedTag, MerchantStatusTag } from './status-tags';

/** The query string the list and the CSV export share; defaults are left out. */
export function queryString(q: Partial<MerchantListQuery>): string {
  const params = new URLSearchParams();
  if (q.q) params.set('q', q.q);
  if (q.status) params.set('status', q.status);
  if (q.industry) params.set('industry', q.industry);
  if (q.archived) params.set('archived', '1');
  if (q.stage) params.set('stage', q.stage);
  if (q.stage && q.reason !== undefined) params.set('reason', q.reason);
  if (q.stage && q.hours) params.set('hours', String(q.hours));
  if (q.sort && q.sort !== 'createdAt') params.set('sort', q.sort);
  if (q.order && q.order !== 'desc') params.set('order', q.order);
  if (q.page && q.page > 1) params.set('page', String(q.page));
  if (q.pageSize && q.pageSize !== 20) params.set('pageSize', String(q.pageSize));
  return params.toString();
}

export function MerchantListView({ rows, total, query, canEdit }: { rows: MerchantRowView[]; total: number; query: MerchantListQuery; canEdit: boolean }) {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, start] = useTransition();
  const [search, setSearch] = useState(query.q ?? '');
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);

  const go = (next: Partial<MerchantListQuery>) => {
    const qs = queryString({ ...query, page: 1, ...next });
    start(() => router.push(qs ? `${pathname}?${qs}` : pathname));
  };
  const exportQuery = queryString({ ...query, page: 1, pageSize: 20 });
  const sortOrder = (key: MerchantSort) => (query.sort === key ? (query.order === 'asc' ? 'ascend' : 'descend') : null);

  const actions = (
    <Space wrap>
      <Button icon={<DownloadOutlined />} href={`/api/merchants/export${exportQuery ? `?${exportQuery}` : ''}`} download>
        {t('merchants.export')}
      </Button>
      {canEdit && (
        <>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t('merchants.importCsv')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('merchants.add')}
          </Button>
        </>
      )}
    </Space>
  );

  return (
    <>
      <PageHeader title={t('merchants.title')} extra={actions} />
      <Card>
        <Flex align="center" gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            aria-label={t('common.search')}
            placeholder={t('merchants.searchPlaceholder')}
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => go({ q: v.trim() || undefined })}
            style={{ width: 360 }}
            enterButton
          />
          <Select<MerchantAuthStatus>
            aria-label={t('merchants.fields.authStatus')}
            placeholder={t('merchants.fields.authStatus')}
            allowClear
            value={query.status}
            style={{ width: 140 }}
            onChange={(v) => go({ status: v })}
            options={MERCHANT_AUTH_STATUSES.map((s) => ({ value: s, label: t(`merchants.statuses.${s}`) }))}
          />
          <Select
            aria-label={t('merchants.fields.industry')}
            placeholder={t('merchants.fields.industry')}
            allowClear
            value={query.industry}
            style={{ width: 140 }}
            onChange={(v) => go({ industry: v })}
            options={INDUSTRIES.map((i) => ({ value: i, label: t(`merchants.industries.${i}`) }))}
          />
          <Space size={6}>
            <Switch size="small" checked={query.archived} onChange={(archived) => go({ archived })} aria-label={t('merchants.showArchived')} />
            <Typography.Text type="secondary">{t('merchants.showArchived')}</Typography.Text>
          </Space>
          {query.stage && (
            <Tag closable color="blue" onClose={() => go({ stage: undefined, reason: undefined, hours: undefined })} data-testid="stage-filter">
              {t('fleet.stageFilter', { stage: t(`fleet.stages.${query.stage}`) })}
              {query.stage === 'rejected' && query.reason !== undefined && `：${query.reason || t('fleet.noReason')}`}
              {query.stage === 'auditWaiting' && query.hours && `（${t('fleet.attention.waitingHours', { hours: query.hours })}）`}
            </Tag>
          )}
          {(query.q || query.status || query.industry || query.archived || query.stage) && (
            <Button
              type="link"
              onClick={() => {
                setSearch('');
                start(() => router.push(pathname));
              }}
            >
              {t('common.reset')}
            </Button>
          )}
        </Flex>
        <Table<MerchantRowView>
          rowKey="id"
          dataSource={rows}
          loading={pending}
          size="middle"
          scroll={{ x: 1080 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={query.q || query.status || query.industry || query.stage ? t('common.empty') : t('merchants.empty')} /> }}
          onChange={(_p, _f, sorter) => {
            const s = sorter as SorterResult<MerchantRowView>;
            const key = s.columnKey as MerchantSort | undefined;
            if (!s.order || !key) go({ sort: 'createdAt', order: 'desc', page: query.page });
            else go({ sort: key, order: s.order === 'ascend' ? 'asc' : 'desc', page: query.page });
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (n) => t('merchants.total', { total: n }),
            onChange: (page, pageSize) => go({ page: pageSize !== query.pageSize ? 1 : page, pageSize }),
          }}
          columns={[
            {
              title: t('merchants.fields.name'),
              key: 'name',
              width: 220,
              ellipsis: true,
              sorter: true,
              sortOrder: sortOrder('name'),
              render: (_, r) => (
                <Space size={4}>
                  <Link href={`/merchants/${r.id}`}>{r.name}</Link>
                  {r.archived && <ArchivedTag />}
                </Space>
              ),
            },
            { title: t('merchants.fields.contactName'), dataIndex: 'contactName', width: 100, ellipsis: true },
            { title: t('merchants.fields.mobile'), dataIndex: 'mobile', width: 125 },
            { title: t('merchants.fields.industry'), dataIndex: 'industry', width: 100, render: (v: string) => t(`merchants.industries.${v}`) },
            {
              title: t('merchants.fields.miniApps'),
              key: 'apps',
              render: (_, r) =>
                r.apps.length ? (
                  <Space size={[4, 4]} wrap>
                    {r.apps.slice(0, 2).map((a) => (
                      <Tooltip key={a.authAppId} title={a.authAppId}>
                        <Tag color={a.status === 'authorized' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
                          {a.appName ?? a.authAppId}
                        </Tag>
                      </Tooltip>
                    ))}
                    {r.apps.length > 2 && <Tag style={{ marginInlineEnd: 0 }}>+{r.apps.length - 2}</Tag>}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
            { title: t('merchants.fields.authStatus'), dataIndex: 'authStatus', width: 110, render: (s: MerchantAuthStatus) => <MerchantStatusTag status={s} /> },
            {
              title: t('merchants.fields.createdAt'),
              key: 'createdAt',
              width: 150,
              sorter: true,
              sortOrder: sortOrder('createdAt'),
              render: (_, r) => formatDateTime(r.createdAt, { seconds: false }),
            },
            {
              title: t('merchants.fields.updatedAt'),
              key: 'updatedAt',
              width: 150,
              sorter: true,
              sortOrder: sortOrder('updatedAt'),
              render: (_, r) => formatDateTime(r.updatedAt, { seconds: false }),
            },
          ]}
        />
      </Card>
      {canEdit && <MerchantFormModal open={adding} onClose={() => setAdding(false)} onSaved={(id) => router.push(`/merchants/${id}`)} />}
      {canEdit && <MerchantImportModal open={importing} onClose={() => setImporting(false)} onImported={() => router.refresh()} />}
    </>
  );
}
