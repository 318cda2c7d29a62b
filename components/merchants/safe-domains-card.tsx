'use client';
// The mini-program's server domain whitelist (contract §4 "Domains"): the list as baseinfo.query gives it, one
// domain added or removed per call. A change reaches users only with the next uploaded version.
import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { changeServerDomain } from '@/app/(console)/merchants/[id]/profile/actions';
import { applyActionErrors } from '@/components/apply-action-result';
import { FormField } from '@/components/form-field';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { safeDomainSchema, type SafeDomainInput } from '@/lib/validation/profile';

const MAX_DOMAINS = 30;

export function SafeDomainsCard({ merchantAppId, domains, canEdit }: { merchantAppId: number; domains: string[]; canEdit: boolean }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [removing, setRemoving] = useState<string | null>(null);
  const { control, handleSubmit, setError, reset, formState } = useForm<SafeDomainInput>({
    resolver: zodResolver(safeDomainSchema),
    defaultValues: { merchantAppId, safeDomain: '' },
  });
  const onAdd = handleSubmit(async (values) => {
    const result = await changeServerDomain({ merchantAppId, safeDomain: values.safeDomain });
    if (result.ok) {
      message.success(t('domains.added', { domain: values.safeDomain }));
      reset({ merchantAppId, safeDomain: '' });
      router.refresh();
    } else {
      applyActionErrors(result, setError);
      if (!result.fieldErrors) message.error(translateMessage(t, result.error, result.params));
    }
  });
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
        <Form layout="inline" component="form" onFinish={onAdd}>
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
    </Card>
  );
}
