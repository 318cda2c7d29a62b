'use client';
import { DeleteOutlined, EditOutlined, InboxOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Flex, Popconfirm, Space, Tabs, Tooltip, Typography } from 'antd';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { archiveMerchantAction, deleteMerchantAction, restoreMerchantAction } from '@/app/(console)/merchants/actions';
import type { ActionResult } from '@/lib/actions/result';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import type { MerchantView } from '@/lib/merchants/view';
import { MerchantFormModal } from './merchant-form-modal';
import { ArchivedTag, MerchantStatusTag } from './status-tags';

const TABS = ['overview', 'authorization', 'profile', 'versions', 'members', 'codes', 'analytics'] as const;

export function MerchantHeader({ merchant, canEdit, deletable }: { merchant: MerchantView; canEdit: boolean; deletable: boolean }) {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [pending, start] = useTransition();
  const base = `/merchants/${merchant.id}`;
  const active = TABS.find((tab) => tab !== 'overview' && pathname.startsWith(`${base}/${tab}`)) ?? 'overview';

  const run = (action: () => Promise<ActionResult<unknown>>, done: string, after?: () => void) =>
    start(async () => {
      const r = await action();
      if (r.ok) {
        message.success(done);
        after?.();
      } else message.error(translateMessage(t, r.error, r.params));
    });

  return (
    <div style={{ marginBottom: 16 }}>
      <Breadcrumb items={[{ title: <Link href="/merchants">{t('merchants.title')}</Link> }, { title: merchant.name }]} style={{ marginBottom: 8 }} />
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Space size={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {merchant.name}
          </Typography.Title>
          <MerchantStatusTag status={merchant.authStatus} />
          {merchant.archived && <ArchivedTag />}
        </Space>
        {canEdit && (
          <Space wrap>
            {!merchant.archived && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {merchant.archived ? (
              <Button icon={<RollbackOutlined />} loading={pending} onClick={() => run(() => restoreMerchantAction({ merchantId: merchant.id }), t('merchants.restored'))}>
                {t('merchants.restore')}
              </Button>
            ) : (
              <Popconfirm
                title={t('merchants.archive')}
                description={<div style={{ maxWidth: 320 }}>{t('merchants.archiveConfirm')}</div>}
                onConfirm={() => run(() => archiveMerchantAction({ merchantId: merchant.id }), t('merchants.archived'))}
              >
                <Button icon={<InboxOutlined />} loading={pending}>
                  {t('merchants.archive')}
                </Button>
              </Popconfirm>
            )}
            <Tooltip title={deletable ? undefined : t('merchants.deleteHint')}>
              <Popconfirm
                title={t('merchants.delete')}
                description={t('merchants.deleteConfirm')}
                disabled={!deletable}
                okButtonProps={{ danger: true }}
                onConfirm={() => run(() => deleteMerchantAction({ merchantId: merchant.id }), t('merchants.deleted'), () => router.push('/merchants'))}
              >
                <Button danger icon={<DeleteOutlined />} disabled={!deletable}>
                  {t('merchants.delete')}
                </Button>
              </Popconfirm>
            </Tooltip>
          </Space>
        )}
      </Flex>
      <Tabs
        activeKey={active}
        style={{ marginTop: 8, marginBottom: -16 }}
        onChange={(key) => router.push(key === 'overview' ? base : `${base}/${key}`)}
        items={TABS.map((tab) => ({ key: tab, label: tab === 'analytics' ? t('analytics.tab') : t(`merchants.tabs.${tab}`) }))}
      />
      {canEdit && <MerchantFormModal open={editing} merchant={merchant} onClose={() => setEditing(false)} onSaved={() => router.refresh()} />}
    </div>
  );
}
