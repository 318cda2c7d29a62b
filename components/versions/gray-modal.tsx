'use client';
// Starting or widening a gray release: only the shares the platform allows are offered (never a narrower one).
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Form, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { grayRelease } from '@/app/(console)/mini-apps/actions';
import { FormField } from '@/components/form-field';
import { useT } from '@/lib/i18n/client';
import { GRAY_PERCENT, GRAY_STRATEGIES } from '@/lib/versions/operations';
import type { VersionRowView } from '@/lib/versions/view';
import { applyTranslatedErrors } from './use-version-operations';
import { grayReleaseSchema, type GrayReleaseInput } from '@/lib/validation/versions';

export function GrayModal({
  merchantAppId,
  version,
  onClose,
  run,
}: {
  merchantAppId: number;
  version: VersionRowView | null;
  onClose: () => void;
  run: (call: () => ReturnType<typeof grayRelease>) => Promise<boolean>;
}) {
  const t = useT();
  const widening = version?.status === 'GRAY';
  const { control, handleSubmit, reset, setError, formState } = useForm<GrayReleaseInput>({
    resolver: zodResolver(grayReleaseSchema),
    defaultValues: { merchantAppId, appVersion: '', grayStrategy: 'p10' },
  });
  useEffect(() => {
    if (version) reset({ merchantAppId, appVersion: version.appVersion, expectedStatus: version.status ?? undefined, grayStrategy: version.grayChoices[0] ?? 'p10' });
  }, [merchantAppId, reset, version]);

  const onSubmit = handleSubmit(async (values) => {
    let failed = false;
    const ok = await run(async () => {
      const result = await grayRelease(values);
      if (!result.ok) {
        failed = true;
        applyTranslatedErrors(t, result, setError);
      }
      return result;
    });
    if (ok && !failed) onClose();
  });

  return (
    <Modal
      open={!!version}
      title={version ? t(widening ? 'versions.grayModal.titleWiden' : 'versions.grayModal.titleStart', { version: version.appVersion }) : ''}
      onCancel={onClose}
      onOk={onSubmit}
      okText={t('versions.grayModal.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={formState.isSubmitting}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('versions.grayModal.help')} style={{ marginBottom: 16 }} />
      {widening && version?.grayStrategy && (
        <Alert type="warning" title={t('versions.grayModal.current', { percent: GRAY_PERCENT[version.grayStrategy] })} style={{ marginBottom: 16 }} />
      )}
      <Form layout="vertical" component="div">
        <FormField
          control={control}
          name="grayStrategy"
          label={t('versions.grayModal.strategy')}
          required
          render={({ value, onChange, id }) => (
            <Radio.Group
              id={id}
              value={value}
              onChange={(e) => onChange(e.target.value)}
              optionType="button"
              buttonStyle="solid"
              options={GRAY_STRATEGIES.filter((s) => version?.grayChoices.includes(s)).map((s) => ({ value: s, label: `${GRAY_PERCENT[s]}%` }))}
            />
          )}
        />
      </Form>
    </Modal>
  );
}
