'use client';
import { ArrowLeftOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Space, Table, Tag, Typography } from 'antd';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState, useTransition } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { saveTemplateExt } from '@/app/(console)/templates/actions';
import { FormError, useFormModal } from '@/components/form-modal';
import { PageHeader } from '@/components/page-header';
import { BUILTIN_VARIABLES, customFieldsOf, parseExtTemplate } from '@/lib/batches/ext-template';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import type { Paged, TemplateMerchantRow } from '@/lib/templates/data';
import { extTemplateSchema } from '@/lib/validation/templates';
import type { InstanceRow } from '@/lib/templates/data';
import type { TemplateRow } from '@/lib/templates/page-data';
import { CurrentExtTag, MerchantExtDrawer } from './merchant-ext-drawer';
import { TemplateVersionsTable } from './templates-list-view';

export interface TemplateDetail extends TemplateRow {
  extTemplate: string;
  /** One page of the instances. */
  instancePage: Paged<InstanceRow>;
}

/** Moves to another page or search of the server-paged lists, keeping the other list's place. */
function usePagedQuery() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, start] = useTransition();
  const go = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || v === 1) next.delete(k);
      else next.set(k, String(v));
    }
    const qs = next.toString();
    start(() => router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  };
  return { go, pending };
}

const serverPagination = (p: Paged<unknown>, onChange: (page: number) => void) => ({
  current: p.page,
  pageSize: p.pageSize,
  total: p.total,
  hideOnSinglePage: true,
  showSizeChanger: false,
  onChange,
});

const KNOWN_VERSION_STATUSES = ['RELEASE', 'GRAY', 'INIT', 'AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE', 'OFFLINE', 'AUDIT_OFFLINE'];

