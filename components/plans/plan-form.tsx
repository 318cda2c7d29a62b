'use client';
// A new release plan: template version, merchants (in wave order), waves, gray and hold, gate, and the shared audit
// form. The fields are the form's own (percents typed as text, hold in minutes); on submit they become the plan's
// input and are checked by the same schema the server uses, which checks again and runs the pre-flight.
import { Alert, Button, Col, Divider, Flex, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useWatch, type Control, type FieldErrors } from 'react-hook-form';
import { z } from 'zod';
import { createReleasePlan } from '@/app/(console)/plans/actions';
import { FormField } from '@/components/form-field';
import { useFormModal } from '@/components/form-modal';
import type { OperableAppRow } from '@/lib/batches/data';
import type { TemplateChoice } from '@/lib/batches/template-choices';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { planInputSchema, type PlanValues } from '@/lib/plans/input';
import { splitWaves, type WaveShape } from '@/lib/plans/shape';
import { GRAY_STRATEGIES, type GrayStrategy } from '@/lib/versions/operations';

export interface PlanFormInitial {
  merchantAppIds?: number[];
  templateId?: string;
  templateVersion?: string;
}

interface PlanFormValues {
  name: string;
  templateId: string;
  templateVersion: string;
  /** The selection, in any order: the plan takes the list's order. */
  merchantAppIds: number[];
  waveKind: 'percent' | 'lists';
  percents: string;
  lists: string;
  grayStrategy: GrayStrategy | 'none';
  holdMinutes: number | null;
  gate: { minOnline: number | null; maxFailed: number | null };
  audit: { versionDesc: string; testAccount: string; testPassword: string; memo: string };
}

const parsePercents = (text: string) =>
  text
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map(Number);

/** Where the plan schema's complaint is shown: its field, or the field group (waves, gate, audit) it belongs to. */
function formPath(path: readonly PropertyKey[]): string[] {
  const [first, second] = path.map(String);
  if (first === 'holdSeconds') return ['holdMinutes'];
  if (first === 'audit' || first === 'gate') return [first, second];
  return [first ?? 'name'];
}

/** The message at a path, or the first one under it (a wave list's element, a gate's bound). */
function messageAt(errors: FieldErrors<PlanFormValues>, key: string): string | undefined {
  let node: unknown = errors;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const find = (n: unknown): string | undefined => {
    if (!n || typeof n !== 'object') return undefined;
    if (typeof (n as { message?: unknown }).message === 'string') return (n as { message: string }).message;
    for (const v of Object.values(n)) {
      const m = find(v);
      if (m) return m;
    }
    return undefined;
  };
  return find(node);
}

