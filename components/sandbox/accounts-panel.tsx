'use client';
import { CheckCircleFilled, PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Flex, Form, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { createMerchantAccount, setIcpFiled } from '@/app/(console)/sandbox/actions';
import { merchantAccountSchema, type MerchantAccountInput } from '@/app/(console)/sandbox/schemas';
import { applyActionErrors } from '@/components/apply-action-result';
import { useT } from '@/lib/i18n/client';
import { EMPTY_MERCHANT_ACCOUNT, MerchantAccountFields } from './merchant-account-fields';
import type { MerchantAccountView } from './types';
import { useActionRunner, useFailureToast } from './use-action-runner';

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
  const { message } = App.useApp();
  const failed = useFailureToast();
  const { control, handleSubmit, setError, formState } = useForm<MerchantAccountInput>({
    resolver: zodResolver(merchantAccountSchema),
    defaultValues: EMPTY_MERCHANT_ACCOUNT,
  });
  const onSubmit = handleSubmit(async (values) => {
    const result = await createMerchantAccount(values);
    if (result.ok) {
      message.success(t('sandbox.accounts.created', { logonId: result.data.logonId }));
      onClose();
    } else {
      applyActionErrors(result, setError);
      failed(result);
    }
  });
  return (
    <Modal
      open
      title={t('sandbox.accounts.create')}
      onCancel={onClose}
      onOk={onSubmit}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={formState.isSubmitting}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <MerchantAccountFields control={control} />
      </Form>
    </Modal>
  );
}
