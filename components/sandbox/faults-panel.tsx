'use client';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Col, Flex, Input, InputNumber, Popconfirm, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { addFault, removeFault } from '@/app/(console)/sandbox/actions';
import { faultRuleSchema, type FaultRuleInput } from '@/lib/sandbox/control-page/schemas';
import { FormField } from '@/components/form-field';
import { FormModal, useFormModal } from '@/components/form-modal';
import { useT } from '@/lib/i18n/client';
import type { FaultRuleView } from './types';
import { useActionRunner } from './use-action-runner';

type Row = FaultRuleView & { index: number };

export function FaultsPanel({ rules, methods, canEdit }: { rules: FaultRuleView[]; methods: string[]; canEdit: boolean }) {
  const t = useT();
  const { run, pending } = useActionRunner();
  const [adding, setAdding] = useState(false);
  const effects = (r: FaultRuleView) => {
    const out: string[] = [];
    if (r.latencyMs || r.jitterMs) out.push(t('sandbox.faults.latencyValue', { fixed: r.latencyMs, jitter: r.jitterMs }));
    if (r.errorRate > 0) out.push(t('sandbox.faults.errorValue', { percent: Math.round(r.errorRate * 1000) / 10, subCode: r.errorSubCode ?? 'isp.unknow-error' }));
    if (r.hang) out.push(t('sandbox.faults.hang'));
    if (r.oddAnswers) out.push(t('sandbox.faults.oddAnswers'));
    if (r.rps) out.push(t('sandbox.faults.rpsValue', { rps: r.rps }));
    return out;
  };
  return (
    <>
      <Flex justify="space-between" align="center" gap={16} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('sandbox.faults.help')}</Typography.Text>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('sandbox.faults.add')}
          </Button>
        )}
      </Flex>
      {rules.length > 0 && <Alert type="warning" showIcon title={t('sandbox.faults.activeWarning')} style={{ marginBottom: 12 }} />}
      <Table<Row>
        size="small"
        rowKey="index"
        dataSource={rules.map((r, index) => ({ ...r, index }))}
        loading={pending}
        pagination={false}
        locale={{ emptyText: t('sandbox.faults.none') }}
        columns={[
          {
            title: t('sandbox.faults.method'),
            dataIndex: 'method',
            render: (m: string) => (m === '*' ? <Tag color="orange">{t('sandbox.faults.allMethods')}</Tag> : <Typography.Text code>{m}</Typography.Text>),
          },
          {
            title: t('sandbox.faults.effect'),
            key: 'effect',
            render: (_, r) => (
              <Space size={[4, 4]} wrap>
                {effects(r).map((e) => (
                  <Tag key={e}>{e}</Tag>
                ))}
              </Space>
            ),
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, r: Row) => (
                    <Popconfirm title={t('sandbox.faults.removeConfirm')} onConfirm={() => run(() => removeFault({ index: r.index, method: r.method }))}>
                      <Button size="small" danger>
                        {t('sandbox.faults.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {adding && <AddFaultModal methods={methods} onClose={() => setAdding(false)} />}
    </>
  );
}

interface NumberFieldProps {
  id: string;
  value?: number | null;
  onChange: (value: number | null) => void;
  onBlur: () => void;
  status?: 'error';
  suffix: string;
  step?: number;
}

function NumberField({ id, value, onChange, onBlur, status, suffix, step = 1 }: NumberFieldProps) {
  return <InputNumber id={id} value={value} onChange={onChange} onBlur={onBlur} status={status} min={0} step={step} suffix={suffix} style={{ width: '100%' }} />;
}

const EMPTY_RULE: FaultRuleInput = { method: '*', latencyMs: 0, jitterMs: 0, errorPercent: 0, errorSubCode: '', hang: false, oddAnswers: false, rps: null };

function AddFaultModal({ methods, onClose }: { methods: string[]; onClose: () => void }) {
  const t = useT();
  const form = useFormModal({
    schema: faultRuleSchema,
    defaultValues: () => EMPTY_RULE,
    action: addFault,
    report: 'toast',
    refresh: false,
    onSuccess: onClose,
  });
  const options = [{ value: '*', label: t('sandbox.faults.allMethodsOption') }, ...methods.map((m) => ({ value: m, label: m }))];
  const ms = t('sandbox.units.ms');
  return (
    <FormModal form={form} open title={t('sandbox.faults.add')} okText={t('common.save')} onClose={onClose} width={600}>
        <FormField
          control={form.control}
          name="method"
          label={t('sandbox.faults.method')}
          required
          render={({ value, onChange, onBlur, id, status }) => (
            <AutoComplete
              id={id}
              value={value}
              onChange={onChange}
              onBlur={onBlur}
              status={status}
              options={options}
              showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
            />
          )}
        />
        <Row gutter={16}>
          <Col span={12}>
            <FormField control={form.control} name="latencyMs" label={t('sandbox.faults.latency')} render={(f) => <NumberField {...f} suffix={ms} step={100} />} />
          </Col>
          <Col span={12}>
            <FormField control={form.control} name="jitterMs" label={t('sandbox.faults.jitter')} render={(f) => <NumberField {...f} suffix={ms} step={100} />} />
          </Col>
          <Col span={12}>
            <FormField control={form.control} name="errorPercent" label={t('sandbox.faults.errorRate')} render={(f) => <NumberField {...f} suffix="%" />} />
          </Col>
          <Col span={12}>
            <FormField
              control={form.control}
              name="errorSubCode"
              label={t('sandbox.faults.subCode')}
              render={(f) => <Input {...f} placeholder="isp.unknow-error" />}
            />
          </Col>
          <Col span={12}>
            <FormField control={form.control} name="rps" label={t('sandbox.faults.rps')} extra={t('sandbox.faults.rpsHelp')} render={(f) => <NumberField {...f} suffix={t('sandbox.units.rps')} />} />
          </Col>
          <Col span={12}>
            <FormField
              control={form.control}
              name="hang"
              label={t('sandbox.faults.hang')}
              extra={t('sandbox.faults.hangHelp')}
              render={({ value, onChange, id }) => <Switch id={id} checked={value} onChange={onChange} />}
            />
          </Col>
          <Col span={12}>
            <FormField
              control={form.control}
              name="oddAnswers"
              label={t('sandbox.faults.oddAnswers')}
              extra={t('sandbox.faults.oddAnswersHelp')}
              render={({ value, onChange, id }) => <Switch id={id} checked={value} onChange={onChange} />}
            />
          </Col>
        </Row>
    </FormModal>
  );
}
