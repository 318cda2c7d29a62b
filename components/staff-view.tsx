'use client';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '@/lib/format';
import { useState, useTransition } from 'react';
import { addStaff, changeStaffRole, resetStaffPassword, setStaffDisabled } from '@/app/(console)/staff/actions';
import { FormField } from '@/components/form-field';
import { FormModal, useFormModal } from '@/components/form-modal';
import type { ActionResult } from '@/lib/actions/result';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { newStaffSchema, resetPasswordSchema } from '@/lib/validation/auth';
import type { Role } from '@/lib/auth/roles';

export interface StaffRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

const ROLES: Role[] = ['owner', 'operator', 'viewer'];

export function StaffView({ rows, meId }: { rows: StaffRow[]; meId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<StaffRow | null>(null);
  const [pending, start] = useTransition();

  const report = (result: ActionResult<unknown>, success?: string) => {
    if (result.ok) message.success(success ?? t('common.done'));
    else message.error(translateMessage(t, result.error, result.params));
  };

  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">{t('staff.roleHelp')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {t('staff.add')}
        </Button>
      </Space>
      <Table<StaffRow>
        rowKey="id"
        dataSource={rows}
        pagination={false}
        loading={pending}
        columns={[
          {
            title: t('staff.name'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <span>
                {name}
                {r.id === meId && <Typography.Text type="secondary">{t('staff.you')}</Typography.Text>}
              </span>
            ),
          },
          { title: t('staff.email'), dataIndex: 'email' },
          {
            title: t('staff.role'),
            dataIndex: 'role',
            width: 140,
            render: (role: Role, r) => (
              <Select
                aria-label={`${t('staff.changeRole')} ${r.email}`}
                size="small"
                value={role}
                style={{ width: 110 }}
                options={roleOptions}
                onChange={(next) => start(async () => report(await changeStaffRole({ userId: r.id, role: next })))}
              />
            ),
          },
          {
            title: t('staff.status'),
            key: 'status',
            width: 110,
            render: (_, r) =>
              r.disabled ? <Tag>{t('staff.disabled')}</Tag> : r.locked ? <Tag color="orange">{t('staff.locked')}</Tag> : <Tag color="green">{t('staff.active')}</Tag>,
          },
          {
            title: t('staff.lastLogin'),
            dataIndex: 'lastLoginAt',
            width: 170,
            render: (v: string | null) => (v ? formatDateTime(v, { seconds: false }) : t('staff.never')),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 200,
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => setResetting(r)}>
                  {t('staff.resetPassword')}
                </Button>
                {r.disabled ? (
                  <Button size="small" onClick={() => start(async () => report(await setStaffDisabled({ userId: r.id, disabled: false })))}>
                    {t('staff.enable')}
                  </Button>
                ) : (
                  <Popconfirm
                    title={t('staff.disableConfirm', { email: r.email })}
                    onConfirm={() => start(async () => report(await setStaffDisabled({ userId: r.id, disabled: true })))}
                  >
                    <Button size="small" danger disabled={r.id === meId}>
                      {t('staff.disable')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <AddStaffModal open={adding} onClose={() => setAdding(false)} roleOptions={roleOptions} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}

function AddStaffModal({ open, onClose, roleOptions }: { open: boolean; onClose: () => void; roleOptions: { value: Role; label: string }[] }) {
  const t = useT();
  const form = useFormModal({
    schema: newStaffSchema,
    open,
    defaultValues: () => ({ email: '', name: '', role: 'operator' as const, password: '' }),
    action: addStaff,
    success: (data) => t('staff.created', { email: data.email }),
    onSuccess: onClose,
  });
  const { control } = form;
  return (
    <FormModal form={form} open={open} title={t('staff.add')} okText={t('common.save')} onClose={onClose}>
      <FormField control={control} name="email" label={t('staff.email')} required render={(f) => <Input {...f} autoComplete="off" />} />
      <FormField control={control} name="name" label={t('staff.name')} required render={(f) => <Input {...f} />} />
      <FormField
        control={control}
        name="role"
        label={t('staff.role')}
        required
        render={({ onChange, value, onBlur, id }) => <Select id={id} value={value} onChange={onChange} onBlur={onBlur} options={roleOptions} />}
      />
      <FormField
        control={control}
        name="password"
        label={t('staff.password')}
        required
        extra={`${t('validation.passwordTooShort')}，${t('validation.passwordWeak')}`}
        render={(f) => <Input.Password {...f} autoComplete="new-password" />}
      />
    </FormModal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: StaffRow | null; onClose: () => void }) {
  const t = useT();
  const form = useFormModal({
    schema: resetPasswordSchema,
    open: user !== null,
    defaultValues: () => ({ userId: user?.id ?? 0, password: '' }),
    action: resetStaffPassword,
    success: t('common.done'),
    onSuccess: onClose,
  });
  return (
    <FormModal form={form} open={user !== null} title={`${t('staff.resetPassword')} · ${user?.email ?? ''}`} okText={t('common.save')} onClose={onClose}>
      <FormField control={form.control} name="password" label={t('staff.newPassword')} required render={(f) => <Input.Password {...f} autoComplete="new-password" />} />
    </FormModal>
  );
}
