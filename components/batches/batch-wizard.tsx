'use client';
// New batch: operation and its parameters → mini-programs → pre-flight (who runs, who is skipped and what the
// platform would answer) → for a rollback or offline batch, the typed confirmation → start. The server checks
// everything again on start. Submitting for audit (alone, or after an instantiate's build) carries one audit form,
// the single version's form without the names (components/versions/audit-form-fields.tsx); the contact stays each
// merchant's own unless staff choose to set one for all.
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, List, Radio, Select, Steps, Table, Tag, Typography } from 'antd';
import type { UploadFile } from 'antd';
import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition } from 'react';
import { useForm, useWatch, type Control, type FieldPath, type FieldValues, type Resolver, type UseFormSetValue } from 'react-hook-form';
import { z } from 'zod';
import { preflightBatch, startBatchRun } from '@/app/(console)/batches/actions';
import { FormField } from '@/components/form-field';
import { applyFieldErrors } from '@/components/form-modal';
import { AuditFormFields } from '@/components/versions/audit-form-fields';
import { AUDIT_FORM_DEFAULTS } from '@/lib/validation/audit-form';
import { refusalHints, refusalText } from '@/components/versions/pre-audit-panel';
import { stepsOf, WIZARD_OPERATIONS, type WizardInitial, type WizardOperation } from '@/lib/batches/operations';
import type { ActionResult } from '@/lib/actions/result';
import type { PreflightRow } from '@/lib/batches/preflight';
import type { OperableAppRow } from '@/lib/batches/data';
import type { TemplateChoice } from '@/lib/batches/template-choices';
import { translateMessage, type Params } from '@/lib/i18n/core';
import { useI18n } from '@/lib/i18n/client';
import { refusalsOf, type AUDIT_RULES } from '@/lib/pre-audit/acceptance';
import { auditPlanOf } from '@/lib/pre-audit/form-plan';
import type { CategoryNode } from '@/lib/profile/categories';
import { batchAuditFormSchema, CONFIRMATION_WORDS, isConfirmed, needsConfirmation, type BatchAuditFormInput, type BatchParams, type StoredImage } from '@/lib/validation/batches';
import { PAGE_CODE_DEFAULTS, PageCodeBatchFields } from '@/components/codes/page-code-batch-fields';

type AuditValues = Required<Omit<BatchAuditFormInput, 'logo'>> & { logo: StoredImage | null };

interface Values {
  operation: WizardOperation;
  templateId: string;
  templateVersion: string;
  /** Empty: the template's stored ext config, rendered per merchant. */
  ext: string;
  /** Instantiate: submit the built version for audit with `audit`. */
  withAudit: boolean;
  audit: AuditValues;
  grayStrategy: 'p10' | 'p30' | 'p50';
  /** online: allow a restricted release where the mini-program has no ICP filing. */
  permitRegistrationLimitRelease: boolean;
  logonId: string;
  userId: string;
  servicePhone: string;
  serviceEmail: string;
  /** pageCode: the code's fields, flat so the server's field errors land on them. */
  urlParam: string;
  queryParam: string;
  describe: string;
  size: 's' | 'm' | 'l';
  color: string;
}

const needsAudit = (v: Pick<Values, 'operation' | 'withAudit'>) => v.operation === 'submitAudit' || (v.operation === 'instantiate' && v.withAudit);

// The browser checks the step's own fields with the server's schemas: the audit form, and the template choice.
const auditResolver = zodResolver(z.looseObject({ audit: batchAuditFormSchema })) as unknown as Resolver<Values>;
const templateResolver = zodResolver(z.looseObject({ templateId: z.string().regex(/^\d{1,32}$/, 'batches.validation.templateId') })) as unknown as Resolver<Values>;
const resolver: Resolver<Values> = async (values, context, options) => {
  const results = await Promise.all([
    values.operation === 'instantiate' ? templateResolver(values, context, options) : null,
    needsAudit(values) ? auditResolver(values, context, options) : null,
  ]);
  const errors = Object.assign({}, ...results.map((r) => r?.errors ?? {}));
  return Object.keys(errors).length ? { values: {}, errors } : { values, errors: {} };
};

