'use client';
import { Button, Card, Descriptions, Flex, Form, Input, InputNumber, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { decideAudit, setReviewMode } from '@/app/(console)/sandbox/actions';
import { decideAuditSchema, reviewSettingsSchema, type ReviewSettingsInput } from '@/lib/sandbox/control-page/schemas';
import { FormField } from '@/components/form-field';
import { FormModal, useFormModal } from '@/components/form-modal';
import { useT } from '@/lib/i18n/client';
import { at } from './format';
import type { AuditDecisionView, PendingAuditView, SandboxViewData } from './types';
import { useActionRunner } from './use-action-runner';

export function AuditsPanel({ data }: { data: SandboxViewData }) {
  const t = useT();
  const { settings, canEdit } = data;
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('sandbox.review.settings')}>
        {canEdit ? (
          <ReviewSettingsForm initial={{ reviewMode: settings.reviewMode, reviewDelayMs: settings.reviewDelayMs }} />
        ) : (
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'mode', label: t('sandbox.review.mode'), children: settings.reviewMode === 'manual' ? t('sandbox.review.manual') : t('sandbox.review.auto') },
              { key: 'delay', label: t('sandbox.review.delay'), children: `${settings.reviewDelayMs} ${t('sandbox.units.ms')}` },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('sandbox.review.pending')} data-testid="pending-audits">
        <PendingAudits rows={data.audits} canEdit={canEdit} manual={settings.reviewMode === 'manual'} />
      </Card>
      <Card size="small" title={t('sandbox.review.recent')}>
        <RecentDecisions rows={data.decisions} />
      </Card>
    </Flex>
  );
}

function ReviewSettingsForm({ initial }: { initial: ReviewSettingsInput }) {
  const t = useT();
  const form = useFormModal({
    schema: reviewSettingsSchema,
    defaultValues: () => initial,
    liveValues: initial,
    action: setReviewMode,
    report: 'toast',
    refresh: false,
    onSuccess: (_, values) => form.reset(values),
  });
  const { control, formState } = form;
  const mode = useWatch({ control, name: 'reviewMode' });
  return (
    <Form layout="inline" component="form" onFinish={() => void form.submit()} style={{ rowGap: 8 }}>
      <FormField
        control={control}
        name="reviewMode"
        label={t('sandbox.review.mode')}
        render={({ value, onChange, id }) => (
          <Radio.Group
            id={id}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            optionType="button"
            options={[
              { value: 'auto', label: t('sandbox.review.auto') },
              { value: 'manual', label: t('sandbox.review.manual') },
            ]}
          />
        )}
      />
      <FormField
        control={control}
        name="reviewDelayMs"
        label={t('sandbox.review.delay')}
        render={({ value, onChange, onBlur, id, status }) => (
          <InputNumber
            id={id}
            value={value}
            onChange={(v) => onChange(v)}
            onBlur={onBlur}
            status={status}
            min={0}
            step={500}
            suffix={t('sandbox.units.ms')}
            disabled={mode === 'manual'}
            style={{ width: 160 }}
          />
        )}
      />
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting} disabled={!formState.isDirty}>
          {t('common.save')}
        </Button>
      </Form.Item>
    </Form>
  );
}

