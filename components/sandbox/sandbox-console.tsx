'use client';
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Flex, Space, Switch, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition, type ReactNode } from 'react';
import { PageHeader } from '@/components/page-header';
import { useT } from '@/lib/i18n/client';
import { AccountsPanel } from './accounts-panel';
import { AuditsPanel } from './audits-panel';
import { AuthorizationsPanel } from './authorizations-panel';
import { FaultsPanel } from './faults-panel';
import { InvitationsPanel } from './invitations-panel';
import { MessagesPanel } from './messages-panel';
import { RequestsPanel } from './requests-panel';
import { PlatformListsPanel } from './platform-lists-panel';
import { SettingsPanel } from './settings-panel';
import { TemplatesPanel } from './templates-panel';
import type { SandboxTab, SandboxViewData } from './types';

const REFRESH_MS = 3000;
/** Tabs whose content changes by itself (the gateway and the outbox keep working): refreshed while shown. */
const LIVE_TABS: SandboxTab[] = ['audits', 'requests', 'messages'];

function useAutoRefresh(enabled: boolean) {
  const router = useRouter();
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [enabled, router]);
}

export function SandboxConsole({ data, initialTab }: { data: SandboxViewData; initialTab: SandboxTab }) {
  const t = useT();
  const router = useRouter();
  const [tab, setTab] = useState<SandboxTab>(initialTab);
  const [live, setLive] = useState(true);
  const [refreshing, startRefresh] = useTransition();
  useAutoRefresh(live && LIVE_TABS.includes(tab));

  const changeTab = (key: string) => {
    setTab(key as SandboxTab);
    window.history.replaceState(null, '', `?tab=${key}`);
  };

  const pendingInvitations = data.invitations.filter((i) => i.status === 'INVITED').length;
  const givenUp = data.messages.filter((m) => m.status === 'given_up').length;
  const label = (text: string, count = 0, color?: string): ReactNode => (
    <Space size={6}>
      {text}
      {count > 0 && <Badge count={count} size="small" color={color} />}
    </Space>
  );

  const items = [
    { key: 'audits', label: label(t('sandbox.tabs.audits'), data.audits.length), children: <AuditsPanel data={data} /> },
    { key: 'authorizations', label: t('sandbox.tabs.authorizations'), children: <AuthorizationsPanel rows={data.authorizations} canEdit={data.canEdit} /> },
    { key: 'accounts', label: t('sandbox.tabs.accounts'), children: <AccountsPanel rows={data.accounts} canEdit={data.canEdit} /> },
    {
      key: 'invitations',
      label: label(t('sandbox.tabs.invitations'), pendingInvitations),
      children: <InvitationsPanel rows={data.invitations} autoAccept={data.settings.invitationAutoAccept} canEdit={data.canEdit} />,
    },
    { key: 'templates', label: t('sandbox.tabs.templates'), children: <TemplatesPanel templates={data.templates} canEdit={data.canEdit} /> },
    {
      key: 'faults',
      label: label(t('sandbox.tabs.faults'), data.faults.length, 'orange'),
      children: <FaultsPanel rules={data.faults} methods={data.methods} canEdit={data.canEdit} />,
    },
    { key: 'requests', label: t('sandbox.tabs.requests'), children: <RequestsPanel rows={data.requests} /> },
    { key: 'messages', label: label(t('sandbox.tabs.messages'), givenUp), children: <MessagesPanel rows={data.messages} canEdit={data.canEdit} /> },
    { key: 'settings', label: t('sandbox.tabs.settings'), children: (
        <>
          <SettingsPanel settings={data.settings} canEdit={data.canEdit} />
          <PlatformListsPanel sensitiveWords={data.settings.sensitiveWords} blockedDomains={data.settings.blockedDomains} canEdit={data.canEdit} />
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('sandbox.title')}
        extra={
          <Space>
            <Tag color="purple" data-testid="review-mode">{data.settings.reviewMode === 'manual' ? t('sandbox.review.manual') : t('sandbox.review.auto')}</Tag>
            {data.faults.length > 0 && <Tag color="orange">{t('sandbox.faults.active', { count: data.faults.length })}</Tag>}
          </Space>
        }
      >
        <Typography.Text type="secondary">{t('sandbox.subtitle')}</Typography.Text>
      </PageHeader>
      {!data.canEdit && <Alert type="info" showIcon title={t('sandbox.readOnly')} style={{ marginBottom: 16 }} data-testid="sandbox-read-only" />}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap="8px 32px">
          {[
            { label: t('sandbox.identity.appId'), value: data.isvAppId },
            { label: t('sandbox.identity.gateway'), value: data.gateway },
            { label: t('sandbox.identity.openAuth'), value: data.openAuthUrl },
          ].map((item) => (
            <span key={item.label}>
              <Typography.Text type="secondary">{item.label}：</Typography.Text>
              <Typography.Text copyable>{item.value}</Typography.Text>
            </span>
          ))}
        </Flex>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={changeTab}
          items={items}
          destroyOnHidden
          tabBarExtraContent={
            <Space>
              <Tooltip title={t('sandbox.autoRefreshHelp')}>
                <Space size={6}>
                  <Switch size="small" checked={live} onChange={setLive} aria-label={t('sandbox.autoRefresh')} />
                  <Typography.Text type="secondary">{t('sandbox.autoRefresh')}</Typography.Text>
                </Space>
              </Tooltip>
              <Button size="small" icon={<ReloadOutlined />} loading={refreshing} onClick={() => startRefresh(() => router.refresh())}>
                {t('sandbox.refresh')}
              </Button>
            </Space>
          }
        />
      </Card>
    </>
  );
}
