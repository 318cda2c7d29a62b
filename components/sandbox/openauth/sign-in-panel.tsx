'use client';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input, Tabs, Typography } from 'antd';
import { signInMerchant, signUpMerchant } from '@/app/sandbox/openauth/oauth2/appToAppBatchAuth.htm/actions';
import { merchantAccountSchema, merchantSignInSchema } from '@/lib/sandbox/control-page/schemas';
import { FormError, useFormModal } from '@/components/form-modal';
import { FormField } from '@/components/form-field';
import { useHydrated } from '@/components/use-hydrated';
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
  const form = useFormModal({ schema: merchantSignInSchema, defaultValues: () => ({ logonId: '', password: '' }), action: signInMerchant });
  const { control, formState } = form;
  return (
    <Form layout="vertical" component="form" method="post" onFinish={() => void form.submit()} noValidate data-ready={ready}>
      <FormError form={form} style={{ marginBottom: 16 }} />
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
  const form = useFormModal({ schema: merchantAccountSchema, defaultValues: () => (EMPTY_MERCHANT_ACCOUNT), action: signUpMerchant });
  const { control, formState } = form;
  return (
    <Form layout="vertical" component="form" method="post" onFinish={() => void form.submit()} noValidate data-ready={ready}>
      <FormError form={form} style={{ marginBottom: 16 }} />
      <MerchantAccountFields control={control} size="large" />
      <Button type="primary" htmlType="submit" size="large" block disabled={!ready} loading={formState.isSubmitting}>
        {t('sandbox.openauth.signUp')}
      </Button>
    </Form>
  );
}
