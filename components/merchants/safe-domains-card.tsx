'use client';
// The mini-program's server domain whitelist (contract §4 "Domains"): the list as baseinfo.query gives it, one
// domain added or removed per call. A change reaches users only with the next uploaded version.
import { App, Button, Card, Flex, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { changeServerDomain } from '@/app/(console)/merchants/[id]/profile/actions';
import { FormField } from '@/components/form-field';
import { FormError, useFormModal } from '@/components/form-modal';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { safeDomainSchema, type SafeDomainInput } from '@/lib/validation/profile';

const MAX_DOMAINS = 30;

export function SafeDomainsCard({ merchantAppId, domains, canEdit }: { merchantAppId: number; domains: string[]; canEdit: boolean }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [removing, setRemoving] = useState<string | null>(null);
  const add = useFormModal({
    schema: safeDomainSchema,
    defaultValues: (): SafeDomainInput => ({ merchantAppId, safeDomain: '' }),
    action: (values) => changeServerDomain({ merchantAppId, safeDomain: values.safeDomain }),
    onSuccess: (_data, values) => {
      message.success(t('domains.added', { domain: values.safeDomain }));
      add.reset({ merchantAppId, safeDomain: '' });
    },
  });
  const { control, formState } = add;
  const remove = async (domain: string) => {
    setRemoving(domain);
    try {
      const result = await changeServerDomain({ merchantAppId, safeDomain: domain, remove: true });
      if (result.ok) {
        message.success(t('domains.removed', { domain }));
        router.refresh();
      } else message.error(translateMessage(t, result.error, result.params));
    } finally {
      setRemoving(null);
    }
  };
  return (
    <Card size="small" title={t('domains.title', { count: domains.length, max: MAX_DOMAINS })} style={{ marginTop: 16 }} data-testid="safe-domains">
      <Typography.Paragraph type="secondary">{t('domains.help')}</Typography.Paragraph>
      <Space size={[8, 8]} wrap style={{ marginBottom: 12 }}>
        {domains.length === 0 && <Typography.Text type="secondary">{t('domains.none')}</Typography.Text>}
        {domains.map((d) => (
          <Tag key={d} style={{ padding: '2px 8px' }}>
            <Flex gap={6} align="center">
              {d}
              {canEdit && (
                <Popconfirm title={t('domains.removeConfirm', { domain: d })} onConfirm={() => remove(d)} okText={t('domains.remove')} cancelText={t('common.cancel')}>
                  <Button size="small" type="link" danger loading={removing === d} style={{ padding: 0, height: 'auto' }}>
                    {t('domains.remove')}
                  </Button>
                </Popconfirm>
              )}
            </Flex>
          </Tag>
        ))}
      </Space>
      {canEdit && (
        <Form layout="inline" component="form" onFinish={() => void add.submit()}>
          <FormField
            control={control}
            name="safeDomain"
            label={t('domains.domain')}
            render={(f) => <Input {...f} placeholder="https://api.example.com" style={{ width: 320 }} disabled={domains.length >= MAX_DOMAINS} />}
          />
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={formState.isSubmitting} disabled={domains.length >= MAX_DOMAINS}>
              {t('domains.add')}
            </Button>
          </Form.Item>
        </Form>
      )}
      {canEdit && <FormError form={add} style={{ marginTop: 12, marginBottom: 0 }} />}
    </Card>
  );
}
