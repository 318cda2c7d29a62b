'use client';
// Injects a PATTERN ordinary-QR rule (which bind never creates), to see how the console copes with one.
import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useForm } from 'react-hook-form';
import { addPatternRoute } from '@/app/(console)/sandbox/actions';
import { patternRouteSchema, type PatternRouteInput } from '@/app/(console)/sandbox/schemas';
import { applyActionErrors } from '@/components/apply-action-result';
import { FormField } from '@/components/form-field';
import { useT } from '@/lib/i18n/client';
import { useFailureToast } from './use-action-runner';

export function PatternRouteForm() {
  const t = useT();
  const { message } = App.useApp();
  const failed = useFailureToast();
  const { control, handleSubmit, setError, reset, formState } = useForm<PatternRouteInput>({
    resolver: zodResolver(patternRouteSchema),
    defaultValues: { appId: '', routeUrl: 'https://shop.example.com/item/{0}', routePattern: '/item/{0}', pageRedirection: 'pages/item/item' },
  });
  const onSubmit = handleSubmit(async (values) => {
    const result = await addPatternRoute(values);
    if (result.ok) {
      message.success(t('common.done'));
      reset({ ...values, appId: '' });
    } else {
      applyActionErrors(result, setError);
      failed(result);
    }
  });
  return (
    <Card size="small" title={t('sandbox.templates.pattern.title')}>
      <Typography.Paragraph type="secondary">{t('sandbox.templates.pattern.help')}</Typography.Paragraph>
      <Form layout="vertical" component="div" style={{ maxWidth: 560 }}>
        <FormField control={control} name="appId" label={t('sandbox.templates.pattern.appId')} required render={(f) => <Input {...f} />} />
        <FormField control={control} name="routeUrl" label={t('sandbox.templates.pattern.routeUrl')} required render={(f) => <Input {...f} />} />
        <FormField control={control} name="routePattern" label={t('sandbox.templates.pattern.routePattern')} required render={(f) => <Input {...f} />} />
        <FormField control={control} name="pageRedirection" label={t('sandbox.templates.pattern.page')} required render={(f) => <Input {...f} />} />
        <Button onClick={onSubmit} loading={formState.isSubmitting}>
          {t('sandbox.templates.pattern.submit')}
        </Button>
      </Form>
    </Card>
  );
}
