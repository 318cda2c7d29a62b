'use client';
// The Versions tab of one authorized mini-program: cards for the online, audit/gray and experience versions, the
// table of all versions, the detail drawer, and every operation the contract allows for each version's status.
// Self-contained: it reloads its own data (refreshVersions) after operations and while something is in progress.
import { CloudUploadOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { refreshVersions } from '@/app/(console)/mini-apps/actions';
import { formatDateTime } from '@/lib/format';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import type { VersionOperation } from '@/lib/versions/operations';
import type { VersionRowView, VersionsView } from '@/lib/versions/view';
import { AuditWizard } from './audit-wizard';
import { DeleteVersionModal } from './delete-version-modal';
import { GrayModal } from './gray-modal';
import { UploadVersionModal } from './upload-version-modal';
import { useVersionOperations } from './use-version-operations';
import { VersionCards } from './version-cards';
import { VersionDrawer } from './version-drawer';
import { VersionsTable } from './versions-table';

const POLL_MS = 3000;

/** Something the platform is still doing: the tab reads it again until it settles. */
function inProgress(view: VersionsView): boolean {
  return view.versions.some(
    (v) => v.status === null || v.status === 'AUDITING' || v.buildStatus === 'queued' || v.buildStatus === 'building' || v.experience === 'packaging' || !!v.pending,
  );
}

export function VersionsTab({ initial, canOperate, focusVersion }: { initial: VersionsView; canOperate: boolean; focusVersion?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [view, setView] = useState(initial);
  const [detail, setDetail] = useState<string | null>(focusVersion ?? null);
  const [uploading, setUploading] = useState(false);
  const [auditFor, setAuditFor] = useState<string | null>(null);
  const [grayFor, setGrayFor] = useState<string | null>(null);
  const [deleteFor, setDeleteFor] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const loading = useRef(false);
  // New data from the server (the page was rendered again) replaces what the tab holds.
  const [shownInitial, setShownInitial] = useState(initial);
  if (initial !== shownInitial) {
    setShownInitial(initial);
    setView(initial);
  }

  const reload = useCallback(
    async (full = false) => {
      if (loading.current) return;
      loading.current = true;
      try {
        const result = await refreshVersions({ merchantAppId: initial.merchantAppId, full });
        if (result.ok) setView(result.data);
      } finally {
        loading.current = false;
      }
    },
    [initial.merchantAppId],
  );

  const busyPolling = inProgress(view);
  useEffect(() => {
    if (!busyPolling) return;
    const timer = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [busyPolling, reload]);

  const ops = useVersionOperations(view, () => reload());
  const byVersion = (v: string | null) => (v ? (view.versions.find((x) => x.appVersion === v) ?? null) : null);

  const onOperation = (op: VersionOperation, v: VersionRowView) => {
    switch (op) {
      case 'submitAudit':
        return setAuditFor(v.appVersion);
      case 'grayRelease':
      case 'widenGray':
        return setGrayFor(v.appVersion);
      case 'delete':
        return setDeleteFor(v.appVersion);
      default:
        return ops.confirm(op, v);
    }
  };
  const handlers = { busy: ops.busy, onOperation };

  const manualRefresh = async () => {
    setRefreshing(true);
    try {
      await reload(true);
      message.success(t('versions.refreshed'));
    } finally {
      setRefreshing(false);
    }
  };

  const { sync } = view;
  // Decisions learnt by reading the platform are routine (messages lag); other disagreements are worth a notice.
  const corrected = sync.corrections.filter((c) => !c.decision);
  const statusLabel = (s: string) => (t.has(`versions.status.${s}`) ? t(`versions.status.${s}`) : s === 'DELETED' ? t('versions.deletedOnPlatform') : s);
  return (
    <div data-testid="versions-tab">
      {view.blocked && <Alert type="error" showIcon title={translateMessage(t, view.blocked)} style={{ marginBottom: 16 }} data-testid="versions-blocked" />}
      {!view.blocked && sync.error && (
        <Alert type="warning" showIcon title={translateMessage(t, sync.error, sync.errorParams)} style={{ marginBottom: 16 }} />
      )}
      {corrected.length > 0 && (
        <Alert
          type="info"
          showIcon
          closable
          title={t('versions.corrected', {
            list: corrected.map((c) => `${c.appVersion}：${c.from ? statusLabel(c.from) : '—'} → ${statusLabel(c.to)}`).join('；'),
          })}
          style={{ marginBottom: 16 }}
          data-testid="versions-corrected"
        />
      )}
      {!canOperate && <Alert type="info" title={t('versions.readOnly')} style={{ marginBottom: 16 }} />}
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} wrap gap={8}>
        <Typography.Text type="secondary">{sync.at ? t('versions.syncedAt', { time: formatDateTime(sync.at) }) : ''}</Typography.Text>
        <Space>
          <Button icon={<SyncOutlined spin={refreshing} />} onClick={manualRefresh} disabled={refreshing || !!view.blocked}>
            {t('versions.refresh')}
          </Button>
          {canOperate && (
            <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setUploading(true)} disabled={!!view.blocked}>
              {t('versions.upload')}
            </Button>
          )}
        </Space>
      </Flex>
      <VersionCards view={view} handlers={handlers} canOperate={canOperate && !view.blocked} onDetail={(v) => setDetail(v.appVersion)} />
      <Card title={t('versions.table.title')}>
        <VersionsTable versions={view.versions} handlers={handlers} canOperate={canOperate && !view.blocked} onDetail={(v) => setDetail(v.appVersion)} />
      </Card>
      <VersionDrawer view={view} version={byVersion(detail)} onClose={() => setDetail(null)} handlers={handlers} canOperate={canOperate && !view.blocked} />
      {canOperate && (
        <>
          <UploadVersionModal view={view} open={uploading} onClose={() => setUploading(false)} onChanged={() => void reload()} />
          <AuditWizard view={view} version={byVersion(auditFor)} onClose={() => setAuditFor(null)} onSubmitted={() => void reload()} />
          <GrayModal
            merchantAppId={view.merchantAppId}
            version={byVersion(grayFor)}
            onClose={() => setGrayFor(null)}
            run={(call) => ops.run(byVersion(grayFor)?.status === 'GRAY' ? 'widenGray' : 'grayRelease', byVersion(grayFor)!, call)}
          />
          <DeleteVersionModal merchantAppId={view.merchantAppId} version={byVersion(deleteFor)} onClose={() => setDeleteFor(null)} run={(call) => ops.run('delete', byVersion(deleteFor)!, call)} />
        </>
      )}
    </div>
  );
}