function paramsOf(v: Values): Record<string, unknown> {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  switch (v.operation) {
    case 'instantiate':
      return { templateId: v.templateId, templateVersion: v.templateVersion, ext: v.ext, audit: v.withAudit ? v.audit : undefined };
    case 'submitAudit':
      return { audit: v.audit };
    case 'gray':
      return { grayStrategy: v.grayStrategy };
    case 'online':
      return { permitRegistrationLimitRelease: v.permitRegistrationLimitRelease };
    case 'rollback':
    case 'offline':
      return {};
    case 'addMember':
      return { logonId: v.logonId, role: 'EXPERIENCER' };
    case 'removeMember':
      return { userId: v.userId, role: 'EXPERIENCER' };
    case 'setServiceContact':
      return { servicePhone: opt(v.servicePhone), serviceEmail: opt(v.serviceEmail) };
    case 'pageCode':
      return { urlParam: v.urlParam, queryParam: v.queryParam, describe: v.describe, size: v.size, color: v.color };
  }
}

/** A field of the server's answer (`params.audit.screenshots.1.fileName`) as the form field that shows it. */
function formFieldOf(field: string, values: Values): FieldPath<Values> | null {
  const path = field.replace(/^params\./, '').split('.');
  if (!(path[0] in values)) return null;
  return (path[0] === 'audit' ? path.slice(0, 2) : path.slice(0, 1)).join('.') as FieldPath<Values>;
}

function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

const storedImage = async (f: UploadFile): Promise<StoredImage> => ({ fileName: f.name, base64: await readBase64(f.originFileObj!) });

const AUDIT_DEFAULTS: AuditValues = AUDIT_FORM_DEFAULTS;

/** The rules a batch-wide form can break by itself; names, categories and contacts are checked per merchant in the pre-flight. */
const FORM_RULES: (keyof typeof AUDIT_RULES)[] = ['versionDesc', 'region', 'slogan', 'desc', 'memo', 'screenshots', 'testAccount', 'reviewer'];

function BatchAuditFields({
  control,
  setValue,
  categories,
  rows,
}: {
  control: Control<Values>;
  setValue: UseFormSetValue<Values>;
  categories: CategoryNode[];
  /** The last pre-flight of the selected merchants, when the operator came back to fix the form. */
  rows: PreflightRow[] | null;
}) {
  const { t } = useI18n();
  const audit = useWatch({ control, name: 'audit' });
  const hints = useMemo(() => {
    const set = audit.contact === 'set';
    const rules = [...FORM_RULES, ...(set ? (['contact'] as const) : []), ...(audit.categoryIds?.length ? (['categories'] as const) : [])];
    const refusals = refusalsOf(rules, {
      plan: auditPlanOf(audit),
      current: {},
      categoryTree: categories,
    });
    return refusalHints(t, refusals);
  }, [audit, categories, t]);
  return (
    <AuditFormFields
      control={control as unknown as Control<FieldValues>}
      setValue={setValue as unknown as UseFormSetValue<FieldValues>}
      prefix="audit."
      mode="batch"
      categories={categories}
      hints={hints}
      panelNote={
        <>
          <Alert type="info" showIcon title={t(hints.length ? 'batches.wizard.perMerchantNote' : 'batches.wizard.formClean')} style={{ marginBottom: 8 }} />
          {rows && <PreflightSummary rows={rows} />}
        </>
      }
      toImage={storedImage}
    />
  );
}