export function PlanForm({ apps, templates, initial }: { apps: OperableAppRow[]; templates: TemplateChoice[]; initial: PlanFormInitial }) {
  const t = useT();
  const router = useRouter();
  const firstTemplate = templates.find((tp) => tp.templateId === initial.templateId) ?? templates[0];
  const defaultVersion = (tp: TemplateChoice | undefined) => tp?.versions.find((v) => v.onShelf)?.version ?? tp?.versions[0]?.version ?? '';
  const [filter, setFilter] = useState('');
  const byAuthAppId = useMemo(() => new Map(apps.map((a) => [a.authAppId, a.merchantAppId])), [apps]);

  // The form's values become the plan's input here, so the browser checks exactly what the server will.
  const schema = useMemo(
    () =>
      z.custom<PlanFormValues>().transform((v, ctx): PlanValues => {
        const ordered = apps.filter((a) => v.merchantAppIds.includes(a.merchantAppId)).map((a) => a.merchantAppId);
        const unknown: string[] = [];
        const lists = v.lists
          .split('\n')
          .map((line) => line.split(/[,，\s]+/).filter(Boolean))
          .filter((line) => line.length)
          .map((line) =>
            line.flatMap((appId) => {
              const id = byAuthAppId.get(appId);
              if (!id || !v.merchantAppIds.includes(id)) unknown.push(appId);
              return id ? [id] : [];
            }),
          );
        if (v.waveKind === 'lists' && unknown.length) {
          ctx.addIssue({ code: 'custom', path: ['waves'], message: t('plans.validation.unknownAppId', { apps: unknown.slice(0, 5).join(', ') }) });
          return z.NEVER;
        }
        const parsed = planInputSchema.safeParse({
          name: v.name,
          templateId: v.templateId,
          templateVersion: v.templateVersion,
          ext: '',
          merchantAppIds: ordered,
          waves: v.waveKind === 'percent' ? { kind: 'percent', percents: parsePercents(v.percents) } : { kind: 'lists', lists },
          grayStrategy: v.grayStrategy === 'none' ? null : v.grayStrategy,
          holdSeconds: Math.round((v.holdMinutes ?? 0) * 60),
          gate: { minOnline: v.gate.minOnline ?? -1, maxFailed: v.gate.maxFailed ?? -1 },
          audit: { ...v.audit, regionType: 'GLOBAL', screenshots: [] },
        });
        if (parsed.success) return parsed.data;
        for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: formPath(issue.path), message: issue.message });
        return z.NEVER;
      }),
    [apps, byAuthAppId, t],
  );

  const form = useFormModal({
    schema,
    defaultValues: (): PlanFormValues => ({
      name: '',
      templateId: firstTemplate?.templateId ?? '',
      templateVersion: initial.templateVersion ?? defaultVersion(firstTemplate),
      merchantAppIds: (initial.merchantAppIds ?? []).filter((id) => apps.some((a) => a.merchantAppId === id)),
      waveKind: 'percent',
      percents: '5,25',
      lists: '',
      grayStrategy: 'p10',
      holdMinutes: 60,
      gate: { minOnline: 90, maxFailed: 10 },
      audit: { versionDesc: '', testAccount: '', testPassword: '', memo: '' },
    }),
    action: createReleasePlan,
    success: t('plans.form.created'),
    onSuccess: (data) => router.push(`/plans/${data.id}`),
    report: 'toast',
    refresh: false,
  });
  // FormField binds to the form's own values; the transformed output is the submit's business.
  const control = form.control as unknown as Control<PlanFormValues>;
  const { setValue } = form;
  const [templateId, selected, waveKind, percents, lists, grayStrategy] = useWatch({
    control,
    name: ['templateId', 'merchantAppIds', 'waveKind', 'percents', 'lists', 'grayStrategy'],
  });
  const template = templates.find((tp) => tp.templateId === templateId);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? apps.filter((a) => a.merchantName.toLowerCase().includes(q) || a.authAppId.includes(q) || (a.appName ?? '').toLowerCase().includes(q)) : apps;
  }, [apps, filter]);
  // Wave order: the list's order (merchants by name), the selected ones only.
  const ordered = useMemo(() => apps.filter((a) => selected.includes(a.merchantAppId)).map((a) => a.merchantAppId), [apps, selected]);
  const shape: WaveShape =
    waveKind === 'percent'
      ? { kind: 'percent', percents: parsePercents(percents) }
      : { kind: 'lists', lists: lists.split('\n').map((line) => line.split(/[,，\s]+/).flatMap((appId) => byAuthAppId.get(appId) ?? [])).filter((l) => l.length) };
  const preview = ordered.length ? splitWaves(ordered, shape) : [];
  const select = (ids: number[]) => setValue('merchantAppIds', ids, { shouldValidate: form.formState.isSubmitted });

  const err = (key: string) => {
    const message = messageAt(form.formState.errors, key);
    return message ? { validateStatus: 'error' as const, help: translateMessage(t, message) } : {};
  };
  const number = (name: 'holdMinutes' | 'gate.minOnline' | 'gate.maxFailed', label: string, props: { min: number; max: number; step?: number; disabled?: boolean }, extra?: string) => (
    <FormField control={control} name={name} label={label} extra={extra} render={(f) => <InputNumber {...f} {...props} aria-label={label} style={{ width: '100%' }} />} />
  );
  const text = (name: 'audit.testAccount' | 'audit.memo', label: string) => (
    <FormField control={control} name={name} label={label} render={(f) => <Input {...f} aria-label={label} />} />
  );

  return (
    <Form layout="vertical" onFinish={() => void form.submit()} style={{ maxWidth: 1100 }}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <FormField
            control={control}
            name="name"
            label={t('plans.form.name')}
            required
            render={(f) => <Input {...f} aria-label={t('plans.form.name')} maxLength={80} placeholder={t('plans.form.namePlaceholder')} />}
          />
        </Col>
        <Col xs={24} md={10}>
          <FormField
            control={control}
            name="templateId"
            label={t('plans.form.template')}
            required
            render={(f) => (
              <Select
                id={f.id}
                status={f.status}
                aria-label={t('plans.form.template')}
                value={f.value || undefined}
                onChange={(v: string) => {
                  f.onChange(v);
                  setValue('templateVersion', defaultVersion(templates.find((tp) => tp.templateId === v)));
                }}
                onBlur={f.onBlur}
                options={templates.map((tp) => ({ value: tp.templateId, label: `${tp.name}（${tp.templateId}）` }))}
              />
            )}
          />
        </Col>
        <Col xs={24} md={6}>
          <FormField
            control={control}
            name="templateVersion"
            label={t('plans.form.templateVersion')}
            required
            render={(f) => (
              <Select
                id={f.id}
                status={f.status}
                aria-label={t('plans.form.templateVersion')}
                value={f.value || undefined}
                onChange={f.onChange}
                onBlur={f.onBlur}
                options={(template?.versions ?? []).map((v) => ({ value: v.version, label: v.version }))}
              />
            )}
          />
        </Col>
      </Row>

      <Form.Item label={t('plans.form.merchants')} required {...err('merchantAppIds')} extra={t('plans.form.merchantsHelp', { n: selected.length })}>
        <Flex vertical gap={8}>
          <Space wrap>
            <Input.Search aria-label={t('plans.form.filter')} placeholder={t('plans.form.filter')} allowClear value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: 280 }} />
            <Button onClick={() => select([...new Set([...selected, ...shown.map((a) => a.merchantAppId)])])}>{t('plans.form.selectAll')}</Button>
            <Button onClick={() => select([])}>{t('plans.form.clear')}</Button>
          </Space>
          <Table
            size="small"
            rowKey="merchantAppId"
            dataSource={shown}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            rowSelection={{
              selectedRowKeys: selected,
              preserveSelectedRowKeys: true,
              onChange: (keys) => select(keys as number[]),
              getCheckboxProps: (r) => ({ 'aria-label': r.merchantName }),
            }}
            columns={[
              { title: t('plans.columns.merchant'), dataIndex: 'merchantName' },
              { title: t('plans.columns.miniApp'), key: 'app', render: (_: unknown, r) => `${r.appName ?? '—'} · ${r.authAppId}` },
            ]}
          />
        </Flex>
      </Form.Item>

      <Divider titlePlacement="start">{t('plans.form.waves')}</Divider>
      <Form.Item {...err('waves')}>
        <Flex vertical gap={8}>
          <Radio.Group value={waveKind} onChange={(e) => setValue('waveKind', e.target.value as 'percent' | 'lists')}>
            <Radio value="percent">{t('plans.form.wavesPercent')}</Radio>
            <Radio value="lists">{t('plans.form.wavesLists')}</Radio>
          </Radio.Group>
          {waveKind === 'percent' ? (
            <FormField
              control={control}
              name="percents"
              label={t('plans.form.percents')}
              extra={t('plans.form.percentsHelp')}
              render={(f) => <Input {...f} aria-label={t('plans.form.percents')} style={{ maxWidth: 240 }} />}
            />
          ) : (
            <FormField
              control={control}
              name="lists"
              label={t('plans.form.lists')}
              extra={t('plans.form.listsHelp')}
              render={(f) => <Input.TextArea {...f} aria-label={t('plans.form.lists')} rows={4} />}
            />
          )}
          {preview.length > 0 && (
            <Typography.Text type="secondary" data-testid="wave-preview">
              {t('plans.form.preview', { waves: preview.map((w, i) => t('plans.form.previewWave', { n: i + 1, size: w.merchantAppIds.length })).join('、') })}
            </Typography.Text>
          )}
        </Flex>
      </Form.Item>

      <Row gutter={16}>
        <Col xs={24} md={8}>
          <FormField
            control={control}
            name="grayStrategy"
            label={t('plans.form.gray')}
            render={(f) => (
              <Select
                id={f.id}
                aria-label={t('plans.form.gray')}
                value={f.value}
                onChange={f.onChange}
                onBlur={f.onBlur}
                options={[{ value: 'none', label: t('plans.form.grayNone') }, ...GRAY_STRATEGIES.map((g) => ({ value: g, label: `${g.slice(1)}%` }))]}
              />
            )}
          />
        </Col>
        <Col xs={24} md={8}>
          {number('holdMinutes', t('plans.form.hold'), { min: 0, max: 43200, step: 0.5, disabled: grayStrategy === 'none' }, t('plans.form.holdHelp'))}
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('plans.form.gate')}</Divider>
      <Alert type="info" showIcon title={t('plans.form.gateHelp')} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          {number('gate.minOnline', t('plans.form.minOnline'), { min: 0, max: 100 })}
        </Col>
        <Col xs={24} md={8}>
          {number('gate.maxFailed', t('plans.form.maxFailed'), { min: 0, max: 100 })}
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('plans.form.audit')}</Divider>
      <Typography.Paragraph type="secondary">{t('plans.form.auditHelp')}</Typography.Paragraph>
      <FormField
        control={control}
        name="audit.versionDesc"
        label={t('plans.form.versionDesc')}
        required
        render={(f) => <Input.TextArea {...f} aria-label={t('plans.form.versionDesc')} rows={3} showCount />}
      />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          {text('audit.testAccount', t('plans.form.testAccount'))}
        </Col>
        <Col xs={24} md={8}>
          <FormField
            control={control}
            name="audit.testPassword"
            label={t('plans.form.testPassword')}
            render={(f) => <Input.Password {...f} aria-label={t('plans.form.testPassword')} autoComplete="new-password" />}
          />
        </Col>
        <Col xs={24} md={8}>
          {text('audit.memo', t('plans.form.memo'))}
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={form.submitting}>
        {t('plans.form.submit')}
      </Button>
    </Form>
  );
}
