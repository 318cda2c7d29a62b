'use client';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { createSandboxTemplate, putTemplateVersion, setTemplateQrHosts } from '@/app/(console)/sandbox/actions';
import { newTemplateSchema, templateVersionSchema } from '@/lib/sandbox/control-page/schemas';
import { FormField } from '@/components/form-field';
import { FormModal, useFormModal } from '@/components/form-modal';
import { useT } from '@/lib/i18n/client';
import { at } from './format';
import { PatternRouteForm } from './pattern-route-form';
import type { TemplateView } from './types';
import { useActionRunner } from './use-action-runner';

type VersionRow = TemplateView['versions'][number];

export function TemplatesPanel({ templates, canEdit }: { templates: TemplateView[]; canEdit: boolean }) {
  const t = useT();
  const [adding, setAdding] = useState<TemplateView | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={16}>
        <Typography.Text type="secondary">{t('sandbox.templates.help')}</Typography.Text>
        {canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('sandbox.templates.create')}
          </Button>
        )}
      </Flex>
      {templates.map((tpl) => (
        <Card
          key={tpl.templateId}
          data-testid={`sandbox-template-${tpl.templateId}`}
          size="small"
          title={
            <Flex gap={8} align="center">
              {tpl.name}
              <Typography.Text type="secondary" copyable style={{ fontWeight: 'normal' }}>
                {tpl.templateId}
              </Typography.Text>
              {tpl.ownedByIsv ? <Tag color="blue">{t('sandbox.templates.ours')}</Tag> : <Tag>{t('sandbox.templates.foreign')}</Tag>}
            </Flex>
          }
          extra={
            canEdit && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(tpl)}>
                {t('sandbox.templates.addVersion')}
              </Button>
            )
          }
        >
          <VersionTable template={tpl} canEdit={canEdit} />
          <QrHosts key={tpl.qrHosts.join(',')} template={tpl} canEdit={canEdit} />
        </Card>
      ))}
      {canEdit && <PatternRouteForm />}
      {adding && <AddVersionModal template={adding} onClose={() => setAdding(null)} />}
      {creating && <CreateTemplateModal onClose={() => setCreating(false)} />}
    </Flex>
  );
}

function VersionTable({ template, canEdit }: { template: TemplateView; canEdit: boolean }) {
  const t = useT();
  const { run, pending } = useActionRunner();
  const rows = [...template.versions].reverse();
  return (
    <Table<VersionRow>
      size="small"
      rowKey="version"
      dataSource={rows}
      pagination={false}
      loading={pending}
      columns={[
        { title: t('sandbox.templates.version'), dataIndex: 'version', width: 140 },
        {
          title: t('sandbox.templates.shelf'),
          dataIndex: 'onShelf',
          width: 160,
          render: (onShelf: boolean, r) =>
            canEdit ? (
              <Switch
                size="small"
                checked={onShelf}
                checkedChildren={t('sandbox.templates.onShelf')}
                unCheckedChildren={t('sandbox.templates.offShelf')}
                aria-label={t('sandbox.templates.toggleShelf', { version: r.version })}
                onChange={(on) => run(() => putTemplateVersion({ templateId: template.templateId, version: r.version, onShelf: on }))}
              />
            ) : (
              <Tag color={onShelf ? 'green' : undefined}>{onShelf ? t('sandbox.templates.onShelf') : t('sandbox.templates.offShelf')}</Tag>
            ),
        },
        { title: t('common.createdAt'), dataIndex: 'createdAt', render: at },
      ]}
    />
  );
}

function AddVersionModal({ template, onClose }: { template: TemplateView; onClose: () => void }) {
  const t = useT();
  const form = useFormModal({
    schema: templateVersionSchema,
    defaultValues: () => ({ templateId: template.templateId, version: '', onShelf: true }),
    action: putTemplateVersion,
    report: 'toast',
    refresh: false,
    onSuccess: onClose,
  });
  return (
    <FormModal form={form} open title={`${t('sandbox.templates.addVersion')} · ${template.name}`} okText={t('common.save')} onClose={onClose}>
        <FormField
          control={form.control}
          name="version"
          label={t('sandbox.templates.version')}
          required
          extra={t('sandbox.templates.versionHelp')}
          render={(f) => <Input {...f} placeholder="1.2.0" />}
        />
        <FormField
          control={form.control}
          name="onShelf"
          label={t('sandbox.templates.shelf')}
          render={({ value, onChange, id }) => (
            <Switch id={id} checked={value} onChange={onChange} checkedChildren={t('sandbox.templates.onShelf')} unCheckedChildren={t('sandbox.templates.offShelf')} />
          )}
        />
    </FormModal>
  );
}

function CreateTemplateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const form = useFormModal({
    schema: newTemplateSchema,
    defaultValues: () => ({ name: '' }),
    action: createSandboxTemplate,
    report: 'toast',
    refresh: false,
    onSuccess: onClose,
  });
  return (
    <FormModal form={form} open title={t('sandbox.templates.create')} okText={t('common.save')} onClose={onClose}>
        <FormField control={form.control} name="name" label={t('sandbox.templates.name')} required render={(f) => <Input {...f} maxLength={40} />} />
    </FormModal>
  );
}

function QrHosts({ template, canEdit }: { template: TemplateView; canEdit: boolean }) {
  const t = useT();
  const { run, pending } = useActionRunner();
  const [hosts, setHosts] = useState(template.qrHosts);
  return (
    <Flex vertical gap={4} style={{ marginTop: 12 }}>
      <Typography.Text strong>{t('sandbox.templates.qrHosts')}</Typography.Text>
      <Typography.Text type="secondary">{t('sandbox.templates.qrHostsHelp')}</Typography.Text>
      <Flex gap={8}>
        <Select
          mode="tags"
          aria-label={`${t('sandbox.templates.qrHosts')} ${template.templateId}`}
          value={hosts}
          onChange={setHosts}
          disabled={!canEdit}
          placeholder={t('sandbox.templates.qrHostsPlaceholder')}
          style={{ flex: 1 }}
          open={false}
        />
        {canEdit && (
          <Button loading={pending} onClick={() => run(() => setTemplateQrHosts({ templateId: template.templateId, hosts }))}>
            {t('sandbox.templates.saveQrHosts')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
