'use client';
import {
  AppstoreOutlined,
  BellOutlined,
  BranchesOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FileSearchOutlined,
  LogoutOutlined,
  RocketOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  LineChartOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '@/components/language-switch';
import { UnreadBadge } from '@/components/messages/unread-badge';
import { useHydrated } from '@/components/use-hydrated';
import { signOutToLogin } from '@/lib/auth/sign-out';
import type { SessionUser } from '@/lib/auth/guard';
import { canManageStaff } from '@/lib/auth/roles';
import { useT } from '@/lib/i18n/client';

const ROLE_COLOR = { owner: 'gold', operator: 'blue', viewer: 'default' } as const;

export function ConsoleShell({ user, mode, children }: { user: SessionUser; mode: 'sandbox' | 'production'; children: ReactNode }) {
  const t = useT();
  // Marks the page interactive (for tests that must not type before React has taken over).
  const hydrated = useHydrated();
  const pathname = usePathname();
  const items = [
    { key: '/dashboard', icon: <DashboardOutlined />, label: t('nav.dashboard') },
    { key: '/merchants', icon: <ShopOutlined />, label: t('nav.merchants') },
    { key: '/templates', icon: <AppstoreOutlined />, label: t('nav.templates') },
    { key: '/batches', icon: <ThunderboltOutlined />, label: t('nav.batches') },
    { key: '/plans', icon: <RocketOutlined />, label: t('nav.plans') },
    { key: '/drift', icon: <BranchesOutlined />, label: t('nav.drift') },
    { key: '/analytics', icon: <LineChartOutlined />, label: t('analytics.title') },
    { key: '/messages', icon: <BellOutlined />, label: t('nav.messages') },
    { key: '/operation-log', icon: <FileSearchOutlined />, label: t('nav.operationLog') },
    ...(canManageStaff(user.role) ? [{ key: '/staff', icon: <TeamOutlined />, label: t('nav.staff') }] : []),
    { key: '/settings', icon: <SettingOutlined />, label: t('nav.settings') },
    ...(mode === 'sandbox' ? [{ key: '/sandbox', icon: <ExperimentOutlined />, label: t('nav.sandbox') }] : []),
  ].map((i) => ({ ...i, label: <Link href={i.key}>{i.label}</Link> }));
  const selected = items.find((i) => pathname === i.key || pathname.startsWith(`${i.key}/`))?.key;

  return (
    <Layout style={{ minHeight: '100vh' }} data-hydrated={hydrated}>
      <Layout.Sider width={216} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: '0 20px', gap: 8, borderBottom: '1px solid #f0f0f0' }}>
          <AppstoreOutlined style={{ fontSize: 20, color: '#1677ff' }} />
          <Typography.Text strong style={{ fontSize: 15 }}>
            {t('app.short')}
          </Typography.Text>
        </div>
        <nav aria-label="main">
          <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} style={{ borderInlineEnd: 0 }} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', height: 56, lineHeight: '56px', padding: '0 24px', display: 'flex', justifyContent: 'space-between', alignItems: 'center', borderBottom: '1px solid #f0f0f0' }}
        >
          <Space>
            <Tag color={mode === 'sandbox' ? 'purple' : 'green'}>{mode === 'sandbox' ? t('header.sandboxMode') : t('header.productionMode')}</Tag>
          </Space>
          <Space size="middle">
            <UnreadBadge />
            <LanguageSwitch />
            <Space data-testid="current-user">
              <Avatar size="small" style={{ background: '#1677ff' }}>
                {user.name.slice(0, 1).toUpperCase()}
              </Avatar>
              <Typography.Text>{user.name}</Typography.Text>
              <Tag color={ROLE_COLOR[user.role]} data-testid="current-role">
                {t(`roles.${user.role}`)}
              </Tag>
            </Space>
            <Tooltip title={user.email}>
              <Button icon={<LogoutOutlined />} onClick={() => signOutToLogin()}>
                {t('header.signOut')}
              </Button>
            </Tooltip>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
