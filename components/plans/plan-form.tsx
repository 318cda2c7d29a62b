'use client';
// A new release plan: template version, merchants (in wave order), waves, gray and hold, gate, and the shared audit
// form. Checked in the browser by the same schema the server uses; the server checks again and runs the pre-flight.
import { Alert, App, Button, Col, Divider, Flex, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition } from 'react';
import { createReleasePlan } from '@/app/(console)/plans/actions';
import type { OperableAppRow } from '@/lib/batches/data';
import type { TemplateChoice } from '@/lib/batches/template-choices';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { planInputSchema, type PlanInput } from '@/lib/plans/input';
import { splitWaves, type WaveShape } from '@/lib/plans/shape';
import { GRAY_STRATEGIES, type GrayStrategy } from '@/lib/versions/operations';

export interface PlanFormInitial {
  merchantAppIds?: number[];
  templateId?: string;
  templateVersion?: string;
}

const parsePercents = (text: string) =>
  text
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map(Number);

export function PlanForm({ apps, templates, initial }: { apps: OperableAppRow[]; templates: TemplateChoice[]; initial: PlanFormInitial }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, start] = useTransition();
  const firstTemplate = templates.find((tp) => tp.templateId === initial.templateId) ?? templates[0];
  const [name, setName] = useState('');
  const [templateId, setTemplateId] = useState(firstTemplate?.templateId ?? '');
  const template = templates.find((tp) => tp.templateId === templateId);
  const defaultVersion = (tp: TemplateChoice | undefined) => tp?.versions.find((v) => v.onShelf)?.version ?? tp?.versions[0]?.version ?? '';
  const [templateVersion, setTemplateVersion] = useState(initial.templateVersion ?? defaultVersion(firstTemplate));
  const [selected, setSelected] = useState<number[]>(() => (initial.merchantAppIds ?? []).filter((id) => apps.some((a) => a.merchantAppId === id)));
  const [filter, setFilter] = useState('');
  const [waveKind, setWaveKind] = useState<'percent' | 'lists'>('percent');
  const [percents, setPercents] = useState('5,25');
  const [lists, setLists] = useState('');
  const [grayStrategy, setGrayStrategy] = useState<GrayStrategy | 'none'>('p10');
  const [holdMinutes, setHoldMinutes] = useState<number | null>(60);
  const [minOnline, setMinOnline] = useState<number | null>(90);
  const [maxFailed, setMaxFailed] = useState<number | null>(10);
  const [versionDesc, setVersionDesc] = useState('');
  const [testAccount, setTestAccount] = useState('');
  const [testPassword, setTestPassword] = useState('');
  const [memo, setMemo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? apps.filter((a) => a.merchantName.toLowerCase().includes(q) || a.authAppId.includes(q) || (a.appName ?? '').toLowerCase().includes(q)) : apps;
  }, [apps, filter]);
  // Wave order: the list's order (merchants by name), the selected ones only.
  const ordered = useMemo(() => apps.filter((a) => selected.includes(a.merchantAppId)).map((a) => a.merchantAppId), [apps, selected]);
  const byAuthAppId = useMemo(() => new Map(apps.map((a) => [a.authAppId, a.merchantAppId])), [apps]);

  const listsParsed = useMemo(() => {
    const unknown: string[] = [];
    const parsed = lists
      .split('\n')
      .map((line) => line.split(/[,，\s]+/).filter(Boolean))
      .filter((line) => line.length)
      .map((line) =>
        line.flatMap((appId) => {
          const id = byAuthAppId.get(appId);
          if (!id || !selected.includes(id)) unknown.push(appId);
          return id ? [id] : [];
        }),
      );
    return { parsed, unknown };
  }, [lists, byAuthAppId, selected]);

  const shape: WaveShape = waveKind === 'percent' ? { kind: 'percent', percents: parsePercents(percents) } : { kind: 'lists', lists: listsParsed.parsed };
  const preview = ordered.length ? splitWaves(ordered, shape) : [];

  function input(): PlanInput {
    return {
      name,
      templateId,
      templateVersion,
      ext: '',
      merchantAppIds: ordered,
      waves: shape,
      grayStrategy: grayStrategy === 'none' ? null : grayStrategy,
      holdSeconds: Math.round((holdMinutes ?? 0) * 60),
      gate: { minOnline: minOnline ?? -1, maxFailed: maxFailed ?? -1 },
      audit: { versionDesc, regionType: 'GLOBAL', screenshots: [], testAccount, testPassword, memo },
    };
  }

  function submit() {
    const value = input();
    if (waveKind === 'lists' && listsParsed.unknown.length) {
      setErrors({ waves: t('plans.validation.unknownAppId', { apps: listsParsed.unknown.slice(0, 5).join(', ') }) });
      return;
    }
    const parsed = planInputSchema.safeParse(value);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] === 'audit' || issue.path[0] === 'gate' ? issue.path.slice(0, 2).join('.') : String(issue.path[0] ?? '_');
        next[key] ??= translateMessage(t, issue.message);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    start(async () => {
      const r = await createReleasePlan(value);
      if (r.ok) {
        message.success(t('plans.form.created'));
        router.push(`/plans/${r.data.id}`);
        return;
      }
      if (r.fieldErrors) {
        setErrors(Object.fromEntries(Object.entries(r.fieldErrors).map(([k, v]) => [k, translateMessage(t, v)])));
      }
      message.error(translateMessage(t, r.error, r.params));
    });
  }

  const err = (key: string) => (errors[key] ? { validateStatus: 'error' as const, help: errors[key] } : {});

  return (
    <Form layout="vertical" onFinish={submit} style={{ maxWidth: 1100 }}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label={t('plans.form.name')} required {...err('name')}>
            <Input aria-label={t('plans.form.name')} value={name} maxLength={80} placeholder={t('plans.form.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item label={t('plans.form.template')} required {...err('templateId')}>
            <Select
              aria-label={t('plans.form.template')}
              value={templateId || undefined}
              onChange={(v: string) => {
                setTemplateId(v);
                setTemplateVersion(defaultVersion(templates.find((tp) => tp.templateId === v)));
              }}
              options={templates.map((tp) => ({ value: tp.templateId, label: `${tp.name}（${tp.templateId}）` }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item label={t('plans.form.templateVersion')} required {...err('templateVersion')}>
            <Select
              aria-label={t('plans.form.templateVersion')}
              value={templateVersion || undefined}
              onChange={setTemplateVersion}
              options={(template?.versions ?? []).map((v) => ({ value: v.version, label: v.version }))}
            />
          </Form.Item>
        </Col>
      </Row>

      <Form.Item label={t('plans.form.merchants')} required {...err('merchantAppIds')} extra={t('plans.form.merchantsHelp', { n: selected.length })}>
        <Flex vertical gap={8}>
          <Space wrap>
            <Input.Search aria-label={t('plans.form.filter')} placeholder={t('plans.form.filter')} allowClear value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: 280 }} />
            <Button onClick={() => setSelected([...new Set([...selected, ...shown.map((a) => a.merchantAppId)])])}>{t('plans.form.selectAll')}</Button>
            <Button onClick={() => setSelected([])}>{t('plans.form.clear')}</Button>
          </Space>
          <Table
            size="small"
            rowKey="merchantAppId"
            dataSource={shown}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            rowSelection={{
              selectedRowKeys: selected,
              preserveSelectedRowKeys: true,
              onChange: (keys) => setSelected(keys as number[]),
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
          <Radio.Group value={waveKind} onChange={(e) => setWaveKind(e.target.value as 'percent' | 'lists')}>
            <Radio value="percent">{t('plans.form.wavesPercent')}</Radio>
            <Radio value="lists">{t('plans.form.wavesLists')}</Radio>
          </Radio.Group>
          {waveKind === 'percent' ? (
            <Form.Item label={t('plans.form.percents')} extra={t('plans.form.percentsHelp')} style={{ marginBottom: 0 }}>
              <Input aria-label={t('plans.form.percents')} value={percents} onChange={(e) => setPercents(e.target.value)} style={{ maxWidth: 240 }} />
            </Form.Item>
          ) : (
            <Form.Item label={t('plans.form.lists')} extra={t('plans.form.listsHelp')} style={{ marginBottom: 0 }}>
              <Input.TextArea aria-label={t('plans.form.lists')} rows={4} value={lists} onChange={(e) => setLists(e.target.value)} />
            </Form.Item>
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
          <Form.Item label={t('plans.form.gray')}>
            <Select
              aria-label={t('plans.form.gray')}
              value={grayStrategy}
              onChange={setGrayStrategy}
              options={[{ value: 'none', label: t('plans.form.grayNone') }, ...GRAY_STRATEGIES.map((g) => ({ value: g, label: `${g.slice(1)}%` }))]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('plans.form.hold')} extra={t('plans.form.holdHelp')} {...err('holdSeconds')}>
            <InputNumber aria-label={t('plans.form.hold')} min={0} max={43200} step={0.5} value={holdMinutes} onChange={setHoldMinutes} disabled={grayStrategy === 'none'} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('plans.form.gate')}</Divider>
      <Alert type="info" showIcon title={t('plans.form.gateHelp')} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label={t('plans.form.minOnline')} {...err('gate.minOnline')}>
            <InputNumber aria-label={t('plans.form.minOnline')} min={0} max={100} value={minOnline} onChange={setMinOnline} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('plans.form.maxFailed')} {...err('gate.maxFailed')}>
            <InputNumber aria-label={t('plans.form.maxFailed')} min={0} max={100} value={maxFailed} onChange={setMaxFailed} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('plans.form.audit')}</Divider>
      <Typography.Paragraph type="secondary">{t('plans.form.auditHelp')}</Typography.Paragraph>
      <Form.Item label={t('plans.form.versionDesc')} required {...err('audit.versionDesc')}>
        <Input.TextArea aria-label={t('plans.form.versionDesc')} rows={3} value={versionDesc} onChange={(e) => setVersionDesc(e.target.value)} showCount />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label={t('plans.form.testAccount')} {...err('audit.testAccount')}>
            <Input aria-label={t('plans.form.testAccount')} value={testAccount} onChange={(e) => setTestAccount(e.target.value)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('plans.form.testPassword')} {...err('audit.testPassword')}>
            <Input.Password aria-label={t('plans.form.testPassword')} value={testPassword} onChange={(e) => setTestPassword(e.target.value)} autoComplete="new-password" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('plans.form.memo')} {...err('audit.memo')}>
            <Input aria-label={t('plans.form.memo')} value={memo} onChange={(e) => setMemo(e.target.value)} />
          </Form.Item>
        </Col>
      </Row>
      {errors._ && <Alert type="error" title={errors._} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={pending}>
        {t('plans.form.submit')}
      </Button>
    </Form>
  );
}
