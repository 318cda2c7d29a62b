'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Descriptions, Form, Input, InputNumber, Switch, Tag } from 'antd';
import { useForm } from 'react-hook-form';
import { savePlatformSettings } from '@/app/(console)/sandbox/actions';
import { platformSettingsSchema, type PlatformSettingsInput } from '@/app/(console)/sandbox/schemas';
import { applyActionErrors } from '@/components/apply-action-result';
import { FormField } from '@/components/form-field';
import { useT } from '@/lib/i18n/client';
import type { SandboxSettingsView } from './types';
import { useFailureToast } from './use-action-runner';

export function SettingsPanel({ settings, canEdit }: { settings: SandboxSettingsView; canEdit: boolean }) {
  const t = useT();
  const initial: PlatformSettingsInput = {
    buildDurationMs: settings.buildDurationMs,
    grayOptional: settings.grayOptional,
    messageDelivery: settings.messageDelivery,
    notifyUrl: settings.notifyUrl,
  };
  if (!canEdit) {
    const yesNo = (v: boolean) => <Tag color={v ? 'green' : undefined}>{v ? t('common.yes') : t('common.no')}</Tag>;
    return (
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 200 } }}
        items={[
          { key: 'build', label: t('sandbox.settings.buildDuration'), children: `${initial.buildDurationMs} ${t('sandbox.units.ms')}` },
          { key: 'gray', label: t('sandbox.settings.grayOptional'), children: yesNo(initial.grayOptional) },
          { key: 'delivery', label: t('sandbox.settings.messageDelivery'), children: yesNo(initial.messageDelivery === 'on') },
          { key: 'notify', label: t('sandbox.settings.notifyUrl'), children: initial.notifyUrl },
        ]}
      />
    );
  }
  return <SettingsForm initial={initial} />;
}

function SettingsForm({ initial }: { initial: PlatformSettingsInput }) {
  const t = useT();
  const { message } = App.useApp();
  const failed = useFailureToast();
  const { control, handleSubmit, setError, formState, reset } = useForm<PlatformSettingsInput>({
    resolver: zodResolver(platformSettingsSchema),
    values: initial,
    resetOptions: { keepDirtyValues: true },
  });
  const onSubmit = handleSubmit(async (values) => {
    const result = await savePlatformSettings(values);
    if (result.ok) {
      message.success(t('common.saved'));
      reset(values);
    } else {
      applyActionErrors(result, setError);
      failed(result);
    }
  });
  return (
    <Form layout="horizontal" component="form" onFinish={onSubmit} labelCol={{ flex: '200px' }} wrapperCol={{ flex: '1' }} style={{ maxWidth: 720 }}>
      <FormField
        control={control}
        name="buildDurationMs"
        label={t('sandbox.settings.buildDuration')}
        extra={t('sandbox.settings.buildDurationHelp')}
        render={({ value, onChange, onBlur, id, status }) => (
          <InputNumber id={id} value={value} onChange={(v) => onChange(v)} onBlur={onBlur} status={status} min={0} step={500} suffix={t('sandbox.units.ms')} style={{ width: 200 }} />
        )}
      />
      <FormField
        control={control}
        name="grayOptional"
        label={t('sandbox.settings.grayOptional')}
        extra={t('sandbox.settings.grayOptionalHelp')}
        render={({ value, onChange, id }) => <Switch id={id} checked={value} onChange={onChange} />}
      />
      <FormField
        control={control}
        name="messageDelivery"
        label={t('sandbox.settings.messageDelivery')}
        extra={t('sandbox.settings.messageDeliveryHelp')}
        render={({ value, onChange, id }) => <Switch id={id} checked={value === 'on'} onChange={(on) => onChange(on ? 'on' : 'off')} />}
      />
      <FormField
        control={control}
        name="notifyUrl"
        label={t('sandbox.settings.notifyUrl')}
        extra={t('sandbox.settings.notifyUrlHelp')}
        render={(f) => <Input {...f} />}
      />
      <Form.Item label=" " colon={false}>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting} disabled={!formState.isDirty}>
          {t('common.save')}
        </Button>
      </Form.Item>
    </Form>
  );
}