function PendingAudits({ rows, canEdit, manual }: { rows: PendingAuditView[]; canEdit: boolean; manual: boolean }) {
  const t = useT();
  const { run, pending } = useActionRunner();
  const [rejecting, setRejecting] = useState<PendingAuditView | null>(null);
  return (
    <>
      <Table<PendingAuditView>
        size="small"
        rowKey={(r) => `${r.appId}@${r.appVersion}@${r.bundleId}`}
        dataSource={rows}
        pagination={false}
        loading={pending}
        locale={{ emptyText: t('sandbox.review.none') }}
        columns={[
          {
            title: t('sandbox.columns.miniApp'),
            key: 'app',
            width: 180,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{r.appName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.appId}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('sandbox.columns.version'),
            dataIndex: 'appVersion',
            width: 110,
            render: (v: string, r) => (
              <Space orientation="vertical" size={0}>
                {v}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('sandbox.review.templateVersion', { version: r.templateVersion })}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('sandbox.review.versionDesc'),
            dataIndex: 'versionDesc',
            ellipsis: true,
            render: (v: string | null, r) => (
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Typography.Text ellipsis={{ tooltip: v }}>{v ?? '—'}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('sandbox.review.screenshots', { count: r.screenshotCount })}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('sandbox.review.appliedAt'), dataIndex: 'gmtApplyAudit', width: 160, render: at },
          {
            title: t('sandbox.review.suggestion'),
            key: 'suggestion',
            width: 180,
            render: (_, r) =>
              r.suggestedRejections.length === 0 ? (
                <Tag color="green">{t('sandbox.review.wouldPass')}</Tag>
              ) : (
                <Space orientation="vertical" size={2}>
                  {r.suggestedRejections.map((s) => (
                    <Tag key={s} color="orange" style={{ whiteSpace: 'normal' }}>
                      {s}
                    </Tag>
                  ))}
                </Space>
              ),
          },
          {
            title: t('sandbox.review.decidesAt'),
            dataIndex: 'reviewDueAt',
            width: 140,
            render: (v: number | null) => (v ? at(v) : <Tag>{manual ? t('sandbox.review.waitingPerson') : '—'}</Tag>),
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 200,
                  render: (_: unknown, r: PendingAuditView) => (
                    <Space wrap>
                      <Popconfirm
                        title={t('sandbox.review.passConfirm', { version: r.appVersion })}
                        onConfirm={() => run(() => decideAudit({ appId: r.appId, appVersion: r.appVersion, bundleId: r.bundleId, pass: true }), t('sandbox.review.passed'))}
                      >
                        <Button size="small" type="primary">
                          {t('sandbox.review.pass')}
                        </Button>
                      </Popconfirm>
                      {r.auditRule === 'BASE_PROMOTE' && (
                        <Popconfirm
                          title={t('sandbox.review.admissionOnlyConfirm', { version: r.appVersion })}
                          onConfirm={() =>
                            run(
                              () => decideAudit({ appId: r.appId, appVersion: r.appVersion, bundleId: r.bundleId, pass: true, admissionOnly: true, reason: r.suggestedRejections.join('；') || undefined }),
                              t('sandbox.review.admissionOnlyDone'),
                            )
                          }
                        >
                          <Button size="small">{t('sandbox.review.admissionOnly')}</Button>
                        </Popconfirm>
                      )}
                      <Button size="small" danger onClick={() => setRejecting(r)}>
                        {t('sandbox.review.reject')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {rejecting && <RejectModal audit={rejecting} onClose={() => setRejecting(null)} />}
    </>
  );
}

function RejectModal({ audit, onClose }: { audit: PendingAuditView; onClose: () => void }) {
  const t = useT();
  const form = useFormModal({
    schema: decideAuditSchema,
    defaultValues: () => ({ appId: audit.appId, appVersion: audit.appVersion, bundleId: audit.bundleId, pass: false, reason: audit.suggestedRejections.join('；') }),
    action: decideAudit,
    report: 'toast',
    refresh: false,
    onSuccess: onClose,
  });
  return (
    <FormModal form={form} open title={t('sandbox.review.rejectTitle', { name: audit.appName, version: audit.appVersion })} okText={t('sandbox.review.reject')} onClose={onClose} okButtonProps={{ danger: true }}>
        <FormField
          control={form.control}
          name="reason"
          label={t('sandbox.review.reason')}
          required
          extra={t('sandbox.review.reasonHelp')}
          render={(f) => <Input.TextArea {...f} value={f.value ?? ''} rows={4} maxLength={500} showCount />}
        />
    </FormModal>
  );
}

function RecentDecisions({ rows }: { rows: AuditDecisionView[] }) {
  const t = useT();
  return (
    <Table<AuditDecisionView>
      size="small"
      rowKey="messageId"
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('sandbox.review.noDecisions') }}
      columns={[
        { title: t('sandbox.columns.time'), dataIndex: 'at', width: 170, render: at },
        { title: t('sandbox.columns.miniApp'), dataIndex: 'appId', width: 170 },
        { title: t('sandbox.columns.version'), dataIndex: 'appVersion', width: 90 },
        {
          title: t('sandbox.review.result'),
          dataIndex: 'passed',
          width: 90,
          render: (passed: boolean) => (passed ? <Tag color="green">{t('sandbox.review.passedTag')}</Tag> : <Tag color="red">{t('sandbox.review.rejectedTag')}</Tag>),
        },
        { title: t('sandbox.review.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}
