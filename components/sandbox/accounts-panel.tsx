'use client';
import { CheckCircleFilled, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { createMerchantAccount, setIcpFiled } from '@/app/(console)/sandbox/actions';
import { merchantAccountSchema } from '@/lib/sandbox/control-page/schemas';
import { FormModal, useFormModal } from '@/components/form-modal';
import { useT } from '@/lib/i18n/client';
import { EMPTY_MERCHANT_ACCOUNT, MerchantAccountFields } from './merchant-account-fields';
import type { MerchantAccountView } from './types';
import { useActionRunner } from './use-action-runner';

export function AccountsPanel({ rows, canEdit }: { rows: MerchantAccountView[]; canEdit: boolean }) {
  const t = useT();
  const [creating, setCreating] = useState(false);
  const { run, pending } = useActionRunner();
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} gap={16}>
        <Typography.Text type="secondary">{t('sandbox.accounts.help')}</Typography.Text>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('sandbox.accounts.create')}
          </Button>
        )}
      </Flex>
      <Table<MerchantAccountView>
        size="small"
        rowKey="userId"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('sandbox.account.name'), dataIndex: 'name' },
          { title: t('sandbox.account.logonId'), dataIndex: 'logonId', render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
          ...(canEdit
            ? [
                {
                  title: t('sandbox.account.password'),
                  dataIndex: 'password',
                  width: 140,
                  render: (v: string | null) => (v ? <Typography.Text copyable code>{v}</Typography.Text> : '—'),
                },
              ]
            : []),
          { title: t('sandbox.accounts.userId'), dataIndex: 'userId', width: 170, render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
          {
            title: t('sandbox.account.miniApps'),
            key: 'apps',
            render: (_, r) =>
              r.miniApps.length === 0 ? (
                <Typography.Text type="secondary">{t('sandbox.accounts.noMiniApps')}</Typography.Text>
              ) : (
                <Space orientation="vertical" size={4}>
                  {r.miniApps.map((m) => (
                    <Space key={m.appId} size={6} wrap>
                      <Tag color={m.authorized ? 'green' : undefined} icon={m.authorized ? <CheckCircleFilled /> : undefined} title={m.appId}>
                        {m.name}
                      </Tag>
                      {/* The ICP gate of version.online (contract §4): off = not filed, online needs a restricted release. */}
                      <Switch
                        size="small"
                        checked={m.icpFiled}
                        disabled={!canEdit || pending}
                        checkedChildren={t('sandbox.icp.filed')}
                        unCheckedChildren={t('sandbox.icp.notFiled')}
                        aria-label={t('sandbox.icp.label', { name: m.name })}
                        onChange={(filed) => run(() => setIcpFiled({ appId: m.appId, filed }), filed ? t('sandbox.icp.markedFiled') : t('sandbox.icp.markedNotFiled'))}
                      />
                      {m.registrationLimitRelease && <Tag color="orange">{t('sandbox.icp.limited')}</Tag>}
                    </Space>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      {creating && <CreateAccountModal onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateAccountModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const form = useFormModal({
    schema: merchantAccountSchema,
    defaultValues: () => EMPTY_MERCHANT_ACCOUNT,
    action: createMerchantAccount,
    success: (data) => t('sandbox.accounts.created', { logonId: data.logonId }),
    report: 'toast',
    refresh: false,
    onSuccess: onClose,
  });
  return (
    <FormModal form={form} open title={t('sandbox.accounts.create')} okText={t('common.create')} onClose={onClose}>
        <MerchantAccountFields control={form.control} />
    </FormModal>
  );
}
