'use client';
import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { cancelMiniAppAuthorization } from '@/app/(console)/sandbox/actions';
import { useT } from '@/lib/i18n/client';
import { at } from './format';
import type { AuthorizationView } from './types';
import { useActionRunner } from './use-action-runner';

const STATUS_COLOR = { valid: 'green', replaced: 'default', refreshed: 'default', cancelled: 'red' } as const;

export function AuthorizationsPanel({ rows, canEdit }: { rows: AuthorizationView[]; canEdit: boolean }) {
  const t = useT();
  const { run, pending } = useActionRunner();
  const sorted = [...rows].sort((a, b) => Number(b.status === 'valid') - Number(a.status === 'valid') || b.authStart - a.authStart);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('sandbox.authorizations.help')}</Typography.Text>
      <Table<AuthorizationView>
        size="small"
        rowKey="key"
        dataSource={sorted}
        loading={pending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('sandbox.authorizations.none') }}
        columns={[
          {
            title: t('sandbox.columns.miniApp'),
            key: 'app',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{r.appName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.authAppId}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('sandbox.columns.merchant'), key: 'merchant', render: (_, r) => r.logonId ?? r.userId },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 130,
            filters: (['valid', 'replaced', 'refreshed', 'cancelled'] as const).map((s) => ({ value: s, text: t(`sandbox.authorizations.status.${s}`) })),
            onFilter: (value, r) => r.status === value,
            render: (s: AuthorizationView['status']) => <Tag color={STATUS_COLOR[s]}>{t(`sandbox.authorizations.status.${s}`)}</Tag>,
          },
          { title: t('sandbox.authorizations.since'), dataIndex: 'authStart', width: 170, render: at },
          { title: t('sandbox.authorizations.ended'), dataIndex: 'endedAt', width: 170, render: at },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, r: AuthorizationView) =>
                    r.status === 'valid' && (
                      <Popconfirm
                        title={t('sandbox.authorizations.cancelConfirm', { name: r.appName })}
                        description={t('sandbox.authorizations.cancelEffect')}
                        onConfirm={() => run(() => cancelMiniAppAuthorization({ appId: r.authAppId }), t('sandbox.authorizations.cancelled'))}
                      >
                        <Button size="small" danger>
                          {t('sandbox.authorizations.cancel')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
