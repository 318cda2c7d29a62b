'use client';
import { Button, Descriptions, Form, Input, InputNumber, Switch, Tag } from 'antd';
import { savePlatformSettings } from '@/app/(console)/sandbox/actions';
import { platformSettingsSchema, type PlatformSettingsInput } from '@/lib/sandbox/control-page/schemas';
import { FormField } from '@/components/form-field';
import { useFormModal } from '@/components/form-modal';
import { useT } from '@/lib/i18n/client';
import type { SandboxSettingsView } from './types';

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
  const form = useFormModal({
    schema: platformSettingsSchema,
    defaultValues: () => initial,
    liveValues: initial,
    action: savePlatformSettings,
    success: t('common.saved'),
    report: 'toast',
    refresh: false,
    // What was saved becomes the new baseline, so the next poll's values show again.
    onSuccess: (_, values) => form.reset(values),
  });
  const { control, formState } = form;
  return (
    <Form layout="horizontal" component="form" onFinish={() => void form.submit()} labelCol={{ flex: '200px' }} wrapperCol={{ flex: '1' }} style={{ maxWidth: 720 }}>
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
