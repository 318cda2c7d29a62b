'use client';
// Injects a PATTERN ordinary-QR rule (which bind never creates), to see how the console copes with one.
import { Button, Card, Form, Input, Typography } from 'antd';
import { addPatternRoute } from '@/app/(console)/sandbox/actions';
import { patternRouteSchema } from '@/lib/sandbox/control-page/schemas';
import { FormField } from '@/components/form-field';
import { useFormModal } from '@/components/form-modal';
import { useT } from '@/lib/i18n/client';

export function PatternRouteForm() {
  const t = useT();
  const form = useFormModal({
    schema: patternRouteSchema,
    defaultValues: () => ({ appId: '', routeUrl: 'https://shop.example.com/item/{0}', routePattern: '/item/{0}', pageRedirection: 'pages/item/item' }),
    action: addPatternRoute,
    success: t('common.done'),
    report: 'toast',
    refresh: false,
    onSuccess: (_, values) => form.reset({ ...values, appId: '' }),
  });
  const { control } = form;
  return (
    <Card size="small" title={t('sandbox.templates.pattern.title')}>
      <Typography.Paragraph type="secondary">{t('sandbox.templates.pattern.help')}</Typography.Paragraph>
      <Form layout="vertical" component="div" style={{ maxWidth: 560 }}>
        <FormField control={control} name="appId" label={t('sandbox.templates.pattern.appId')} required render={(f) => <Input {...f} />} />
        <FormField control={control} name="routeUrl" label={t('sandbox.templates.pattern.routeUrl')} required render={(f) => <Input {...f} />} />
        <FormField control={control} name="routePattern" label={t('sandbox.templates.pattern.routePattern')} required render={(f) => <Input {...f} />} />
        <FormField control={control} name="pageRedirection" label={t('sandbox.templates.pattern.page')} required render={(f) => <Input {...f} />} />
        <Button onClick={() => void form.submit()} loading={form.submitting}>
          {t('sandbox.templates.pattern.submit')}
        </Button>
      </Form>
    </Card>
  );
}
