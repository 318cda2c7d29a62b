'use client';
// New batch: operation and its parameters → mini-programs → pre-flight table → start. The server checks everything
// again on start (parameters, pre-flight, one running batch per mini-program). Submitting for audit (alone, or after
// an instantiate's build) carries one audit form for every merchant, checked here with the server's own schema.
import { PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Card, Cascader, Checkbox, Col, Flex, Form, Input, Radio, Row, Select, Space, Steps, Switch, Table, Tag, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition } from 'react';
import { useForm, useWatch, type Control, type FieldPath, type Resolver, type UseFormSetValue } from 'react-hook-form';
import { z } from 'zod';
import { preflightBatch, startBatchRun } from '@/app/(console)/batches/actions';
import { FormField } from '@/components/form-field';
import { PreAuditPanel, toHints } from '@/components/versions/pre-audit-panel';
import { WIZARD_OPERATIONS, type WizardInitial, type WizardOperation } from '@/lib/batches/operations';
import type { PreflightRow } from '@/lib/batches/preflight';
import type { OperableAppRow } from '@/lib/batches/subjects';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { preAuditCheck } from '@/lib/pre-audit';
import type { CategoryNode } from '@/lib/profile/categories';
import { cjkLength } from '@/lib/pre-audit/text';
import { batchAuditFormSchema, SCREENSHOTS_MAX, type StoredImage } from '@/lib/validation/batches';
import { PAGE_CODE_DEFAULTS, PageCodeBatchFields } from '@/components/codes/page-code-batch-fields';

const CONFIRM_WORDS: Partial<Record<WizardOperation, string>> = { rollback: 'ROLLBACK', offline: 'OFFLINE' };
const REGION_TYPES = ['CHINA', 'GLOBAL'] as const;
/** The pre-audit rules a batch-wide form can break; name and categories are each merchant's own (the pre-flight checks those). */
const FORM_PRE_AUDIT_FIELDS = ['appSlogan', 'appDesc', 'servicePhone', 'serviceEmail'] as const;

interface AuditValues {
  versionDesc: string;
  regionType: (typeof REGION_TYPES)[number];
  servicePhone: string;
  serviceEmail: string;
  appSlogan: string;
  appDesc: string;
  memo: string;
  categoryIds: string[];
  screenshots: StoredImage[];
  logo: StoredImage | null;
  autoOnline: boolean;
}

interface Values {
  operation: WizardOperation;
  templateId: string;
  templateVersion: string;
  ext: string;
  /** Instantiate: submit the built version for audit with `audit`. */
  withAudit: boolean;
  audit: AuditValues;
  grayStrategy: 'p10' | 'p30' | 'p50';
  logonId: string;
  userId: string;
  servicePhone: string;
  serviceEmail: string;
  confirm: string;
  /** pageCode: the code's fields, flat so the server's field errors land on them. */
  urlParam: string;
  queryParam: string;
  describe: string;
  size: 's' | 'm' | 'l';
  color: string;
}

const needsAudit = (v: Pick<Values, 'operation' | 'withAudit'>) => v.operation === 'submitAudit' || (v.operation === 'instantiate' && v.withAudit);

// The audit form is checked in the browser with the server's schema, and only when the batch carries one.
const auditResolver = zodResolver(z.looseObject({ audit: batchAuditFormSchema })) as unknown as Resolver<Values>;
const resolver: Resolver<Values> = (values, context, options) => (needsAudit(values) ? auditResolver(values, context, options) : { values, errors: {} });

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
      return {};
    case 'rollback':
    case 'offline':
      return { confirm: v.confirm.trim() };
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

async function storedImages(list: UploadFile[]): Promise<StoredImage[]> {
  return Promise.all(list.filter((f) => f.originFileObj).map(async (f) => ({ fileName: f.name, base64: await readBase64(f.originFileObj!) })));
}

