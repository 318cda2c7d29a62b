'use client';
import { Space, Tag } from 'antd';
import type { VersionRowView } from '@/lib/versions/view';
import { GRAY_PERCENT } from '@/lib/versions/operations';
import { isKnownVersionStatus } from '@/lib/alipay/vocabulary';
import { useT } from '@/lib/i18n/client';

const STATUS_COLOR: Record<string, string> = {
  INIT: 'blue',
  AUDITING: 'processing',
  AUDIT_REJECT: 'error',
  WAIT_RELEASE: 'cyan',
  BASE_AUDIT_PASS: 'geekblue',
  GRAY: 'orange',
  RELEASE: 'success',
  OFFLINE: 'default',
  AUDIT_OFFLINE: 'red',
  unconfirmed: 'processing',
};

/** The platform status, with what else matters at a glance: gray share, build, experience, an unknown outcome. */
export function VersionStatusTags({ v, compact }: { v: VersionRowView; compact?: boolean }) {
  const t = useT();
  const status = v.status ?? 'unconfirmed';
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[status]} data-testid="version-status">
        {/* A status the contract does not name is shown raw (§8). */}
        {v.status === null || isKnownVersionStatus(v.status) ? t(`versions.status.${status}`) : v.status}
        {v.status === 'GRAY' && v.grayStrategy ? ` ${GRAY_PERCENT[v.grayStrategy]}%` : ''}
      </Tag>
      {v.buildStatus && v.buildStatus !== 'success' && (
        <Tag color={v.buildStatus === 'failed' || v.buildStatus === 'timeout' ? 'error' : 'processing'}>{t(`versions.build.${v.buildStatus}`)}</Tag>
      )}
      {!compact && v.experience !== 'none' && <Tag color="purple">{t(`versions.experienceTag.${v.experience}`)}</Tag>}
      {v.pending && <Tag color="warning">{t('versions.pendingTag')}</Tag>}
    </Space>
  );
}
