'use client';
// Starting or widening a gray release: only the shares the platform allows are offered (never a narrower one).
import { Alert, Radio } from 'antd';
import { grayRelease } from '@/app/(console)/mini-apps/actions';
import { FormField } from '@/components/form-field';
import { FormModal } from '@/components/form-modal';
import { useT } from '@/lib/i18n/client';
import { GRAY_PERCENT, GRAY_STRATEGIES } from '@/lib/versions/operations';
import type { VersionRowView } from '@/lib/versions/view';
import { grayReleaseSchema } from '@/lib/validation/versions';
import { useVersionFormModal, type VersionRun } from './use-version-operations';

export function GrayModal({
  merchantAppId,
  version,
  onClose,
  run,
}: {
  merchantAppId: number;
  version: VersionRowView | null;
  onClose: () => void;
  run: VersionRun<typeof grayRelease>;
}) {
  const t = useT();
  const widening = version?.status === 'GRAY';
  const form = useVersionFormModal({
    schema: grayReleaseSchema,
    version,
    defaultValues: () => ({ merchantAppId, appVersion: version?.appVersion ?? '', expectedStatus: version?.status ?? undefined, grayStrategy: version?.grayChoices[0] ?? 'p10' }),
    action: grayRelease,
    run,
    onSuccess: onClose,
  });

  return (
    <FormModal
      form={form}
      open={!!version}
      title={version ? t(widening ? 'versions.grayModal.titleWiden' : 'versions.grayModal.titleStart', { version: version.appVersion }) : ''}
      okText={t('versions.grayModal.submit')}
      onClose={onClose}
    >
      <Alert type="info" showIcon title={t('versions.grayModal.help')} style={{ marginBottom: 16 }} />
      {widening && version?.grayStrategy && (
        <Alert type="warning" title={t('versions.grayModal.current', { percent: GRAY_PERCENT[version.grayStrategy] })} style={{ marginBottom: 16 }} />
      )}
      <FormField
        control={form.control}
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
    </FormModal>
  );
}
