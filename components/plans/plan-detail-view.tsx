'use client';
// The plan page: its state and controls, the waves as a timeline with their gates and times, per-stage counts, and
// every merchant's row with its stage, reason, history and actions. Refreshes itself while the plan runs.
import { Alert, App, Button, Cascader, Descriptions, Flex, Input, Popconfirm, Select, Space, Spin, Statistic, Table, Tag, Timeline, Typography } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { abortReleasePlan, fixAndResubmitPlanMerchant, loadPlanFix, pauseReleasePlan, resumeReleasePlan, skipPlanMerchant } from '@/app/(console)/plans/actions';
import { FormField } from '@/components/form-field';
import { FormModal, useFormModal } from '@/components/form-modal';
import { renderItemMessage } from '@/lib/batches/view';
import { formatDateTime } from '@/lib/format';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import type { FixProfile } from '@/lib/plans/fix';
import { fixAndResubmitSchema } from '@/lib/plans/input';
import { SPANS, STAGES, type Stage } from '@/lib/plans/stages';
import type { PlanDetailView, PlanMemberView } from '@/lib/plans/view';
import { PlanStatusTag, StageTag, WAVE_COLORS } from './plan-tags';

const POLL_MS = 2000;
const COUNTED: Stage[] = ['waiting', 'uploading', 'uploaded', 'inAudit', 'passed', 'rejected', 'gray', 'online', 'failed'];

