'use client';
// New batch: operation and its parameters → mini-programs → pre-flight table → start. The server checks everything
// again on start (parameters, pre-flight, one running batch per mini-program).
import { Alert, App, Button, Flex, Form, Input, Radio, Select, Steps, Table, Tag } from 'antd';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { preflightBatch, startBatchRun } from '@/app/(console)/batches/actions';
import { FormField } from '@/components/form-field';
import { WIZARD_OPERATIONS, type WizardInitial, type WizardOperation } from '@/lib/batches/operations';
import type { PreflightRow } from '@/lib/batches/preflight';
import type { OperableAppRow } from '@/lib/batches/subjects';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';

const CONFIRM_WORDS: Partial<Record<WizardOperation, string>> = { rollback: 'ROLLBACK', offline: 'OFFLINE' };

interface Values {
  operation: WizardOperation;
  templateId: string;
  templateVersion: string;
  ext: string;
  grayStrategy: 'p10' | 'p30' | 'p50';
  logonId: string;
  userId: string;
  servicePhone: string;
  serviceEmail: string;
  confirm: string;
}

function paramsOf(v: Values): Record<string, unknown> {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  switch (v.operation) {
    case 'instantiate':
      return { templateId: v.templateId, templateVersion: v.templateVersion, ext: v.ext };
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
  }
}


export function BatchWizard({ apps, initial = {} }: { apps: OperableAppRow[]; initial?: WizardInitial }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  const [selected, setSelected] = useState<number[]>(() => (initial.merchantAppIds ?? []).filter((id) => apps.some((a) => a.merchantAppId === id)));
  const [rows, setRows] = useState<PreflightRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const form = useForm<Values>({
    defaultValues: {
      operation: initial.operation ?? 'instantiate',
      templateId: initial.templateId ?? '',
      templateVersion: initial.templateVersion ?? '',
      ext: '{"extEnable":true,"ext":{"shopName":"{{merchant.name}}"}}',
      grayStrategy: 'p10',
      logonId: '',
      userId: '',
      servicePhone: '',
      serviceEmail: '',
      confirm: '',
    },
  });
  const operation = useWatch({ control: form.control, name: 'operation' });
  const word = CONFIRM_WORDS[operation];

  const request = () => ({ operation, params: paramsOf(form.getValues()), merchantAppIds: selected });

  const fail = (r: { error: string; params?: Record<string, string | number>; fieldErrors?: Record<string, string> }) => {
    let onField = false;
    for (const [field, msg] of Object.entries(r.fieldErrors ?? {})) {
      const name = field.replace(/^params\./, '') as keyof Values;
      if (name in form.getValues()) {
        form.setError(name, { type: 'server', message: msg });
        onField = true;
      }
    }
    if (onField) setStep(0);
    setError(translateMessage(t, r.error, r.params));
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

  const text = (name: keyof Values, label: string, extra: { textarea?: boolean; placeholder?: string } = {}) => (
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
      {error && <Alert type="error" showIcon message={error} />}

      {step === 0 && (
        <Form layout="vertical" component="div" style={{ maxWidth: 640 }}>
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
                }}
                options={WIZARD_OPERATIONS.map((op) => ({ value: op, label: t(`batches.operations.${op}`) }))}
              />
            )}
          />
          {operation === 'instantiate' && [text('templateId', t('batches.wizard.templateId')), text('templateVersion', t('batches.wizard.templateVersion')), text('ext', t('batches.wizard.ext'), { textarea: true })]}
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
          {word && text('confirm', t('batches.wizard.confirm', { word }), { placeholder: word })}
          <Flex>
            <Button type="primary" onClick={() => setStep(1)}>
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
          <Alert type={willRun ? 'info' : 'warning'} showIcon message={t('batches.wizard.willRun', { n: willRun, skipped: rows.length - willRun })} />
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
