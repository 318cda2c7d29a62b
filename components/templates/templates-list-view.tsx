'use client';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { setTemplateVersionShelf } from '@/app/(console)/templates/actions';
import { PageHeader } from '@/components/page-header';
import type { TemplateRow, TemplateVersionRow } from '@/lib/batches/templates';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { AddVersionModal, RegisterTemplateModal } from './template-forms';

export function ShelfTag({ onShelf }: { onShelf: boolean | null }) {
  const t = useT();
  if (onShelf === null) return <Tag>{t('templates.shelf.unregistered')}</Tag>;
  return onShelf ? <Tag color="green">{t('templates.shelf.on')}</Tag> : <Tag color="default">{t('templates.shelf.off')}</Tag>;
}

/** Versions of one template, newest first, with instance counts and (for operators) the on-shelf switch. */
export function TemplateVersionsTable({ templateId, versions, canEdit }: { templateId: string; versions: TemplateVersionRow[]; canEdit: boolean }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, start] = useTransition();
  const toggle = (v: TemplateVersionRow, onShelf: boolean) =>
    start(async () => {
      const r = await setTemplateVersionShelf({ templateId, version: v.version, onShelf });
      if (r.ok) {
        message.success(t('templates.shelfChanged'));
        router.refresh();
      } else message.error(translateMessage(t, r.error, r.params));
    });
  return (
    <Table
      rowKey="version"
      size="small"
      dataSource={versions}
      pagination={false}
      locale={{ emptyText: t('templates.none') }}
      columns={[
        { title: t('templates.columns.version'), dataIndex: 'version', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
        { title: t('templates.columns.shelf'), key: 'shelf', render: (_: unknown, v: TemplateVersionRow) => <ShelfTag onShelf={v.onShelf} /> },
        {
          title: t('templates.columns.platformCount'),
          key: 'platform',
          align: 'right',
          render: (_: unknown, v: TemplateVersionRow) =>
            v.platformCount === null ? '—' : v.capped ? t('templates.capped', { count: v.platformCount }) : v.platformCount,
        },
        { title: t('templates.columns.consoleCount'), dataIndex: 'consoleCount', align: 'right' },
        { title: t('templates.columns.note'), dataIndex: 'note', render: (n: string | null) => n || '—' },
        ...(canEdit
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, v: TemplateVersionRow) =>
                  v.onShelf === null ? null : (
                    <Button
                      type="link"
                      size="small"
                      disabled={pending}
                      aria-label={`${v.version} ${v.onShelf ? t('templates.takeOffShelf') : t('templates.putOnShelf')}`}
                      onClick={() => toggle(v, !v.onShelf)}
                    >
                      {v.onShelf ? t('templates.takeOffShelf') : t('templates.putOnShelf')}
                    </Button>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

export function TemplatesListView({ rows, canEdit }: { rows: TemplateRow[]; canEdit: boolean }) {
  const t = useT();
  const [registering, setRegistering] = useState(false);
  const [addingTo, setAddingTo] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title={t('templates.title')}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
              {t('templates.register')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('templates.intro')}
        </Typography.Paragraph>
      </PageHeader>
      {rows.length === 0 && (
        <Card>
          <Empty description={t('templates.empty')} />
        </Card>
      )}
      <Flex vertical gap={16}>
        {rows.map((r) => (
          <Card
            key={r.templateId}
            data-testid={`template-${r.templateId}`}
            title={
              <Space size="middle" wrap>
                <span>{r.name ?? t('templates.notRegistered')}</span>
                <Typography.Text type="secondary" copyable={{ text: r.templateId }} style={{ fontWeight: 'normal' }}>
                  {t('templates.columns.templateId')} {r.templateId}
                </Typography.Text>
              </Space>
            }
            extra={
              <Space wrap>
                <Typography.Text type="secondary">
                  {t('templates.columns.latestOnShelf')}：{r.latestOnShelf ? <Tag color="green">{r.latestOnShelf}</Tag> : t('templates.none')}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('templates.columns.batches')}：{r.batches}
                </Typography.Text>
                {r.registered && canEdit && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingTo(r.templateId)}>
                    {t('templates.addVersion')}
                  </Button>
                )}
                {r.registered && (
                  <Link href={`/templates/${r.templateId}`}>
                    <Button size="small" icon={<SettingOutlined />}>
                      {t('templates.extConfig')}
                    </Button>
                  </Link>
                )}
              </Space>
            }
          >
            {r.error && <Alert type="warning" showIcon title={t('templates.usageError', { error: r.error })} style={{ marginBottom: 12 }} />}
            <TemplateVersionsTable templateId={r.templateId} versions={r.versions} canEdit={canEdit && r.registered} />
          </Card>
        ))}
      </Flex>
      <RegisterTemplateModal open={registering} onClose={() => setRegistering(false)} />
      <AddVersionModal templateId={addingTo} onClose={() => setAddingTo(null)} />
    </>
  );
}
