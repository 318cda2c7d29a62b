'use client';
// Deleting a development version is irreversible: the person types its number to confirm.
import { Alert, Input, Typography } from 'antd';
import { useWatch } from 'react-hook-form';
import { deleteVersion } from '@/app/(console)/mini-apps/actions';
import { FormField } from '@/components/form-field';
import { FormModal } from '@/components/form-modal';
import { useT } from '@/lib/i18n/client';
import type { VersionRowView } from '@/lib/versions/view';
import { deleteVersionSchema } from '@/lib/validation/versions';
import { useVersionFormModal, type VersionRun } from './use-version-operations';

export function DeleteVersionModal({
  merchantAppId,
  version,
  onClose,
  run,
}: {
  merchantAppId: number;
  version: VersionRowView | null;
  onClose: () => void;
  run: VersionRun<typeof deleteVersion>;
}) {
  const t = useT();
  const form = useVersionFormModal({
    schema: deleteVersionSchema,
    version,
    defaultValues: () => ({ merchantAppId, appVersion: version?.appVersion ?? '', expectedStatus: version?.status ?? undefined, confirmVersion: '' }),
    action: deleteVersion,
    run,
    onSuccess: onClose,
  });
  const typed = useWatch({ control: form.control, name: 'confirmVersion' });

  return (
    <FormModal
      form={form}
      open={!!version}
      title={version ? t('versions.deleteModal.title', { version: version.appVersion }) : ''}
      okText={t('versions.deleteModal.submit')}
      okButtonProps={{ danger: true, disabled: !version || typed?.trim() !== version.appVersion }}
      onClose={onClose}
    >
      <Alert type="error" showIcon title={t('versions.deleteModal.warning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>{version ? t('versions.deleteModal.prompt', { version: version.appVersion }) : ''}</Typography.Paragraph>
      <FormField control={form.control} name="confirmVersion" label={t('versions.deleteModal.label')} required render={(f) => <Input {...f} autoComplete="off" placeholder={version?.appVersion} />} />
    </FormModal>
  );
}