/** The pre-flight's findings over the selected mini-programs, grouped by what the platform would answer. */
function PreflightSummary({ rows }: { rows: PreflightRow[] }) {
  const { t } = useI18n();
  const groups = new Map<string, number>();
  for (const r of rows) if (r.skip) groups.set(skipText(t, r.skip), (groups.get(skipText(t, r.skip)) ?? 0) + 1);
  return (
    <Card size="small" title={t('batches.wizard.summaryTitle', { n: rows.length })} data-testid="preflight-summary" style={{ marginBottom: 8 }}>
      {groups.size === 0 ? (
        <Alert type="success" showIcon title={t('batches.wizard.summaryAllOk')} />
      ) : (
        <List
          size="small"
          dataSource={[...groups.entries()].sort((a, b) => b[1] - a[1])}
          renderItem={([text, n]) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Typography.Text>
                <Tag color="warning">{t('batches.wizard.summaryCount', { n })}</Tag>
                {text}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

const skipText = (t: ReturnType<typeof useI18n>['t'], skip: NonNullable<PreflightRow['skip']>) =>
  skip.code ? refusalText(t, { code: skip.code, message: skip.reason, params: skip.params }) : translateMessage(t, skip.reason, skip.params);

export function BatchWizard({
  apps,
  templates = [],
  initial = {},
  categories = [],
}: {
  apps: OperableAppRow[];
  templates?: TemplateChoice[];
  initial?: WizardInitial;
  categories?: CategoryNode[];
}) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  const [selected, setSelected] = useState<number[]>(() => (initial.merchantAppIds ?? []).filter((id) => apps.some((a) => a.merchantAppId === id)));
  const [rows, setRows] = useState<PreflightRow[] | null>(null);
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const form = useForm<Values>({
    resolver,
    mode: 'onTouched',
    defaultValues: {
      operation: initial.operation ?? 'instantiate',
      templateId: initial.templateId ?? (templates.length === 1 ? templates[0].templateId : ''),
      templateVersion: initial.templateVersion ?? '',
      ext: '',
      withAudit: false,
      audit: AUDIT_DEFAULTS,
      grayStrategy: 'p10',
      permitRegistrationLimitRelease: false,
      logonId: '',
      userId: '',
      servicePhone: '',
      serviceEmail: '',
      ...PAGE_CODE_DEFAULTS,
    },
  });
  const operation = useWatch({ control: form.control, name: 'operation' });
  const withAudit = useWatch({ control: form.control, name: 'withAudit' });
  const templateId = useWatch({ control: form.control, name: 'templateId' });
  const template = templates.find((tp) => tp.templateId === templateId);
  const word = needsConfirmation(operation) ? CONFIRMATION_WORDS[operation][locale] : null;
  const audit = needsAudit({ operation, withAudit });

  const request = () => ({ operation, params: paramsOf(form.getValues()), merchantAppIds: selected });

  // The server's field paths (params.audit.…) mapped onto the wizard's fields, then placed as every form places them.
  const fail = (r: Extract<ActionResult<unknown>, { ok: false }>) => {
    const values = form.getValues();
    const fieldErrors = Object.fromEntries(
      Object.entries(r.fieldErrors ?? {}).flatMap(([field, msg]) => {
        const name = formFieldOf(field, values);
        return name ? [[name, msg]] : [];
      }),
    );
    const translate = (m: string, p?: Params) => translateMessage(t, m, p);
    if (applyFieldErrors({ ...r, fieldErrors }, form.setError, translate)) setStep(0);
    setError(translate(r.error, r.params));
  };

  const next = async () => {
    setError(null);
    if (await form.trigger(undefined, { shouldFocus: true })) setStep(1);
  };

  const runPreflight = () =>
    start(async () => {
      setError(null);
      setConfirm('');
      form.clearErrors();
      const r = await preflightBatch(request());
      if (!r.ok) return fail(r);
      setRows(r.data);
      setStep(2);
    });

  const startBatch = () =>
    start(async () => {
      setError(null);
      const r = await startBatchRun({ ...request(), confirm: word ? confirm : undefined });
      if (!r.ok) return fail(r);
      message.success(t('batches.new'));
      router.push(`/batches/${r.data.id}`);
    });

  const text = (name: 'logonId' | 'userId' | 'servicePhone' | 'serviceEmail', label: string) => (
    <FormField key={name} control={form.control} name={name} label={label} render={(field) => <Input {...field} />} />
  );

  const willRun = rows?.filter((r) => !r.skip).length ?? 0;
  const confirmed = !word || (needsConfirmation(operation) && isConfirmed(operation, confirm));
  const chain = stepsOf(operation, paramsOf(form.getValues()) as BatchParams[typeof operation])
    .map((s) => t(`batches.steps.${s}`))
    .join(' → ');

  return (
    <Flex vertical gap={24}>
      <Steps current={step} items={[{ title: t('batches.wizard.operation') }, { title: t('batches.wizard.merchants') }, { title: t('batches.wizard.preflight') }]} />
      {error && <Alert type="error" showIcon title={error} />}

      {step === 0 && (
        <Form layout="vertical" component="div" style={{ maxWidth: audit ? 1040 : 640 }}>
          <div style={{ maxWidth: 640 }}>
            <FormField
              control={form.control}
              name="operation"
              label={t('batches.wizard.operation')}
              render={(field) => (
                <Select
                  id={field.id}
                  value={field.value}
                  onChange={(v) => {
                    field.onChange(v);
                    setRows(null);
                    form.clearErrors();
                  }}
                  options={WIZARD_OPERATIONS.map((op) => ({ value: op, label: t(`batches.operations.${op}`) }))}
                />
              )}
            />
            {operation === 'instantiate' && (
              <>
                <FormField
                  control={form.control}
                  name="templateId"
                  label={t('batches.wizard.template')}
                  extra={templates.length ? undefined : t('batches.wizard.noTemplates')}
                  render={({ value, onChange, onBlur, id, status }) => (
                    <Select
                      id={id}
                      value={value || undefined}
                      status={status}
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder={t('batches.wizard.chooseTemplate')}
                      onChange={(v) => {
                        onChange(v);
                        form.setValue('templateVersion', '');
                      }}
                      onBlur={onBlur}
                      options={templates.map((tp) => ({ value: tp.templateId, label: `${tp.name}（${tp.templateId}）` }))}
                    />
                  )}
                />
                <FormField
                  control={form.control}
                  name="templateVersion"
                  label={t('batches.wizard.templateVersionLabel')}
                  render={({ value, onChange, id }) => (
                    <Select
                      id={id}
                      value={value}
                      onChange={onChange}
                      disabled={!template}
                      options={[
                        { value: '', label: t('batches.wizard.latestOnShelf', { version: template?.versions.find((v) => v.onShelf)?.version ?? '—' }) },
                        ...(template?.versions ?? []).map((v) => ({ value: v.version, label: `${v.version} · ${t(v.onShelf ? 'batches.wizard.onShelf' : 'batches.wizard.offShelf')}` })),
                      ]}
                    />
                  )}
                />
                <FormField
                  control={form.control}
                  name="ext"
                  label={t('batches.wizard.extLabel')}
                  extra={t('batches.wizard.extHelp')}
                  render={(field) => <Input.TextArea {...field} rows={4} placeholder={template?.extTemplate && template.extTemplate !== '{}' ? template.extTemplate : t('batches.wizard.extEmpty')} />}
                />
                <FormField
                  control={form.control}
                  name="withAudit"
                  extra={t('batches.wizard.withAuditHelp')}
                  render={({ value, onChange, id }) => (
                    <Checkbox id={id} checked={value} onChange={(e) => onChange(e.target.checked)}>
                      {t('batches.wizard.withAudit')}
                    </Checkbox>
                  )}
                />
              </>
            )}
            {operation === 'submitAudit' && <Alert type="info" showIcon title={t('batches.wizard.submitAuditHelp')} style={{ marginBottom: 16 }} />}
            {operation === 'gray' && (
              <FormField
                control={form.control}
                name="grayStrategy"
                label={t('batches.wizard.grayStrategy')}
                render={(field) => <Radio.Group id={field.id} value={field.value} onChange={field.onChange} options={['p10', 'p30', 'p50'].map((s) => ({ value: s, label: s }))} />}
              />
            )}
            {operation === 'online' && (
              <FormField
                control={form.control}
                name="permitRegistrationLimitRelease"
                extra={t('icp.batchHelp')}
                render={(field) => (
                  <Checkbox id={field.id} checked={!!field.value} onChange={(e) => field.onChange(e.target.checked)}>
                    {t('icp.batchPermit')}
                  </Checkbox>
                )}
              />
            )}
            {operation === 'addMember' && text('logonId', t('batches.wizard.logonId'))}
            {operation === 'removeMember' && text('userId', t('batches.wizard.userId'))}
            {operation === 'setServiceContact' && [text('servicePhone', t('batches.wizard.servicePhone')), text('serviceEmail', t('batches.wizard.serviceEmail'))]}
            {operation === 'pageCode' && <PageCodeBatchFields control={form.control} />}
            {word && <Alert type="warning" showIcon title={t('batches.wizard.confirmLater', { word })} style={{ marginBottom: 16 }} />}
          </div>
          {audit && (
            <Card size="small" title={t('batches.wizard.auditForm')} style={{ marginBottom: 16 }} data-testid="batch-audit-form">
              <BatchAuditFields control={form.control} setValue={form.setValue} categories={categories} rows={rows} />
            </Card>
          )}
          <Flex>
            <Button type="primary" onClick={next}>
              {t('batches.wizard.next')}
            </Button>
          </Flex>
        </Form>
      )}

      {step === 1 && (
        <Flex vertical gap={12}>
          <Table
            rowKey="merchantAppId"
            size="small"
            dataSource={apps}
            locale={{ emptyText: t('batches.wizard.noApps') }}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)), preserveSelectedRowKeys: true }}
            columns={[
              { title: t('batches.columns.merchant'), dataIndex: 'merchantName' },
              { title: t('batches.columns.miniApp'), dataIndex: 'appName' },
              { title: 'App ID', dataIndex: 'authAppId' },
            ]}
          />
          <Flex gap={8}>
            <Button onClick={() => setStep(0)}>{t('batches.wizard.back')}</Button>
            <Button type="primary" disabled={!selected.length} loading={pending} onClick={runPreflight}>
              {t('batches.wizard.runPreflight')}
            </Button>
          </Flex>
        </Flex>
      )}

      {step === 2 && rows && (
        <Flex vertical gap={12}>
          <Alert
            type={willRun ? 'info' : 'warning'}
            showIcon
            title={t('batches.wizard.willRun', { n: willRun, skipped: rows.length - willRun })}
            description={t('batches.wizard.chain', { steps: chain })}
          />
          <PreflightSummary rows={rows} />
          <Table
            rowKey="authAppId"
            size="small"
            dataSource={rows}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            columns={[
              { title: t('batches.columns.merchant'), dataIndex: 'merchantName' },
              { title: t('batches.columns.miniApp'), dataIndex: 'authAppId' },
              { title: t('batches.columns.version'), dataIndex: 'appVersion' },
              {
                title: t('batches.wizard.willSkip'),
                key: 'skip',
                render: (_: unknown, r: PreflightRow) =>
                  r.skip ? (
                    <Typography.Text>
                      <Tag color="warning">{t('batches.wizard.skipped')}</Tag>
                      {skipText(t, r.skip)}
                    </Typography.Text>
                  ) : (
                    <Tag color="success">{t('batches.wizard.ok')}</Tag>
                  ),
              },
            ]}
          />
          {word && willRun > 0 && (
            <Card size="small" title={t('batches.wizard.confirmTitle')} data-testid="batch-confirm">
              <Typography.Paragraph>{t('batches.wizard.confirmHelp', { n: willRun, operation: t(`batches.operations.${operation}`), word })}</Typography.Paragraph>
              <Form layout="vertical" component="div">
                <Form.Item label={t('batches.wizard.confirm', { word })} htmlFor="batch-confirm-word" style={{ maxWidth: 320, marginBottom: 0 }}>
                  <Input id="batch-confirm-word" value={confirm} placeholder={word} autoComplete="off" onChange={(e) => setConfirm(e.target.value)} />
                </Form.Item>
              </Form>
            </Card>
          )}
          <Flex gap={8}>
            <Button onClick={() => setStep(1)}>{t('batches.wizard.back')}</Button>
            <Button type="primary" danger={!!word} disabled={!willRun || !confirmed} loading={pending} onClick={startBatch}>
              {t('batches.wizard.startBatch')}
            </Button>
          </Flex>
        </Flex>
      )}
    </Flex>
  );
}