const AUDIT_DEFAULTS: AuditValues = {
  versionDesc: '',
  regionType: 'CHINA',
  servicePhone: '',
  serviceEmail: '',
  appSlogan: '',
  appDesc: '',
  memo: '',
  categoryIds: [],
  screenshots: [],
  logo: null,
  autoOnline: false,
};

/** The shared audit form of a batch: what every merchant's version is submitted with. */
function BatchAuditFields({ control, setValue, categories }: { control: Control<Values>; setValue: UseFormSetValue<Values>; categories: CategoryNode[] }) {
  const t = useT();
  const { message } = App.useApp();
  const [shots, setShots] = useState<UploadFile[]>([]);
  const [logo, setLogo] = useState<UploadFile[]>([]);
  const audit = useWatch({ control, name: 'audit' });

  const hints = useMemo(
    () =>
      toHints(
        t,
        preAuditCheck({ appSlogan: audit.appSlogan || undefined, appDesc: audit.appDesc || undefined, servicePhone: audit.servicePhone || undefined, serviceEmail: audit.serviceEmail || undefined }).filter(
          // An empty field keeps each merchant's own value: only what the form changes is checked here.
          (f) => (FORM_PRE_AUDIT_FIELDS as readonly string[]).includes(f.field) && !!audit[f.field as (typeof FORM_PRE_AUDIT_FIELDS)[number]]?.trim(),
        ),
      ),
    [audit, t],
  );

  /** png/jpg only, read in the browser: nothing is uploaded until the batch starts. */
  const beforeUpload = (file: File) => {
    if (!/^image\/(png|jpeg)$/.test(file.type)) {
      message.error(t('batches.validation.imageType'));
      return Upload.LIST_IGNORE;
    }
    return false;
  };
  const choose = (text: string) => (
    <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
      <PlusOutlined />
      <div style={{ marginTop: 8 }}>{text}</div>
    </button>
  );

  return (
    <Row gutter={24}>
      <Col span={15}>
        <FormField
          control={control}
          name="audit.versionDesc"
          label={t('audit.fields.versionDesc')}
          required
          extra={t('audit.fields.versionDescHelp', { count: cjkLength(audit.versionDesc ?? '') })}
          render={(f) => <Input.TextArea {...f} rows={3} />}
        />
        <FormField
          control={control}
          name="audit.regionType"
          label={t('audit.fields.regionType')}
          required
          render={({ value, onChange, id }) => (
            <Radio.Group id={id} value={value} onChange={(e) => onChange(e.target.value)} options={REGION_TYPES.map((r) => ({ value: r, label: t(`audit.fields.regionTypes.${r}`) }))} />
          )}
        />
        <FormField
          control={control}
          name="audit.screenshots"
          label={t('audit.fields.screenshots')}
          required
          extra={t('batches.wizard.screenshotsHelp')}
          render={({ id }) => (
            <Upload
              id={id}
              listType="picture-card"
              accept="image/png,image/jpeg"
              multiple
              maxCount={SCREENSHOTS_MAX}
              fileList={shots}
              beforeUpload={beforeUpload}
              onChange={({ fileList }) => {
                const list = fileList.slice(0, SCREENSHOTS_MAX);
                setShots(list);
                void storedImages(list).then((images) => setValue('audit.screenshots', images, { shouldValidate: true, shouldDirty: true }));
              }}
            >
              {shots.length < SCREENSHOTS_MAX && choose(t('audit.fields.addScreenshot'))}
            </Upload>
          )}
        />
        <Row gutter={16}>
          <Col span={12}>
            <FormField control={control} name="audit.servicePhone" label={t('audit.fields.servicePhone')} render={(f) => <Input {...f} />} />
          </Col>
          <Col span={12}>
            <FormField control={control} name="audit.serviceEmail" label={t('audit.fields.serviceEmail')} render={(f) => <Input {...f} />} />
          </Col>
        </Row>
        <FormField
          control={control}
          name="audit.categoryIds"
          label={t('audit.fields.categoryIds')}
          extra={t('batches.wizard.keepCurrent')}
          render={({ value, onChange, onBlur, id, status }) => (
            <Cascader
              id={id}
              multiple
              status={status}
              showCheckedStrategy={Cascader.SHOW_CHILD}
              options={categories}
              value={(value ?? []).map((v) => v.split('_'))}
              onChange={(paths) => onChange((paths as string[][]).filter((p) => p.length === 2).map((p) => p.join('_')))}
              onBlur={onBlur}
              style={{ width: '100%' }}
            />
          )}
        />
        <FormField control={control} name="audit.appSlogan" label={t('audit.fields.appSlogan')} extra={t('batches.wizard.keepCurrent')} render={(f) => <Input {...f} />} />
        <FormField control={control} name="audit.appDesc" label={t('audit.fields.appDesc')} extra={t('batches.wizard.keepCurrent')} render={(f) => <Input.TextArea {...f} rows={2} />} />
        <FormField
          control={control}
          name="audit.logo"
          label={t('audit.fields.logo')}
          extra={t('batches.wizard.keepCurrent')}
          render={({ id }) => (
            <Upload
              id={id}
              listType="picture-card"
              accept="image/png,image/jpeg"
              maxCount={1}
              fileList={logo}
              beforeUpload={beforeUpload}
              onChange={({ fileList }) => {
                const list = fileList.slice(-1);
                setLogo(list);
                void storedImages(list).then((images) => setValue('audit.logo', images[0] ?? null, { shouldValidate: true, shouldDirty: true }));
              }}
            >
              {logo.length === 0 && choose(t('audit.fields.chooseLogo'))}
            </Upload>
          )}
        />
        <FormField control={control} name="audit.memo" label={t('audit.fields.memo')} render={(f) => <Input.TextArea {...f} rows={2} />} />
        <FormField
          control={control}
          name="audit.autoOnline"
          extra={t('audit.fields.autoOnlineHelp')}
          render={({ value, onChange, id }) => (
            <Space>
              <Switch id={id} checked={!!value} onChange={onChange} />
              <label htmlFor={id}>{t('audit.fields.autoOnline')}</label>
            </Space>
          )}
        />
      </Col>
      <Col span={9}>
        <PreAuditPanel hints={hints} />
      </Col>
    </Row>
  );
}

