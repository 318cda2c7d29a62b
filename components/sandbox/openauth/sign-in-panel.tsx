'use client';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Form, Input, Tabs, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { signInMerchant, signUpMerchant } from '@/app/sandbox/openauth/oauth2/appToAppBatchAuth.htm/actions';
import { merchantAccountSchema, merchantSignInSchema, type MerchantAccountInput, type MerchantSignInInput } from '@/app/(console)/sandbox/schemas';
import { applyActionErrors } from '@/components/apply-action-result';
import { FormField } from '@/components/form-field';
import { useHydrated } from '@/components/use-hydrated';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { EMPTY_MERCHANT_ACCOUNT, MerchantAccountFields } from '../merchant-account-fields';

export function SignInPanel() {
  const t = useT();
  return (
    <>
      <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>
        {t('sandbox.openauth.signInTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        {t('sandbox.openauth.signInHelp')}
      </Typography.Paragraph>
      <Tabs
        centered
        destroyOnHidden
        items={[
          { key: 'signIn', label: t('sandbox.openauth.signInTab'), children: <SignInForm /> },
          { key: 'signUp', label: t('sandbox.openauth.signUpTab'), children: <SignUpForm /> },
        ]}
      />
    </>
  );
}

function SignInForm() {
  const t = useT();
  const ready = useHydrated();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { control, handleSubmit, setError: setFieldError, formState } = useForm<MerchantSignInInput>({
    resolver: zodResolver(merchantSignInSchema),
    defaultValues: { logonId: '', password: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const result = await signInMerchant(values);
    if (result.ok) return router.refresh();
    applyActionErrors(result, setFieldError);
    setError(translateMessage(t, result.error, result.params));
  });
  return (
    <Form layout="vertical" component="form" method="post" onFinish={onSubmit} noValidate data-ready={ready}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <FormField
        control={control}
        name="logonId"
        label={t('sandbox.account.logonId')}
        render={(f) => <Input {...f} size="large" prefix={<UserOutlined />} autoComplete="username" placeholder={t('sandbox.account.logonIdPlaceholder')} />}
      />
      <FormField
        control={control}
        name="password"
        label={t('sandbox.account.password')}
        render={(f) => <Input.Password {...f} size="large" prefix={<LockOutlined />} autoComplete="current-password" />}
      />
      <Button type="primary" htmlType="submit" size="large" block disabled={!ready} loading={formState.isSubmitting}>
        {t('sandbox.openauth.signIn')}
      </Button>
    </Form>
  );
}

function SignUpForm() {
  const t = useT();
  const ready = useHydrated();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { control, handleSubmit, setError: setFieldError, formState } = useForm<MerchantAccountInput>({
    resolver: zodResolver(merchantAccountSchema),
    defaultValues: EMPTY_MERCHANT_ACCOUNT,
  });
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const result = await signUpMerchant(values);
    if (result.ok) return router.refresh();
    applyActionErrors(result, setFieldError);
    setError(translateMessage(t, result.error, result.params));
  });
  return (
    <Form layout="vertical" component="form" method="post" onFinish={onSubmit} noValidate data-ready={ready}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <MerchantAccountFields control={control} size="large" />
      <Button type="primary" htmlType="submit" size="large" block disabled={!ready} loading={formState.isSubmitting}>
        {t('sandbox.openauth.signUp')}
      </Button>
    </Form>
  );
}
