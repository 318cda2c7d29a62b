'use client';
import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Input, Popconfirm, Progress, Radio, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type ReactNode } from 'react';
import { inviteMember, removeMember, saveMemberRemark } from '@/app/(console)/merchants/[id]/members/actions';
import { FormField } from '@/components/form-field';
import { FormModal, useFormModal } from '@/components/form-modal';
import { MiniAppPicker } from '@/components/merchants/mini-app-picker';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import type { MerchantAppView } from '@/lib/merchants/view';
import { MEMBER_ROLES, MEMBER_STATUSES, type MemberRole } from '@/lib/members/rules';
import type { MemberRow, RoleList } from '@/lib/members/service';
import { inviteMemberSchema, memberRemarkSchema } from '@/lib/validation/members';

const STATUS_COLORS: Record<(typeof MEMBER_STATUSES)[number], string> = { INVITED: 'gold', VALID: 'green', REFUSED: 'default' };

export function MemberStatusTag({ status }: { status: string | null }) {
  const t = useT();
  if (!status) return <>—</>;
  const known = (MEMBER_STATUSES as readonly string[]).includes(status);
  // Unknown values from the platform are shown as sent (contract §8).
  return <Tag color={known ? STATUS_COLORS[status as keyof typeof STATUS_COLORS] : undefined}>{known ? t(`members.status.${status}`) : status}</Tag>;
}

/** Who a row is, as staff recognise them: remark, nickname, masked account. */
export function memberName(m: Pick<MemberRow, 'remark' | 'nickName' | 'logonId' | 'key'>): string {
  const who = [m.nickName, m.logonId].filter(Boolean).join(' · ') || m.key;
  return m.remark ? `${m.remark}（${who}）` : who;
}

export function MembersView({
  apps,
  selected,
  canEdit,
  lists,
  children,
}: {
  apps: MerchantAppView[];
  selected: MerchantAppView | null;
  canEdit: boolean;
  lists?: RoleList[];
  children?: ReactNode;
}) {
  const t = useT();
  const [inviting, setInviting] = useState<MemberRole | null>(null);
  if (!selected) {
    return (
      <Card>
        <Empty description={t('profile.noApps')} />
      </Card>
    );
  }
  const editable = canEdit && !selected.blocked;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <MiniAppPicker apps={apps} selected={selected} />
      {children}
      {lists && (
        <>
          <Alert type="info" showIcon title={t('members.pendingHelp')} />
          {lists.map((list) => (
            <RoleCard key={list.role} list={list} merchantAppId={selected.id} canEdit={editable} onInvite={() => setInviting(list.role)} />
          ))}
        </>
      )}
      {inviting && <InviteModal merchantAppId={selected.id} role={inviting} onClose={() => setInviting(null)} />}
    </Space>
  );
}

