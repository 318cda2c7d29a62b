'use client';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { FormField } from '@/components/form-field';
import { useFormModal } from '@/components/form-modal';
import { LanguageSwitch } from '@/components/language-switch';
import { useHydrated } from '@/components/use-hydrated';
import { signInWithPassword } from '@/lib/auth/client';
import { useT } from '@/lib/i18n/client';
import { signInSchema } from '@/lib/validation/auth';

export function LoginForm({ demo, signedOut, idle = false }: { demo: { email: string; password: string } | null; signedOut: boolean; idle?: boolean }) {
  const t = useT();
  const router = useRouter();
  const ready = useHydrated();
  const form = useFormModal({
    schema: signInSchema,
    defaultValues: () => ({ email: '', password: '' }),
    action: signInWithPassword,
    refresh: false,
    onSuccess: () => {
      router.replace('/dashboard');
      router.refresh();
    },
  });

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 24, background: 'linear-gradient(135deg,#e6f0ff 0%,#f5f7fa 60%)' }}>
      <div style={{ width: 400 }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        <Card title={t('login.title')} extra={<LanguageSwitch />}>
          {signedOut && <Alert type="success" showIcon title={t('login.signedOut')} style={{ marginBottom: 16 }} />}
          {idle && <Alert type="info" showIcon title={t('login.idle')} style={{ marginBottom: 16 }} />}
          {form.error && <Alert type="error" showIcon title={form.error} data-testid="login-error" style={{ marginBottom: 16 }} />}
          <Form layout="vertical" onFinish={() => void form.submit()} component="form" method="post" noValidate data-ready={ready}>
            <FormField
              control={form.control}
              name="email"
              label={t('login.email')}
              render={(f) => <Input {...f} prefix={<MailOutlined />} autoComplete="username" size="large" />}
            />
            <FormField
              control={form.control}
              name="password"
              label={t('login.password')}
              render={(f) => <Input.Password {...f} prefix={<LockOutlined />} autoComplete="current-password" size="large" />}
            />
            <Button type="primary" htmlType="submit" block size="large" loading={form.submitting}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        {demo && (
          <Alert
            style={{ marginTop: 16 }}
            type="info"
            showIcon
            title={t('login.demoTitle')}
            description={
              <span>
                {t('login.demoBody')}
                <br />
                <Typography.Text copyable data-testid="demo-email">{demo.email}</Typography.Text>
                <br />
                <Typography.Text copyable data-testid="demo-password">{demo.password}</Typography.Text>
              </span>
            }
          />
        )}
      </div>
    </div>
  );
}
