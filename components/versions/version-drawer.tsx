'use client';
// One version in full: its information, the rejection reason with what to do next, its audit history and every
// operation made on it.
import { Alert, Button, Collapse, Descriptions, Drawer, Empty, Space, Tag, Timeline, Typography } from 'antd';
import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import { useT } from '@/lib/i18n/client';
import { translateMessage } from '@/lib/i18n/core';
import { profilePath } from '@/lib/versions/links';
import { GRAY_PERCENT, VERSION_OPERATIONS } from '@/lib/versions/operations';
import type { VersionEventView, VersionRowView, VersionsView } from '@/lib/versions/view';
import { OperationButtons, type OperationHandlers } from './operation-buttons';
import { VersionStatusTags } from './status-tag';

const AUDIT_KINDS: VersionEventView['kind'][] = ['submitted', 'auditCancelled', 'passed', 'rejected', 'backToDev'];
const KIND_COLOR: Partial<Record<VersionEventView['kind'], string>> = {
  passed: 'green',
  rejected: 'red',
  submitted: 'blue',
  buildFailed: 'red',
  online: 'green',
  rollback: 'orange',
  offline: 'gray',
  corrected: 'orange',
};

function EventLine({ e }: { e: VersionEventView }) {
  const t = useT();
  const who = e.actorEmail ?? (e.source === 'reconciliation' ? t('versions.drawer.system') : t('versions.drawer.platform'));
  const via = e.source === 'notification' ? t('versions.drawer.viaNotification') : e.source === 'reconciliation' && e.actorEmail === null ? t('versions.drawer.viaReconciliation') : '';
  const gray = typeof e.detail?.grayStrategy === 'string' ? ` ${GRAY_PERCENT[e.detail.grayStrategy as keyof typeof GRAY_PERCENT] ?? ''}%` : '';
  const change = e.kind === 'corrected' && e.detail ? `：${String(e.detail.from ?? '—')} → ${String(e.detail.to)}` : '';
  const extSource = e.kind === 'uploaded' && (e.detail?.extSource === 'template' || e.detail?.extSource === 'override') ? ` · ${t(`versions.extSource.${e.detail.extSource}`)}` : '';
  return (
    <div>
      <Typography.Text strong>
        {t(`versions.events.${e.kind}`)}
        {gray}
        {change}
        {extSource}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
        {formatDateTime(e.at)} · {who}
        {via}
        {e.source === 'batch' && e.batchId !== null && (
          <>
            {' · '}
            <Link href={`/batches/${e.batchId}`}>{t('versions.drawer.viaBatch', { id: e.batchId })}</Link>
          </>
        )}
        {e.auditRound !== null && (e.kind === 'submitted' || e.kind === 'passed' || e.kind === 'rejected') && ` · ${t('versions.drawer.auditRound', { n: e.auditRound })}`}
      </Typography.Text>
      {e.reason && (
        <Typography.Paragraph type={e.kind === 'rejected' ? 'danger' : 'secondary'} style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
          {/* The console's own reasons are catalog keys; a reviewer's reason is the platform's text, shown as sent. */}
          {translateMessage(t, e.reason)}
        </Typography.Paragraph>
      )}
      {e.kind === 'submitted' && e.detail?.versionDesc ? (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ margin: '4px 0 0' }}>
          {String(e.detail.versionDesc)}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}

export function VersionDrawer({
  view,
  version,
  onClose,
  handlers,
  canOperate,
}: {
  view: VersionsView;
  version: VersionRowView | null;
  onClose: () => void;
  handlers: OperationHandlers;
  canOperate: boolean;
}) {
  const t = useT();
  const v = version;
  const audit = v?.events.filter((e) => AUDIT_KINDS.includes(e.kind)) ?? [];
  const rejection = v?.events.find((e) => e.kind === 'rejected');
  return (
    <Drawer open={!!v} onClose={onClose} size={720} title={v ? t('versions.drawer.title', { version: v.appVersion }) : ''} destroyOnHidden>
      {v && (
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          <VersionStatusTags v={v} />
          {v.status === 'AUDIT_REJECT' && (
            <Alert
              type="error"
              showIcon
              title={t('versions.drawer.rejected')}
              data-testid="rejection"
              description={
                <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="rejection-reason">
                    {v.rejectReason ?? rejection?.reason ?? '—'}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">{t('versions.drawer.rejectedAt', { time: formatDateTime(v.gmtAuditEnd ?? rejection?.at) })}</Typography.Text>
                  <Typography.Text type="secondary">{t('versions.drawer.fixAndResubmit')}</Typography.Text>
                  {canOperate && (
                    <Space wrap>
                      <OperationButtons v={v} ops={['backToDev']} handlers={handlers} size="middle" />
                      <Button href={profilePath(view.merchantId, view.authAppId)}>{t('versions.drawer.fixProfile')}</Button>
                    </Space>
                  )}
                </Space>
              }
            />
          )}
          {canOperate && (
            <OperationButtons v={v} ops={VERSION_OPERATIONS.filter((op) => !(v.status === 'AUDIT_REJECT' && op === 'backToDev'))} handlers={handlers} size="middle" showReasons />
          )}
          <Descriptions
            title={t('versions.drawer.basics')}
            bordered
            size="small"
            column={1}
            items={[
              { key: 'desc', label: t('versions.drawer.versionDesc'), children: v.versionDesc || '—' },
              {
                key: 'template',
                label: t('versions.drawer.template'),
                children: v.templateId ? (v.templateName ?? v.templateId) : '—',
              },
              { key: 'templateVersion', label: t('versions.drawer.templateVersion'), children: v.templateVersion ?? (v.templateId ? t('versions.table.latestTemplate') : '—') },
              { key: 'build', label: t('versions.drawer.build'), children: v.buildStatus ? t(`versions.build.${v.buildStatus}`) : '—' },
              ...(v.grayStrategy ? [{ key: 'gray', label: t('versions.drawer.grayStrategy'), children: `${GRAY_PERCENT[v.grayStrategy]}%` }] : []),
              ...(v.ext
                ? [
                    {
                      key: 'ext',
                      label: t('versions.drawer.ext'),
                      children: (
                        <>
                          {v.extSource && <Tag color={v.extSource === 'override' ? 'orange' : 'blue'}>{t(`versions.extSource.${v.extSource}`)}</Tag>}
                          <Typography.Paragraph code copyable style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                            {v.ext}
                          </Typography.Paragraph>
                        </>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <Descriptions
            title={t('versions.drawer.times')}
            bordered
            size="small"
            column={2}
            items={[
              { key: 'created', label: t('versions.table.created'), children: formatDateTime(v.gmtCreate) },
              { key: 'submitted', label: t('versions.table.submitted'), children: formatDateTime(v.gmtApplyAudit) },
              { key: 'auditEnd', label: t('versions.table.auditEnd'), children: formatDateTime(v.gmtAuditEnd) },
              { key: 'online', label: t('versions.table.online'), children: formatDateTime(v.gmtOnline) },
              { key: 'offline', label: t('versions.table.offline'), children: formatDateTime(v.gmtOffline) },
            ]}
          />
          <div data-testid="audit-history">
            <Typography.Title level={5}>{t('versions.drawer.history')}</Typography.Title>
            {audit.length ? (
              <Timeline items={audit.map((e) => ({ key: e.id, color: KIND_COLOR[e.kind] ?? 'blue', content: <EventLine e={e} /> }))} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('versions.drawer.historyEmpty')} />
            )}
          </div>
          <Collapse
            items={[
              {
                key: 'all',
                label: t('versions.drawer.allEvents'),
                children: <Timeline items={v.events.map((e) => ({ key: e.id, color: KIND_COLOR[e.kind] ?? 'gray', content: <EventLine e={e} /> }))} />,
              },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}