/** The mini-programs the platform lists as instances of this template, named by the console's merchants. */
function InstancesCard({ instances }: { instances: Paged<InstanceRow> }) {
  const t = useT();
  const { go, pending } = usePagedQuery();
  const status = (s: string) => (s === 'ONLINE' ? <Tag color="green">{t('templates.instances.online')}</Tag> : s === 'OFFLINE' ? <Tag>{t('templates.instances.notOnline')}</Tag> : <Tag>{s || '—'}</Tag>);
  return (
    <Card title={t('templates.instances.title', { count: instances.total })}>
      <Table
        rowKey="miniAppId"
        dataSource={instances.rows}
        size="middle"
        loading={pending}
        pagination={serverPagination(instances, (page) => go({ ipage: page }))}
        locale={{ emptyText: t('templates.instances.empty') }}
        columns={[
          {
            title: t('templates.merchants.merchantName'),
            key: 'merchant',
            render: (_: unknown, r: InstanceRow) =>
              r.merchantId ? <Link href={`/merchants/${r.merchantId}/versions`}>{r.merchantName}</Link> : <Typography.Text type="secondary">{t('templates.instances.noMerchant')}</Typography.Text>,
          },
          { title: t('templates.merchants.appName'), dataIndex: 'appName', render: (v: string) => v || '—' },
          { title: t('templates.merchants.authAppId'), dataIndex: 'miniAppId', render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
          { title: t('templates.columns.version'), dataIndex: 'templateVersion', render: (v: string) => v || '—' },
          {
            title: t('templates.instances.latestVersion'),
            key: 'latest',
            render: (_: unknown, r: InstanceRow) => (
              <Space size={4}>
                {r.latestVersion || '—'}
                {r.latestVersionStatus && <Tag>{KNOWN_VERSION_STATUSES.includes(r.latestVersionStatus) ? t(`templates.status.${r.latestVersionStatus}`) : r.latestVersionStatus}</Tag>}
              </Space>
            ),
          },
          { title: t('templates.instances.status'), dataIndex: 'status', render: status },
        ]}
      />
    </Card>
  );
}

const pretty = (text: string) => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

function ExtTemplateEditor({ template, canEdit }: { template: TemplateDetail; canEdit: boolean }) {
  const t = useT();
  const form = useFormModal({
    schema: extTemplateSchema,
    defaultValues: () => ({ templateId: template.templateId, extTemplate: pretty(template.extTemplate) }),
    action: saveTemplateExt,
    success: t('templates.detail.extSaved'),
  });
  const { control } = form;
  const text = useWatch({ control, name: 'extTemplate' });
  // The same check as the schema's, run as the person types: names the unknown variable and lists the custom fields.
  const parsed = useMemo(() => parseExtTemplate(text), [text]);
  const customFields = parsed.ok ? customFieldsOf(parsed.template) : null;
  const params = !parsed.ok && parsed.error.code === 'unknownVariable' ? { variable: parsed.error.variable } : undefined;

  return (
    <Card title={t('templates.detail.extTitle')}>
      <Typography.Paragraph type="secondary">{t('templates.detail.extHelp')}</Typography.Paragraph>
      <FormError form={form} style={{ marginBottom: 16 }} />
      <Form layout="vertical" component="div">
        <Controller
          control={control}
          name="extTemplate"
          render={({ field, fieldState }) => (
            <Form.Item
              label={t('templates.detail.extField')}
              htmlFor="field-extTemplate"
              validateStatus={fieldState.error ? 'error' : undefined}
              help={fieldState.error?.message ? translateMessage(t, fieldState.error.message, params) : undefined}
            >
              <Input.TextArea
                {...field}
                id="field-extTemplate"
                readOnly={!canEdit}
                rows={10}
                spellCheck={false}
                style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
              />
            </Form.Item>
          )}
        />
      </Form>
      <Flex vertical gap={8} style={{ marginBottom: canEdit ? 16 : 0 }}>
        <div>
          <Typography.Text type="secondary">{t('templates.detail.allowedVariables')}：</Typography.Text>
          {BUILTIN_VARIABLES.map((v) => (
            <Tag key={v} style={{ fontFamily: 'monospace' }}>{`{{${v}}}`}</Tag>
          ))}
          <Tag style={{ fontFamily: 'monospace' }}>{'{{custom.…}}'}</Tag>
        </div>
        <div data-testid="custom-fields">
          <Typography.Text type="secondary">{t('templates.detail.customFields')}：</Typography.Text>
          {customFields === null ? (
            '—'
          ) : customFields.length ? (
            customFields.map((f) => (
              <Tag key={f} color="blue" style={{ fontFamily: 'monospace' }}>{`custom.${f}`}</Tag>
            ))
          ) : (
            <Typography.Text type="secondary">{t('templates.detail.noCustomFields')}</Typography.Text>
          )}
        </div>
      </Flex>
      {canEdit && (
        <Button type="primary" onClick={() => void form.submit()} loading={form.submitting}>
          {t('templates.detail.saveExt')}
        </Button>
      )}
    </Card>
  );
}

export function TemplateDetailView({
  template,
  merchants,
  query,
  canEdit,
}: {
  template: TemplateDetail;
  /** One page of the merchants, filtered by `query` on the server. */
  merchants: Paged<TemplateMerchantRow>;
  query: string;
  canEdit: boolean;
}) {
  const t = useT();
  const { go, pending } = usePagedQuery();
  const [search, setSearch] = useState(query);
  const [editing, setEditing] = useState<TemplateMerchantRow | null>(null);
  // The drawer previews with the saved config: the one batches will use.
  const saved = useMemo(() => parseExtTemplate(template.extTemplate), [template.extTemplate]);

  return (
    <>
      <PageHeader
        title={
          <Space>
            {template.name}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 14 }}>
              {t('templates.columns.templateId')} {template.templateId}
            </Typography.Text>
            {template.vanished && <Tag>{t('templates.vanishedTemplate')}</Tag>}
          </Space>
        }
        extra={
          <Link href="/templates">
            <Button icon={<ArrowLeftOutlined />}>{t('templates.detail.back')}</Button>
          </Link>
        }
      />
      <Flex vertical gap={16}>
        <Card
          size="small"
          title={t('templates.detail.versionsTitle')}
          extra={
            <Typography.Text type="secondary">
              {t('templates.columns.latestOnShelf')}：{template.latestOnShelf ?? t('templates.none')}
            </Typography.Text>
          }
        >
          <TemplateVersionsTable templateId={template.templateId} versions={template.versions} canEdit={canEdit} />
        </Card>
        <InstancesCard instances={template.instancePage} />
        <ExtTemplateEditor key={template.extTemplate} template={template} canEdit={canEdit} />
        <Card
          title={t('templates.detail.merchantsTitle')}
          extra={
            <Input.Search
              allowClear
              aria-label={t('common.search')}
              placeholder={t('templates.detail.searchPlaceholder')}
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                // Cleared with the ✕: back to the whole list at once.
                if (!e.target.value && query) go({ q: undefined, page: undefined });
              }}
              onSearch={(v) => go({ q: v.trim() || undefined, page: undefined })}
              style={{ width: 280 }}
            />
          }
        >
          <Table
            rowKey="merchantAppId"
            dataSource={merchants.rows}
            size="middle"
            loading={pending}
            pagination={serverPagination(merchants, (page) => go({ page }))}
            locale={{ emptyText: t('templates.detail.merchantsEmpty') }}
            columns={[
              { title: t('templates.merchants.merchantName'), dataIndex: 'merchantName' },
              { title: t('templates.merchants.appName'), dataIndex: 'appName', render: (v: string | null) => v ?? '—' },
              { title: t('templates.merchants.authAppId'), dataIndex: 'authAppId', render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
              {
                title: t('templates.merchants.ownValues'),
                key: 'own',
                render: (_: unknown, m: TemplateMerchantRow) =>
                  m.own ? <Tag color="blue">{t('templates.merchants.hasOwn')}</Tag> : <Typography.Text type="secondary">{t('templates.merchants.noOwn')}</Typography.Text>,
              },
              { title: t('templates.merchants.currentExt'), key: 'current', render: (_: unknown, m: TemplateMerchantRow) => <CurrentExtTag current={m.current} /> },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, m: TemplateMerchantRow) => (
                  <Button size="small" icon={canEdit ? <EditOutlined /> : <EyeOutlined />} onClick={() => setEditing(m)} aria-label={`${canEdit ? t('templates.merchants.editExt') : t('templates.merchants.viewExt')} ${m.authAppId}`}>
                    {canEdit ? t('templates.merchants.editExt') : t('templates.merchants.viewExt')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      </Flex>
      <MerchantExtDrawer templateId={template.templateId} template={saved} row={editing} canEdit={canEdit} onClose={() => setEditing(null)} />
    </>
  );
}
