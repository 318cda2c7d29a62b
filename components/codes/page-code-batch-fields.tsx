'use client';
// The page-code batch's parameters in the batch wizard: one code for the same page across every chosen merchant.
import { Alert } from 'antd';
import type { Control, FieldValues } from 'react-hook-form';
import { useT } from '@/lib/i18n/client';
import type { PageCodeFieldsInput } from '@/lib/validation/codes';
import { PageCodeFields } from './page-code-fields';

export { PAGE_CODE_DEFAULTS } from './page-code-fields';

export function PageCodeBatchFields<T extends FieldValues & PageCodeFieldsInput>({ control }: { control: Control<T> }) {
  const t = useT();
  return (
    <>
      <Alert type="info" showIcon title={t('codes.batch.help')} style={{ marginBottom: 16 }} />
      <PageCodeFields control={control} />
    </>
  );
}