function RoleCard({ list, merchantAppId, canEdit, onInvite }: { list: RoleList; merchantAppId: number; canEdit: boolean; onInvite: () => void }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, start] = useTransition();
  const [editing, setEditing] = useState<MemberRow | null>(null);
  const { used, limit, full } = list.limit;
  const title = t(`members.roles.${list.role}`);

  const remove = (m: MemberRow) =>
    start(async () => {
      const result = await removeMember({ merchantAppId, role: list.role, userId: m.userId ?? undefined, openId: m.userId ? undefined : (m.openId ?? undefined), display: memberName(m) });
      if (result.ok) {
        message.success(t('members.removed', { name: memberName(m) }));
        router.refresh();
      } else message.error(translateMessage(t, result.error, result.params));
    });

  return (
    <Card
      size="small"
      data-testid={`members-${list.role}`}
      title={
        <Flex align="center" gap={12}>
          <span>{title}</span>
          <Tooltip title={t('members.limitHelp', { limit })}>
            <Typography.Text type={full ? 'danger' : 'secondary'} style={{ fontWeight: 'normal' }} data-testid={`members-count-${list.role}`}>
              {used}/{limit}
            </Typography.Text>
          </Tooltip>
          <Progress percent={Math.round((used / limit) * 100)} size="small" showInfo={false} status={full ? 'exception' : 'normal'} style={{ width: 120, margin: 0 }} />
        </Flex>
      }
      extra={
        canEdit && (
          <Tooltip title={full ? t('members.errors.limit', { limit }) : undefined}>
            <Button type="primary" icon={<UserAddOutlined />} disabled={full} onClick={onInvite}>
              {t(`members.invite.${list.role}`)}
            </Button>
          </Tooltip>
        )
      }
    >
      <Table<MemberRow>
        rowKey="key"
        size="small"
        loading={pending}
        dataSource={list.members}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('members.empty', { role: title }) }}
        columns={[
          {
            title: t('members.columns.member'),
            key: 'member',
            render: (_, m) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{m.nickName || '—'}</Typography.Text>
                <Typography.Text type="secondary">{m.logonId || '—'}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('members.columns.remark'),
            dataIndex: 'remark',
            render: (remark: string | null, m) => (
              <Space size={4}>
                <span>{remark || '—'}</span>
                {canEdit && (
                  <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('members.editRemark', { name: memberName(m) })} onClick={() => setEditing(m)} />
                )}
              </Space>
            ),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: string | null) =>
              s === 'INVITED' ? (
                <Tooltip title={t('members.pendingHelp')}>
                  <span>
                    <MemberStatusTag status={s} />
                  </span>
                </Tooltip>
              ) : (
                <MemberStatusTag status={s} />
              ),
          },
          { title: t('members.columns.invitedAt'), dataIndex: 'invitedAt', width: 170, render: (v: string | null) => v || '—' },
          { title: t('members.columns.joinedAt'), dataIndex: 'joinedAt', width: 120, render: (v: string | null) => v || '—' },
          { title: t('members.columns.invitedBy'), dataIndex: 'invitedBy', width: 180, render: (v: string | null) => v || '—' },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, m: MemberRow) => (
                    <Popconfirm
                      title={t('members.removeConfirm', { name: memberName(m), role: title })}
                      description={t('members.removeHelp')}
                      okText={t('members.remove')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove(m)}
                    >
                      <Button type="link" danger size="small" disabled={!m.userId && !m.openId}>
                        {t('members.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <RemarkModal merchantAppId={merchantAppId} role={list.role} member={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function InviteModal({ merchantAppId, role, onClose }: { merchantAppId: number; role: MemberRole; onClose: () => void }) {
  const t = useT();
  const form = useFormModal({
    schema: inviteMemberSchema,
    defaultValues: () => ({ merchantAppId, logonId: '', role, remark: '' }),
    action: inviteMember,
    success: t('members.invited'),
    onSuccess: onClose,
  });
  return (
    <FormModal form={form} open title={t('members.inviteTitle')} okText={t('members.sendInvite')} onClose={onClose}>
      <FormField
        control={form.control}
        name="logonId"
        label={t('members.fields.logonId')}
        required
        extra={t('members.fields.logonIdHelp')}
        render={(f) => <Input {...f} placeholder="name@example.com / 13800000000" autoComplete="off" />}
      />
      <FormField
        control={form.control}
        name="role"
        label={t('members.fields.role')}
        required
        render={({ value, onChange, id }) => (
          <Radio.Group id={id} value={value} onChange={(e) => onChange(e.target.value)} options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`members.roles.${r}`) }))} />
        )}
      />
      <FormField control={form.control} name="remark" label={t('members.fields.remark')} extra={t('members.fields.remarkHelp')} render={(f) => <Input {...f} maxLength={40} showCount />} />
    </FormModal>
  );
}

function RemarkModal({ merchantAppId, role, member, onClose }: { merchantAppId: number; role: MemberRole; member: MemberRow; onClose: () => void }) {
  const t = useT();
  const form = useFormModal({
    schema: memberRemarkSchema,
    defaultValues: () => ({ merchantAppId, role, userId: member.userId ?? undefined, logonId: member.logonId ?? undefined, remark: member.remark ?? '' }),
    action: saveMemberRemark,
    success: t('common.saved'),
    onSuccess: onClose,
  });
  return (
    <FormModal form={form} open title={t('members.editRemark', { name: memberName(member) })} okText={t('common.save')} onClose={onClose}>
      <FormField control={form.control} name="remark" label={t('members.fields.remark')} extra={t('members.fields.remarkHelp')} render={(f) => <Input {...f} maxLength={40} showCount />} />
    </FormModal>
  );
}
