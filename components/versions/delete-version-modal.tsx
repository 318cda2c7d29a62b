'use client';
// Deleting a development version is irreversible: the person types its number to confirm.
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { deleteVersion } from '@/app/(console)/mini-apps/actions';
import { FormField } from '@/components/form-field';
import { useT } from '@/lib/i18n/client';
import type { VersionRowView } from '@/lib/versions/view';
import { applyTranslatedErrors } from './use-version-operations';
import { deleteVersionSchema, type DeleteVersionInput } from '@/lib/validation/versions';

export function DeleteVersionModal({
  merchantAppId,
  version,
  onClose,
  run,
}: {
  merchantAppId: number;
  version: VersionRowView | null;
  onClose: () => void;
  run: (call: () => ReturnType<typeof deleteVersion>) => Promise<boolean>;
}) {
  const t = useT();
  const { control, handleSubmit, reset, setError, formState } = useForm<DeleteVersionInput>({
    resolver: zodResolver(deleteVersionSchema),
    defaultValues: { merchantAppId, appVersion: '', confirmVersion: '' },
  });
  const typed = useWatch({ control, name: 'confirmVersion' });
  useEffect(() => {
    if (version) reset({ merchantAppId, appVersion: version.appVersion, expectedStatus: version.status ?? undefined, confirmVersion: '' });
  }, [merchantAppId, reset, version]);

  const onSubmit = handleSubmit(async (values) => {
    let failed = false;
    const ok = await run(async () => {
      const result = await deleteVersion(values);
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
      title={version ? t('versions.deleteModal.title', { version: version.appVersion }) : ''}
      onCancel={onClose}
      onOk={onSubmit}
      okText={t('versions.deleteModal.submit')}
      okButtonProps={{ danger: true, disabled: !version || typed?.trim() !== version.appVersion }}
      cancelText={t('common.cancel')}
      confirmLoading={formState.isSubmitting}
      destroyOnHidden
    >
      <Alert type="error" showIcon title={t('versions.deleteModal.warning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>{version ? t('versions.deleteModal.prompt', { version: version.appVersion }) : ''}</Typography.Paragraph>
      <Form layout="vertical" component="div" onKeyDown={(e) => e.key === 'Enter' && onSubmit()}>
        <FormField control={control} name="confirmVersion" label={t('versions.deleteModal.label')} required render={(f) => <Input {...f} autoComplete="off" placeholder={version?.appVersion} />} />
      </Form>
    </Modal>
  );
}
