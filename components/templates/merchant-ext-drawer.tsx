'use client';
// One mini-program's own ext values for a template: custom fields, an override, a live preview rendered with the
// same renderExt the batch engine uses, and a line diff against the ext it runs now.
import { Alert, Button, Divider, Drawer, Flex, Form, Input, Space, Tag, Typography, theme } from 'antd';
import { useWatch } from 'react-hook-form';
import { saveMerchantExt } from '@/app/(console)/templates/actions';
import { FormField } from '@/components/form-field';
import { FormError, useFormModal } from '@/components/form-modal';
import { customFieldsOf, renderExt, type JsonValue, type parseExtTemplate, type ParsedExtTemplate } from '@/lib/batches/ext-template';
import { useT } from '@/lib/i18n/client';
import { hasChanges, lineDiff, type DiffLine } from '@/lib/templates/diff';
import type { CurrentExt, TemplateMerchantRow } from '@/lib/templates/data';
import { merchantExtSchema, type MerchantExtInput } from '@/lib/validation/templates';

export const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 } as const;

export function CurrentExtTag({ current }: { current: CurrentExt | null }) {
  const t = useT();
  if (!current) return <Typography.Text type="secondary">{t('templates.merchants.noExt')}</Typography.Text>;
  return (
    <Space size={4}>
      <Typography.Text>{current.appVersion}</Typography.Text>
      <Tag color={current.status === 'RELEASE' ? 'green' : current.status === 'GRAY' ? 'orange' : undefined}>{t(`templates.status.${current.status ?? 'unknown'}`)}</Tag>
    </Space>
  );
}

export function ExtDiff({ lines, testId = 'ext-diff' }: { lines: DiffLine[]; testId?: string }) {
  const { token } = theme.useToken();
  const style = (kind: DiffLine['kind']) =>
    kind === 'added' ? { background: token.colorSuccessBg, color: token.colorSuccessText } : kind === 'removed' ? { background: token.colorErrorBg, color: token.colorErrorText } : undefined;
  return (
    <pre data-testid={testId} style={{ ...MONO, margin: 0, padding: 8, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius, overflow: 'auto', maxHeight: 360 }}>
      {lines.map((l, i) => (
        <div key={i} data-kind={l.kind} style={style(l.kind)}>
          {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}
          {l.text}
        </div>
      ))}
    </pre>
  );
}

function parseOverride(text: string): { value: Record<string, JsonValue> | undefined; valid: boolean } {
  if (!text.trim()) return { value: undefined, valid: true };
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return { value: v as Record<string, JsonValue>, valid: true };
  } catch {
    // shown below as invalid
  }
  return { value: undefined, valid: false };
}

function valuesOf(templateId: string, row: TemplateMerchantRow | null, fields: string[]): MerchantExtInput {
  const custom = Object.fromEntries(fields.map((f) => [f, row?.own?.custom[f] ?? '']));
  return { templateId, merchantAppId: row?.merchantAppId ?? 0, custom, override: row?.own?.override ? JSON.stringify(row.own.override, null, 2) : '' };
}

export function MerchantExtDrawer({
  templateId,
  template,
  row,
  canEdit,
  onClose,
}: {
  templateId: string;
  /** The saved template-level config, parsed (or why it does not parse). */
  template: ReturnType<typeof parseExtTemplate>;
  row: TemplateMerchantRow | null;
  canEdit: boolean;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Drawer
      open={row !== null}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={row ? t('templates.drawer.title', { merchant: row.merchantName, app: row.appName ?? row.authAppId }) : ''}
    >
      {row && <MerchantExtForm key={row.merchantAppId} templateId={templateId} template={template} row={row} canEdit={canEdit} onClose={onClose} />}
    </Drawer>
  );
}

