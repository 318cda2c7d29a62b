'use client';
import { SettingOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { saveVersionNote, syncTemplates } from '@/app/(console)/templates/actions';
import { PageHeader } from '@/components/page-header';
import { formatDateTime } from '@/lib/format';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import type { TemplateRow, TemplateSyncView, TemplateVersionRow } from '@/lib/templates/page-data';

const KNOWN_STATUSES = ['RELEASE', 'OFFLINE', 'INIT'];

/** The platform's status of a template version: RELEASE is on shelf; a value the console does not know is shown raw. */
export function TemplateStatusTag({ status, vanished }: { status: string; vanished?: boolean }) {
  const t = useT();
  if (vanished) return <Tag color="default">{t('templates.versionStatus.vanished')}</Tag>;
  if (!status) return <Tag>—</Tag>;
  const label = KNOWN_STATUSES.includes(status) ? t(`templates.versionStatus.${status}`) : status;
  return (
    <Tooltip title={t('templates.versionStatus.raw', { status })}>
      <Tag color={status === 'RELEASE' ? 'green' : undefined}>{label}</Tag>
    </Tooltip>
  );
}

/** Versions of one template, newest first: the platform's status, how many mini-programs run each, staff's notes. */
export function TemplateVersionsTable({ templateId, versions, canEdit }: { templateId: string; versions: TemplateVersionRow[]; canEdit: boolean }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, start] = useTransition();
  const saveNote = (v: TemplateVersionRow, note: string) =>
    start(async () => {
      const r = await saveVersionNote({ templateId, version: v.version, note });
      if (r.ok) {
        message.success(t('templates.noteSaved'));
        router.refresh();
      } else message.error(translateMessage(t, r.fieldErrors?.note ?? r.error, r.params));
    });
  return (
    <Table
      rowKey="version"
      size="small"
      dataSource={versions}
      pagination={false}
      loading={pending}
      locale={{ emptyText: t('templates.none') }}
      columns={[
        { title: t('templates.columns.version'), dataIndex: 'version', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
        { title: t('templates.columns.status'), key: 'status', render: (_: unknown, v: TemplateVersionRow) => <TemplateStatusTag status={v.status} vanished={v.vanished} /> },
        { title: t('templates.columns.instances'), dataIndex: 'instances', align: 'right' },
        { title: t('templates.columns.online'), dataIndex: 'online', align: 'right' },
        {
          title: t('templates.columns.note'),
          key: 'note',
          render: (_: unknown, v: TemplateVersionRow) => (
            <Typography.Text
              type={v.note ? undefined : 'secondary'}
              editable={
                canEdit
                  ? {
                      text: v.note ?? '',
                      maxLength: 200,
                      tooltip: t('templates.editNote'),
                      triggerType: ['icon'],
                      onChange: (note) => note !== (v.note ?? '') && saveNote(v, note),
                    }
                  : false
              }
            >
              {v.note || '—'}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

/** "Last synced …" with the failure of the last attempt, if it failed. */
export function SyncStatus({ sync }: { sync: TemplateSyncView | null }) {
  const t = useT();
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary" data-testid="template-sync-status">
        {sync?.syncedAt ? t('templates.sync.last', { at: formatDateTime(sync.syncedAt) }) : t('templates.sync.never')}
      </Typography.Text>
      {sync?.error && <Alert type="warning" showIcon title={t('templates.sync.lastFailed', { at: formatDateTime(sync.attemptedAt), error: sync.error })} />}
      {sync && !sync.instancesComplete && <Alert type="info" showIcon title={t('templates.sync.incomplete')} />}
    </Flex>
  );
}

export function SyncButton() {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, start] = useTransition();
  const sync = () =>
    start(async () => {
      const r = await syncTemplates();
      if (r.ok) {
        message.success(t('templates.sync.done', r.data));
        router.refresh();
      } else {
        message.error(translateMessage(t, r.error, r.params));
        router.refresh();
      }
    });
  return (
    <Button type="primary" icon={<SyncOutlined />} loading={pending} onClick={sync}>
      {t('templates.sync.button')}
    </Button>
  );
}

export function TemplatesListView({ rows, sync, canEdit }: { rows: TemplateRow[]; sync: TemplateSyncView | null; canEdit: boolean }) {
  const t = useT();
  return (
    <>
      <PageHeader title={t('templates.title')} extra={canEdit && <SyncButton />}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 8 }}>
          {t('templates.intro')}
        </Typography.Paragraph>
        <SyncStatus sync={sync} />
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
                <span>{r.name}</span>
                <Typography.Text type="secondary" copyable={{ text: r.templateId }} style={{ fontWeight: 'normal' }}>
                  {t('templates.columns.templateId')} {r.templateId}
                </Typography.Text>
                {r.vanished && <Tag>{t('templates.vanishedTemplate')}</Tag>}
              </Space>
            }
            extra={
              <Space wrap>
                <Typography.Text type="secondary">
                  {t('templates.columns.latestOnShelf')}：{r.latestOnShelf ? <Tag color="green">{r.latestOnShelf}</Tag> : t('templates.none')}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('templates.columns.instanceTotal')}：{r.instances}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('templates.columns.batches')}：{r.batches}
                </Typography.Text>
                <Link href={`/templates/${r.templateId}`}>
                  <Button size="small" icon={<SettingOutlined />}>
                    {t('templates.extConfig')}
                  </Button>
                </Link>
              </Space>
            }
          >
            <TemplateVersionsTable templateId={r.templateId} versions={r.versions} canEdit={canEdit} />
          </Card>
        ))}
      </Flex>
    </>
  );
}