export function formatSpan(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  if (m < 60) return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

type Result = { ok: true } | { ok: false; error: string; params?: Record<string, string | number> };

export function PlanDetailView({ detail, canOperate }: { detail: PlanDetailView; canOperate: boolean }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, start] = useTransition();
  const [stageFilter, setStageFilter] = useState<Stage | undefined>();
  const [fixing, setFixing] = useState<PlanMemberView | null>(null);
  const { plan } = detail;
  const working = detail.members.some((m) => ['waiting', 'uploading', 'uploaded', 'inAudit', 'passed', 'gray'].includes(m.stage));
  const live = plan.status === 'running' || (plan.status === 'paused' && working);

  // The worker writes the plan's progress; the page reads it again every few seconds while anything moves.
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [live, router]);

  const msg = (text: string | null, params: string | null) => renderItemMessage(t, text, params);

  const run = (fn: () => Promise<Result | { ok: true; data: unknown }>, ok?: string) =>
    start(async () => {
      const r = await fn();
      if (r.ok) {
        if (ok) message.success(ok);
      } else message.error(translateMessage(t, r.error, r.params));
      router.refresh();
    });

  const rollbackHref = `/batches/new?operation=rollback&apps=${detail.onlineMerchantAppIds.join(',')}`;
  const held = detail.waves.some((w) => w.status === 'held');
  const members = stageFilter ? detail.members.filter((m) => m.stage === stageFilter) : detail.members;

  return (
    <Flex vertical gap={16}>
      <Descriptions
        column={3}
        size="small"
        items={[
          { key: 'status', label: t('plans.columns.status'), children: <PlanStatusTag status={plan.status} /> },
          { key: 'template', label: t('plans.columns.template'), children: t('plans.detail.template', { template: plan.templateId, version: plan.templateVersion }) },
          {
            key: 'gray',
            label: t('plans.form.gray'),
            children: plan.grayStrategy ? t('plans.detail.gray', { percent: `${plan.grayStrategy.slice(1)}%`, hold: formatSpan(plan.holdSeconds * 1000) }) : t('plans.detail.noGray'),
          },
          { key: 'gate', label: t('plans.form.gate'), children: t('plans.detail.gate', { minOnline: plan.gateMinOnline, maxFailed: plan.gateMaxFailed }) },
          { key: 'createdBy', label: t('plans.columns.createdBy'), children: plan.createdByEmail },
          { key: 'createdAt', label: t('plans.columns.createdAt'), children: formatDateTime(plan.createdAt) },
        ]}
      />

      {plan.status === 'paused' && <Alert type="warning" showIcon title={t('plans.detail.paused')} description={msg(plan.pauseReason, plan.pauseParams)} data-testid="pause-reason" />}
      {plan.status === 'aborted' && (
        <Alert
          type="info"
          showIcon
          title={t('plans.detail.aborted')}
          description={
            detail.onlineMerchantAppIds.length ? (
              <Space direction="vertical">
                {t('plans.detail.abortedOnline', { n: detail.onlineMerchantAppIds.length })}
                {canOperate && (
                  <Link href={rollbackHref}>
                    <Button danger>{t('plans.detail.rollback', { n: detail.onlineMerchantAppIds.length })}</Button>
                  </Link>
                )}
              </Space>
            ) : (
              msg(plan.pauseReason, plan.pauseParams)
            )
          }
        />
      )}

      {canOperate && (plan.status === 'running' || plan.status === 'paused') && (
        <Space wrap>
          {plan.status === 'running' && (
            <Button loading={pending} onClick={() => run(() => pauseReleasePlan({ planId: plan.id }))}>
              {t('plans.detail.pause')}
            </Button>
          )}
          {plan.status === 'paused' && (
            <Button type="primary" loading={pending} onClick={() => run(() => resumeReleasePlan({ planId: plan.id }))}>
              {held ? t('plans.detail.resumeGate') : t('plans.detail.resume')}
            </Button>
          )}
          <Popconfirm title={t('plans.detail.abort')} description={<div style={{ maxWidth: 320 }}>{t('plans.detail.abortConfirm')}</div>} onConfirm={() => run(() => abortReleasePlan({ planId: plan.id }))}>
            <Button danger loading={pending}>
              {t('plans.detail.abort')}
            </Button>
          </Popconfirm>
        </Space>
      )}

      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('plans.detail.counts')}
      </Typography.Title>
      <Flex gap={24} wrap data-testid="stage-counts">
        {COUNTED.map((s) => (
          <div key={s} data-testid={`count-${s}`}>
            <Statistic title={t(`plans.stages.${s}`)} value={detail.totals[s]} />
          </div>
        ))}
      </Flex>

      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('plans.detail.timeline')}
      </Typography.Title>
      <Timeline
        data-testid="wave-timeline"
        items={detail.waves.map((w) => ({
          color: WAVE_COLORS[w.status],
          children: (
            <Flex vertical gap={4} data-testid={`wave-${w.idx + 1}`}>
              <Space wrap>
                <Typography.Text strong>{t('plans.detail.waveTitle', { n: w.idx + 1 })}</Typography.Text>
                {w.percent !== null && <Typography.Text type="secondary">{t('plans.detail.wavePercent', { percent: w.percent })}</Typography.Text>}
                <Typography.Text type="secondary">{t('plans.detail.waveSize', { size: w.size })}</Typography.Text>
                <Tag color={WAVE_COLORS[w.status]}>{t(`plans.waveStatus.${w.status}`)}</Tag>
                {w.startedAt && <Typography.Text type="secondary">{t('plans.detail.waveStarted', { at: formatDateTime(w.startedAt) })}</Typography.Text>}
                {w.batchId && <Link href={`/batches/${w.batchId}`}>{t('plans.detail.openBatch', { id: w.batchId })}</Link>}
              </Space>
              <Space wrap size={4}>
                {STAGES.filter((s) => w.counts[s] > 0).map((s) => (
                  <Tag key={s} bordered={false}>
                    {t(`plans.stages.${s}`)} {w.counts[s]}
                  </Tag>
                ))}
              </Space>
              {w.gate && (
                <Typography.Text type={w.gate.passed ? 'success' : 'danger'} data-testid={`gate-${w.idx + 1}`}>
                  {t('plans.detail.gateResult', { ...w.gate, passed: String(w.gate.passed) })}
                  {w.overriddenBy ? ` · ${t('plans.detail.overriddenBy', { by: w.overriddenBy })}` : ''}
                </Typography.Text>
              )}
              {SPANS.some((s) => w.spans[s] !== null) && (
                <Typography.Text type="secondary">
                  {t('plans.detail.spans', { spans: SPANS.map((s) => `${t(`plans.spans.${s}`)} ${formatSpan(w.spans[s])}`).join(' · ') })}
                </Typography.Text>
              )}
            </Flex>
          ),
        }))}
      />

      <Flex justify="space-between" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('plans.detail.members')}
        </Typography.Title>
        <Select
          allowClear
          aria-label={t('plans.detail.filterStage')}
          placeholder={t('plans.detail.filterStage')}
          value={stageFilter}
          onChange={setStageFilter}
          style={{ width: 200 }}
          options={STAGES.map((s) => ({ value: s, label: `${t(`plans.stages.${s}`)} (${detail.totals[s]})` }))}
        />
      </Flex>
      <Table<PlanMemberView>
        rowKey="id"
        size="small"
        dataSource={members}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (m) =>
            m.history.length ? (
              <Timeline
                style={{ marginTop: 8 }}
                items={m.history.map((e) => ({
                  color: e.kind === 'rejected' ? 'red' : e.kind === 'online' ? 'green' : 'blue',
                  children: `${formatDateTime(e.at)} · ${t.has(`plans.events.${e.kind}`) ? t(`plans.events.${e.kind}`) : e.kind} · ${e.source}${e.reason ? ` · ${e.reason}` : ''}`,
                }))}
              />
            ) : (
              <Typography.Text type="secondary">{t('plans.detail.noHistory')}</Typography.Text>
            ),
        }}
        columns={[
          { title: t('plans.columns.wave'), dataIndex: 'waveIdx', width: 70, render: (i: number) => i + 1 },
          {
            title: t('plans.columns.merchant'),
            dataIndex: 'merchantName',
            render: (name: string, m) => (m.merchantId ? <Link href={`/merchants/${m.merchantId}/versions`}>{name}</Link> : name),
          },
          { title: t('plans.columns.miniApp'), dataIndex: 'authAppId' },
          { title: t('plans.columns.stage'), dataIndex: 'stage', render: (s: Stage) => <StageTag stage={s} /> },
          { title: t('plans.columns.version'), dataIndex: 'appVersion', render: (v: string | null) => v ?? '—' },
          {
            title: t('plans.columns.reason'),
            key: 'reason',
            render: (_: unknown, m) => (
              <Typography.Text type={m.stage === 'rejected' || m.stage === 'failed' ? 'danger' : 'secondary'} style={{ maxWidth: 360 }} ellipsis={{ tooltip: msg(m.message, m.messageParams) }}>
                {m.subCode && m.stage !== 'rejected' ? `${m.subCode} · ` : ''}
                {msg(m.message, m.messageParams) ?? '—'}
              </Typography.Text>
            ),
          },
          { title: t('plans.columns.since'), dataIndex: 'since', render: (v: number | null) => formatDateTime(v) },
          {
            title: t('plans.columns.actions'),
            key: 'actions',
            render: (_: unknown, m) =>
              !canOperate ? null : (
                <Space size={4} wrap>
                  {m.stage === 'rejected' && plan.status !== 'aborted' && (
                    <Button size="small" type="primary" onClick={() => setFixing(m)}>
                      {t('plans.detail.fix')}
                    </Button>
                  )}
                  {m.stage !== 'skipped' && m.stage !== 'online' && (plan.status === 'running' || plan.status === 'paused') && (
                    <Popconfirm title={t('plans.detail.skipConfirm', { name: m.merchantName })} onConfirm={() => run(() => skipPlanMerchant({ planId: plan.id, memberId: m.id }))}>
                      <Button size="small">{t('plans.detail.skip')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {fixing && <FixDialog planId={plan.id} member={fixing} onClose={() => setFixing(null)} />}
    </Flex>
  );
}

function FixDialog({ planId, member, onClose }: { planId: number; member: PlanMemberView; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [profile, setProfile] = useState<FixProfile | null>(null);
  const fix = useFormModal({
    schema: fixAndResubmitSchema,
    open: true,
    defaultValues: () => ({ planId, memberId: member.id, appName: '', appSlogan: '', appDesc: '', categoryIds: [] as string[] }),
    action: fixAndResubmitPlanMerchant,
    success: t('plans.fix.done'),
    onSuccess: onClose,
  });
  const { reset } = fix;

  useEffect(() => {
    let alive = true;
    void loadPlanFix({ planId, memberId: member.id }).then((r) => {
      if (!alive) return;
      if (!r.ok) {
        message.error(translateMessage(t, r.error, r.params));
        onClose();
        return;
      }
      setProfile(r.data);
      reset({ planId, memberId: member.id, appName: r.data.appName, appSlogan: r.data.appSlogan, appDesc: r.data.appDesc, categoryIds: r.data.categoryIds });
    });
    return () => {
      alive = false;
    };
  }, [planId, member.id, message, onClose, t, reset]);

  const reason = renderItemMessage(t, member.message, member.messageParams);

  return (
    <FormModal form={fix} open title={t('plans.fix.title', { name: member.merchantName })} onClose={onClose} okText={t('plans.fix.submit')} okButtonProps={{ disabled: !profile }} width={640}>
      {reason && <Alert type="error" showIcon title={t('plans.fix.reason')} description={reason} style={{ marginBottom: 16 }} />}
      {!profile ? (
        <Spin tip={t('plans.fix.loading')}>
          <div style={{ height: 80 }} />
        </Spin>
      ) : (
        <>
          <FormField control={fix.control} name="appName" label={t('plans.fix.appName')} render={(f) => <Input {...f} aria-label={t('plans.fix.appName')} disabled={profile.nameLocked} />} />
          <FormField control={fix.control} name="appSlogan" label={t('plans.fix.appSlogan')} render={(f) => <Input {...f} aria-label={t('plans.fix.appSlogan')} />} />
          <FormField control={fix.control} name="appDesc" label={t('plans.fix.appDesc')} render={(f) => <Input.TextArea {...f} aria-label={t('plans.fix.appDesc')} rows={3} />} />
          <FormField
            control={fix.control}
            name="categoryIds"
            label={t('plans.fix.categories')}
            render={(f) => (
              <Cascader
                id={f.id}
                status={f.status}
                aria-label={t('plans.fix.categories')}
                multiple
                showCheckedStrategy={Cascader.SHOW_CHILD}
                options={profile.tree}
                value={f.value.map((id: string) => id.split('_'))}
                onChange={(paths) => f.onChange((paths as string[][]).filter((p) => p.length === 2).map((p) => `${p[0]}_${p[1]}`))}
                onBlur={f.onBlur}
                style={{ width: '100%' }}
              />
            )}
          />
        </>
      )}
    </FormModal>
  );
}
