'use client';
import { Button, Flex, Space, Switch, Table, Tag, Typography } from 'antd';
import { respondInvitation, setInvitationAutoAccept } from '@/app/(console)/sandbox/actions';
import { useT } from '@/lib/i18n/client';
import { at } from './format';
import type { InvitationView } from './types';
import { useActionRunner } from './use-action-runner';

const STATUS_COLOR = { INVITED: 'gold', VALID: 'green', REFUSED: 'default' } as const;

export function InvitationsPanel({ rows, autoAccept, canEdit }: { rows: InvitationView[]; autoAccept: boolean; canEdit: boolean }) {
  const t = useT();
  const { run, pending } = useActionRunner();
  const respond = (r: InvitationView, accept: boolean) =>
    run(
      () => respondInvitation({ appId: r.appId, userId: r.userId, role: r.role, accept }),
      accept ? t('sandbox.invitations.accepted') : t('sandbox.invitations.refused'),
    );
  return (
    <>
      <Flex justify="space-between" align="center" gap={16} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('sandbox.invitations.help')}</Typography.Text>
        <Space>
          <Typography.Text>{t('sandbox.invitations.autoAccept')}</Typography.Text>
          {canEdit ? (
            <Switch
              checked={autoAccept}
              loading={pending}
              aria-label={t('sandbox.invitations.autoAccept')}
              onChange={(on) => run(() => setInvitationAutoAccept({ invitationAutoAccept: on }))}
            />
          ) : (
            <Tag>{autoAccept ? t('common.yes') : t('common.no')}</Tag>
          )}
        </Space>
      </Flex>
      <Table<InvitationView>
        size="small"
        rowKey={(r) => `${r.appId}-${r.userId}-${r.role}`}
        dataSource={rows}
        loading={pending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('sandbox.invitations.none') }}
        columns={[
          { title: t('sandbox.columns.miniApp'), key: 'app', render: (_, r) => `${r.appName}（${r.appId}）` },
          {
            title: t('sandbox.invitations.person'),
            key: 'person',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{r.nick}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.logonId}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('sandbox.invitations.role'), dataIndex: 'role', width: 100, render: (v: InvitationView['role']) => t(`sandbox.invitations.roles.${v}`) },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 100,
            render: (v: InvitationView['status']) => <Tag color={STATUS_COLOR[v]}>{t(`sandbox.invitations.status.${v}`)}</Tag>,
          },
          { title: t('sandbox.invitations.invitedAt'), dataIndex: 'gmtInvite', width: 170, render: at },
          { title: t('sandbox.invitations.joinedAt'), dataIndex: 'gmtJoin', width: 170, render: at },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 140,
                  render: (_: unknown, r: InvitationView) =>
                    r.status === 'INVITED' && (
                      <Space>
                        <Button size="small" type="primary" onClick={() => respond(r, true)}>
                          {t('sandbox.invitations.accept')}
                        </Button>
                        <Button size="small" onClick={() => respond(r, false)}>
                          {t('sandbox.invitations.refuse')}
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
