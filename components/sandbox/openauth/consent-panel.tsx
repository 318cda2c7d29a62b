'use client';
import { AppstoreOutlined, CheckOutlined } from '@ant-design/icons';
import { Avatar, Button, Checkbox, Divider, Empty, Flex, Form, List, Tag, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { confirmAuthorization, refuseAuthorization, signOutMerchant } from '@/app/sandbox/openauth/oauth2/appToAppBatchAuth.htm/actions';
import { FormError, useFormModal } from '@/components/form-modal';
import { FormField } from '@/components/form-field';
import { consentSchema, type AuthRequest } from '@/lib/sandbox/control-page/schemas';
import type { ActionResult } from '@/lib/actions/result';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';

export interface MerchantView {
  name: string;
  logonId: string;
  miniApps: { appId: string; name: string; authorized: boolean }[];
}

const PERMISSIONS = ['versions', 'baseInfo', 'members', 'codes', 'experience'] as const;

export function ConsentPanel({ request, isvAppId, merchant }: { request: AuthRequest; isvAppId: string; merchant: MerchantView }) {
  const t = useT();
  const router = useRouter();
  const [leaving, startLeaving] = useTransition();
  // Both answers leave for the ISV's redirect_uri, as the platform's page does.
  const consent = useFormModal({
    schema: consentSchema,
    defaultValues: () => ({ appIds: [] }),
    action: (values) => confirmAuthorization(request, values),
    refresh: false,
    onSuccess: (data) => window.location.assign(data.redirectTo),
  });
  const follow = (result: ActionResult<{ redirectTo: string }>) => {
    if (result.ok) window.location.assign(result.data.redirectTo);
    else consent.setFormError(translateMessage(t, result.error, result.params));
  };
  const onRefuse = () => startLeaving(async () => follow(await refuseAuthorization(request)));
  const switchAccount = () =>
    startLeaving(async () => {
      await signOutMerchant();
      router.refresh();
    });

  return (
    <Form layout="vertical" component="form" onFinish={() => void consent.submit()}>
      <Flex vertical align="center" gap={8} style={{ marginBottom: 20 }}>
        <Avatar size={56} icon={<AppstoreOutlined />} style={{ background: '#1677ff' }} />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('sandbox.openauth.isvApp')}
        </Typography.Title>
        <Typography.Text type="secondary">APPID {isvAppId}</Typography.Text>
      </Flex>
      <Typography.Text strong>{t('sandbox.openauth.requests')}</Typography.Text>
      <List
        size="small"
        split={false}
        dataSource={[...PERMISSIONS]}
        style={{ margin: '8px 0 16px' }}
        renderItem={(p) => (
          <List.Item style={{ padding: '4px 0' }}>
            <Typography.Text>
              <CheckOutlined style={{ color: '#52c41a', marginInlineEnd: 8 }} />
              {t(`sandbox.openauth.permissions.${p}`)}
            </Typography.Text>
          </List.Item>
        )}
      />
      <Divider style={{ margin: '12px 0' }} />
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Flex vertical>
          <Typography.Text strong data-testid="openauth-account">
            {merchant.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {merchant.logonId}
          </Typography.Text>
        </Flex>
        <Button type="link" size="small" onClick={switchAccount} disabled={leaving}>
          {t('sandbox.openauth.switchAccount')}
        </Button>
      </Flex>
      {merchant.miniApps.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sandbox.openauth.noMiniApps')} />
      ) : (
        <FormField
          control={consent.control}
          name="appIds"
          label={t('sandbox.openauth.pickMiniApps')}
          render={(field) => (
            <Checkbox.Group value={field.value} onChange={field.onChange} style={{ width: '100%' }}>
              <Flex vertical gap={8} style={{ width: '100%' }}>
                {merchant.miniApps.map((m) => (
                  <Checkbox key={m.appId} value={m.appId} style={{ padding: '8px 12px', border: '1px solid #f0f0f0', borderRadius: 8, width: '100%' }}>
                    <Flex gap={8} align="center" wrap>
                      <span>{m.name}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {m.appId}
                      </Typography.Text>
                      {m.authorized && <Tag color="green">{t('sandbox.openauth.alreadyAuthorized')}</Tag>}
                    </Flex>
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          )}
        />
      )}
      <FormError form={consent} style={{ marginBottom: 16 }} />
      <Flex vertical gap={12}>
        <Button type="primary" htmlType="submit" size="large" block loading={consent.submitting} disabled={merchant.miniApps.length === 0 || leaving}>
          {t('sandbox.openauth.confirm')}
        </Button>
        <Button size="large" block onClick={onRefuse} loading={leaving} disabled={consent.submitting}>
          {t('sandbox.openauth.refuse')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 16, marginBottom: 0 }}>
        {t('sandbox.openauth.consentNote')}
      </Typography.Paragraph>
    </Form>
  );
}