export function BatchWizard({ apps, initial = {}, categories = [] }: { apps: OperableAppRow[]; initial?: WizardInitial; categories?: CategoryNode[] }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  const [selected, setSelected] = useState<number[]>(() => (initial.merchantAppIds ?? []).filter((id) => apps.some((a) => a.merchantAppId === id)));
  const [rows, setRows] = useState<PreflightRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const form = useForm<Values>({
    resolver,
    mode: 'onTouched',
    defaultValues: {
      operation: initial.operation ?? 'instantiate',
      templateId: initial.templateId ?? '',
      templateVersion: initial.templateVersion ?? '',
      ext: '{"extEnable":true,"ext":{"shopName":"{{merchant.name}}"}}',
      withAudit: false,
      audit: AUDIT_DEFAULTS,
      grayStrategy: 'p10',
      logonId: '',
      userId: '',
      servicePhone: '',
      serviceEmail: '',
      confirm: '',
      ...PAGE_CODE_DEFAULTS,
    },
  });
  const operation = useWatch({ control: form.control, name: 'operation' });
  const withAudit = useWatch({ control: form.control, name: 'withAudit' });
  const word = CONFIRM_WORDS[operation];
  const audit = needsAudit({ operation, withAudit });

  const request = () => ({ operation, params: paramsOf(form.getValues()), merchantAppIds: selected });

  const fail = (r: { error: string; params?: Record<string, string | number>; fieldErrors?: Record<string, string> }) => {
    let onField = false;
    for (const [field, msg] of Object.entries(r.fieldErrors ?? {})) {
      const name = formFieldOf(field, form.getValues());
      if (name) {
        form.setError(name, { type: 'server', message: msg });
        onField = true;
      }
    }
    if (onField) setStep(0);
    setError(translateMessage(t, r.error, r.params));
  };

  const next = async () => {
    setError(null);
    if (await form.trigger(undefined, { shouldFocus: true })) setStep(1);
  };

  const runPreflight = () =>
    start(async () => {
      setError(null);
      form.clearErrors();
      const r = await preflightBatch(request());
      if (!r.ok) return fail(r);
      setRows(r.data);
      setStep(2);
    });

  const startBatch = () =>
    start(async () => {
      setError(null);
      const r = await startBatchRun(request());
      if (!r.ok) return fail(r);
      message.success(t('batches.new'));
      router.push(`/batches/${r.data.id}`);
    });

  const text = (name: 'templateId' | 'templateVersion' | 'ext' | 'logonId' | 'userId' | 'servicePhone' | 'serviceEmail' | 'confirm', label: string, extra: { textarea?: boolean; placeholder?: string } = {}) => (
    <FormField
      key={name}
      control={form.control}
      name={name}
      label={label}
      render={(field) => (extra.textarea ? <Input.TextArea {...field} rows={5} /> : <Input {...field} placeholder={extra.placeholder} />)}
    />
  );

  const willRun = rows?.filter((r) => !r.skip).length ?? 0;

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
            {operation === 'instantiate' && [
              text('templateId', t('batches.wizard.templateId')),
              text('templateVersion', t('batches.wizard.templateVersion')),
              text('ext', t('batches.wizard.ext'), { textarea: true }),
              <FormField
                key="withAudit"
                control={form.control}
                name="withAudit"
                extra={t('batches.wizard.withAuditHelp')}
                render={({ value, onChange, id }) => (
                  <Checkbox id={id} checked={value} onChange={(e) => onChange(e.target.checked)}>
                    {t('batches.wizard.withAudit')}
                  </Checkbox>
                )}
              />,
            ]}
            {operation === 'submitAudit' && <Alert type="info" showIcon title={t('batches.wizard.submitAuditHelp')} style={{ marginBottom: 16 }} />}
            {operation === 'gray' && (
              <FormField
                control={form.control}
                name="grayStrategy"
                label={t('batches.wizard.grayStrategy')}
                render={(field) => <Radio.Group id={field.id} value={field.value} onChange={field.onChange} options={['p10', 'p30', 'p50'].map((s) => ({ value: s, label: s }))} />}
              />
            )}
            {operation === 'addMember' && text('logonId', t('batches.wizard.logonId'))}
            {operation === 'removeMember' && text('userId', t('batches.wizard.userId'))}
            {operation === 'setServiceContact' && [text('servicePhone', t('batches.wizard.servicePhone')), text('serviceEmail', t('batches.wizard.serviceEmail'))]}
            {operation === 'pageCode' && <PageCodeBatchFields control={form.control} />}
            {word && text('confirm', t('batches.wizard.confirm', { word }), { placeholder: word })}
          </div>
          {audit && (
            <Card size="small" title={t('batches.wizard.auditForm')} style={{ marginBottom: 16 }} data-testid="batch-audit-form">
              <BatchAuditFields control={form.control} setValue={form.setValue} categories={categories} />
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
          <Alert type={willRun ? 'info' : 'warning'} showIcon title={t('batches.wizard.willRun', { n: willRun, skipped: rows.length - willRun })} />
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
                render: (_: unknown, r: PreflightRow) => (r.skip ? <Tag color="warning">{translateMessage(t, r.skip.reason, r.skip.params)}</Tag> : <Tag color="success">{t('batches.wizard.ok')}</Tag>),
              },
            ]}
          />
          <Flex gap={8}>
            <Button onClick={() => setStep(1)}>{t('batches.wizard.back')}</Button>
            <Button type="primary" disabled={!willRun} loading={pending} onClick={startBatch}>
              {t('batches.wizard.startBatch')}
            </Button>
          </Flex>
        </Flex>
      )}
    </Flex>
  );
}
