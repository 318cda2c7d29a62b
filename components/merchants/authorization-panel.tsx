'use client';
import { CopyOutlined, DownloadOutlined, LinkOutlined, ReloadOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Descriptions, Empty, Flex, Image, Input, Modal, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { checkTokensNow, generateAuthorizationLink, revokeLink } from '@/app/(console)/merchants/[id]/authorization/actions';
import type { LinkState } from '@/lib/authorization/link-token';
import { formatDateTime } from '@/lib/format';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import type { MerchantAppView } from '@/lib/merchants/view';
import { AppStatusTag, TokenHealthTag } from './status-tags';

export interface LinkRow {
  id: number;
  hint: string;
  state: LinkState;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastOpenedAt: string | null;
  lastUsedAt: string | null;
  createdBy: string | null;
}

interface Generated {
  url: string;
  qr: string;
  expiresAt: string;
  ttlDays: number;
}

const LINK_COLORS: Record<LinkState, string> = { active: 'success', expired: 'default', revoked: 'error' };

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Plain http on a LAN address has no Clipboard API: fall back to a selected textarea.
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export function AuthorizationPanel({
  merchantId,
  merchantName,
  archived,
  links,
  apps,
  canEdit,
}: {
  merchantId: number;
  merchantName: string;
  archived: boolean;
  links: LinkRow[];
  apps: MerchantAppView[];
  canEdit: boolean;
}) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, start] = useTransition();
  const [generated, setGenerated] = useState<Generated | null>(null);
  const active = links.find((l) => l.state === 'active');
  const never = t('authorization.link.never');

  const generate = () =>
    start(async () => {
      const r = await generateAuthorizationLink({ merchantId });
      if (r.ok) {
        setGenerated(r.data);
        router.refresh();
      } else message.error(translateMessage(t, r.error, r.params));
    });
  const revoke = (linkId: number) =>
    start(async () => {
      const r = await revokeLink({ merchantId, linkId });
      if (r.ok) message.success(t('authorization.link.revoked'));
      else message.error(translateMessage(t, r.error, r.params));
    });
  const check = () =>
    start(async () => {
      const r = await checkTokensNow({ merchantId });
      if (r.ok) message.success(t('authorization.apps.checked', r.data));
      else message.error(translateMessage(t, r.error, r.params));
    });

  const generateButton = active ? (
    <Popconfirm title={t('authorization.link.regenerate')} description={t('authorization.link.regenerateConfirm')} onConfirm={generate}>
      <Button icon={<ReloadOutlined />} loading={pending}>
        {t('authorization.link.regenerate')}
      </Button>
    </Popconfirm>
  ) : (
    <Button type="primary" icon={<LinkOutlined />} loading={pending} onClick={generate}>
      {t('authorization.link.generate')}
    </Button>
  );

  const blockedApps = apps.filter((a) => a.status !== 'authorized');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('authorization.link.title')}
        extra={
          canEdit &&
          !archived && (
            <Space>
              {active && (
                <Popconfirm title={t('authorization.link.revoke')} description={t('authorization.link.revokeConfirm')} onConfirm={() => revoke(active.id)} okButtonProps={{ danger: true }}>
                  <Button danger icon={<StopOutlined />} loading={pending}>
                    {t('authorization.link.revoke')}
                  </Button>
                </Popconfirm>
              )}
              {generateButton}
            </Space>
          )
        }
      >
        {archived && <Alert type="warning" showIcon title={t('merchants.archivedBlocked')} style={{ marginBottom: 16 }} />}
        {active ? (
          <Descriptions column={{ xs: 1, md: 3 }} size="small" data-testid="active-link">
            <Descriptions.Item label={t('common.status')}>
              <Tag color={LINK_COLORS.active}>{t('authorization.link.states.active')}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('authorization.link.ending')}>…{active.hint}</Descriptions.Item>
            <Descriptions.Item label={t('authorization.link.expiresAt')}>{formatDateTime(active.expiresAt, { seconds: false })}</Descriptions.Item>
            <Descriptions.Item label={t('authorization.link.createdAt')}>{formatDateTime(active.createdAt, { seconds: false })}</Descriptions.Item>
            <Descriptions.Item label={t('authorization.link.createdBy')}>{active.createdBy ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('authorization.link.lastOpened')}>{active.lastOpenedAt ? formatDateTime(active.lastOpenedAt, { seconds: false }) : never}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span style={{ maxWidth: 520, display: 'inline-block' }}>{t('authorization.link.none')}</span>} />
        )}
        {links.length > 0 && (
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'history',
                label: `${t('authorization.link.history')}（${links.length}）`,
                children: (
                  <Table<LinkRow>
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={links}
                    columns={[
                      { title: t('authorization.link.ending'), dataIndex: 'hint', render: (h: string) => `…${h}` },
                      { title: t('common.status'), dataIndex: 'state', render: (s: LinkState) => <Tag color={LINK_COLORS[s]}>{t(`authorization.link.states.${s}`)}</Tag> },
                      { title: t('authorization.link.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, { seconds: false }) },
                      { title: t('authorization.link.createdBy'), dataIndex: 'createdBy', render: (v: string | null) => v ?? '—' },
                      { title: t('authorization.link.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => formatDateTime(v, { seconds: false }) },
                      { title: t('authorization.link.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatDateTime(v, { seconds: false }) : never) },
                    ]}
                  />
                ),
              },
            ]}
          />
        )}
      </Card>

      <Card
        title={t('authorization.apps.title')}
        extra={
          canEdit &&
          apps.some((a) => a.status !== 'cancelled') && (
            <Button icon={<SafetyCertificateOutlined />} loading={pending} onClick={check}>
              {t('authorization.apps.checkNow')}
            </Button>
          )
        }
      >
        {blockedApps.map((a) => (
          <Alert
            key={a.id}
            type={a.status === 'cancelled' ? 'error' : 'warning'}
            showIcon
            style={{ marginBottom: 12 }}
            title={`${a.appName ?? a.authAppId}（${a.authAppId}）：${t(`authorization.apps.statuses.${a.status}`)}${a.endedAt ? ` · ${formatDateTime(a.endedAt, { seconds: false })}` : ''}`}
            description={a.blocked ? t(a.blocked) : undefined}
          />
        ))}
        <Table<MerchantAppView>
          rowKey="id"
          dataSource={apps}
          pagination={false}
          size="middle"
          scroll={{ x: 960 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('authorization.apps.empty')} /> }}
          columns={[
            {
              title: t('authorization.apps.appName'),
              key: 'app',
              render: (_, a) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{a.appName ?? '—'}</Typography.Text>
                  <Typography.Text type="secondary" copyable={{ text: a.authAppId }}>
                    {a.authAppId}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('authorization.apps.status'), dataIndex: 'status', width: 130, render: (_, a) => <AppStatusTag status={a.status} /> },
            { title: t('authorization.apps.authorizedAt'), dataIndex: 'authorizedAt', width: 160, render: (v: string) => formatDateTime(v, { seconds: false }) },
            {
              title: t('authorization.apps.healthLabel'),
              key: 'health',
              width: 130,
              render: (_, a) => {
                const detail = a.lastRefreshError ?? (a.lastCheckResult === 'error' ? a.lastCheckError : null);
                return detail ? (
                  <Tooltip title={detail}>
                    <span>
                      <TokenHealthTag health={a.health} />
                    </span>
                  </Tooltip>
                ) : (
                  <TokenHealthTag health={a.health} />
                );
              },
            },
            { title: t('authorization.apps.lastCheck'), dataIndex: 'lastCheckedAt', width: 160, render: (v: string | null) => (v ? formatDateTime(v, { seconds: false }) : never) },
            { title: t('authorization.apps.refreshExpires'), dataIndex: 'refreshExpiresAt', width: 160, render: (v: string | null) => (v ? formatDateTime(v, { seconds: false }) : '—') },
            { title: t('authorization.apps.userId'), dataIndex: 'userId', width: 170, render: (v: string | null) => v ?? '—' },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('authorization.apps.tokenNote')}
        </Typography.Paragraph>
      </Card>

      <Modal open={generated !== null} title={t('authorization.link.generatedTitle')} onCancel={() => setGenerated(null)} footer={null} width={560} destroyOnHidden>
        {generated && (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Alert type="info" showIcon title={t('authorization.link.sendHint')} description={t('authorization.link.onceHint')} />
            <Space.Compact style={{ width: '100%' }}>
              <Input readOnly value={generated.url} aria-label={t('authorization.link.title')} data-testid="authorization-link" onFocus={(e) => e.target.select()} />
              <Button
                type="primary"
                icon={<CopyOutlined />}
                onClick={async () => {
                  if (await copyText(generated.url)) message.success(t('authorization.link.copied'));
                }}
              >
                {t('authorization.link.copy')}
              </Button>
            </Space.Compact>
            <Flex vertical align="center" gap={8}>
              <Image src={generated.qr} alt={t('authorization.link.title')} width={220} height={220} preview={false} style={{ border: '1px solid #f0f0f0', borderRadius: 8 }} />
              <Typography.Text type="secondary">{t('authorization.link.validFor', { days: generated.ttlDays, time: formatDateTime(generated.expiresAt, { seconds: false }) })}</Typography.Text>
              <Button icon={<DownloadOutlined />} href={generated.qr} download={`授权二维码-${merchantName}.png`}>
                {t('authorization.link.downloadQr')}
              </Button>
            </Flex>
          </Space>
        )}
      </Modal>
    </Space>
  );
}