function MerchantExtForm({
  templateId,
  template,
  row,
  canEdit,
  onClose,
}: {
  templateId: string;
  template: ReturnType<typeof parseExtTemplate>;
  row: TemplateMerchantRow;
  canEdit: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const parsed: ParsedExtTemplate | null = template.ok ? template.template : null;
  const fields = parsed ? customFieldsOf(parsed) : [];
  const form = useFormModal({
    schema: merchantExtSchema,
    defaultValues: () => valuesOf(templateId, row, fields),
    action: saveMerchantExt,
    success: t('templates.drawer.saved'),
    onSuccess: onClose,
  });
  const { control } = form;

  const custom = useWatch({ control, name: 'custom' });
  const overrideText = useWatch({ control, name: 'override' }) ?? '';
  const override = parseOverride(overrideText);
  const values = Object.fromEntries(Object.entries(custom ?? {}).map(([k, v]) => [k, (v ?? '').trim()]));
  const preview = parsed
    ? renderExt(parsed, {
        merchant: { name: row.merchantName, phone: row.merchantPhone, email: row.merchantEmail, contact: row.merchantContact },
        miniApp: { appId: row.authAppId, name: row.appName },
        custom: values,
        override: override.value,
      })
    : null;
  const diff = preview?.ok ? lineDiff(row.current?.ext ?? null, preview.ext) : null;

  return (
    <>
      <FormError form={form} style={{ marginBottom: 16 }} />
      {!canEdit && <Alert type="info" showIcon title={t('templates.drawer.readOnly')} style={{ marginBottom: 16 }} />}
      {!parsed && <Alert type="error" showIcon title={t('templates.drawer.templateInvalid')} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" component="div" disabled={!canEdit}>
        <Typography.Title level={5}>{t('templates.drawer.customTitle')}</Typography.Title>
        {fields.length === 0 && <Typography.Paragraph type="secondary">{t('templates.detail.noCustomFields')}</Typography.Paragraph>}
        {fields.map((f) => (
          <FormField
            key={f}
            control={control}
            name={`custom.${f}`}
            label={<span style={MONO}>{`{{custom.${f}}}`}</span>}
            render={(field) => <Input {...field} value={field.value ?? ''} maxLength={500} />}
          />
        ))}
        <FormField
          control={control}
          name="override"
          label={t('templates.drawer.override')}
          render={(field) => (
            <Input.TextArea
              {...field}
              rows={4}
              spellCheck={false}
              placeholder={t('templates.drawer.overridePlaceholder')}
              status={override.valid ? field.status : 'error'}
              style={MONO}
            />
          )}
        />
      </Form>
      {!override.valid && <Alert type="warning" showIcon title={t('templates.validation.overrideNotObject')} style={{ marginBottom: 16 }} />}
      <Divider style={{ margin: '8px 0 16px' }} />
      <Flex vertical gap={12}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('templates.drawer.preview')}
        </Typography.Title>
        {preview && !preview.ok && (
          <Alert data-testid="ext-missing" type="warning" showIcon title={t('templates.drawer.missing', { variable: preview.error.variable })} />
        )}
        {preview?.ok && (
          <pre data-testid="ext-preview" style={{ ...MONO, margin: 0, padding: 8, background: 'rgba(0,0,0,0.02)', borderRadius: 6, overflow: 'auto', maxHeight: 360 }}>
            {JSON.stringify(JSON.parse(preview.ext), null, 2)}
          </pre>
        )}
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('templates.drawer.diff')}
        </Typography.Title>
        {row.current ? (
          <Typography.Text type="secondary">{t('templates.drawer.diffAgainst', { version: row.current.appVersion, status: t(`templates.status.${row.current.status ?? 'unknown'}`) })}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('templates.drawer.noExtOnRecord')}</Typography.Text>
        )}
        {diff && !hasChanges(diff) && <Alert type="success" showIcon title={t('templates.drawer.identical')} />}
        {diff && <ExtDiff lines={diff} />}
        {canEdit && (
          <Space style={{ marginTop: 8 }}>
            <Button type="primary" onClick={() => void form.submit()} loading={form.submitting}>
              {t('common.save')}
            </Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </Space>
        )}
      </Flex>
    </>
  );
}
