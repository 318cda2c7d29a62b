'use client';
// The fields of one mini-program code (page, query, description, size, colour): the Codes tab's form and the
// page-code batch in the batch wizard render the same fields, checked by the same schema.
import { ColorPicker, Input, Radio } from 'antd';
import type { Control, FieldValues, Path } from 'react-hook-form';
import { FormField } from '@/components/form-field';
import { useT } from '@/lib/i18n/client';
import { QR_SIZES, type PageCodeFieldsInput } from '@/lib/validation/codes';

export const PAGE_CODE_DEFAULTS: Required<PageCodeFieldsInput> = { urlParam: 'pages/index/index', queryParam: '', describe: '', size: 'm', color: '' };

export function PageCodeFields<T extends FieldValues & PageCodeFieldsInput>({ control }: { control: Control<T> }) {
  const t = useT();
  const name = (n: keyof PageCodeFieldsInput) => n as Path<T>;
  return (
    <>
      <FormField
        control={control}
        name={name('urlParam')}
        label={t('codes.fields.urlParam')}
        required
        extra={t('codes.fields.urlParamHelp')}
        render={(f) => <Input {...f} value={f.value ?? ''} placeholder="pages/index/index" />}
      />
      <FormField
        control={control}
        name={name('queryParam')}
        label={t('codes.fields.queryParam')}
        extra={t('codes.fields.queryParamHelp')}
        render={(f) => <Input {...f} value={f.value ?? ''} placeholder="shop=1&table=8" />}
      />
      <FormField
        control={control}
        name={name('describe')}
        label={t('codes.fields.describe')}
        required
        extra={t('codes.fields.describeHelp')}
        render={(f) => <Input {...f} value={f.value ?? ''} maxLength={40} showCount />}
      />
      <FormField
        control={control}
        name={name('size')}
        label={t('codes.fields.size')}
        render={({ value, onChange, id }) => (
          <Radio.Group id={id} value={value} onChange={(e) => onChange(e.target.value)} options={QR_SIZES.map((s) => ({ value: s, label: t(`codes.sizes.${s}`) }))} />
        )}
      />
      <FormField
        control={control}
        name={name('color')}
        label={t('codes.fields.color')}
        extra={t('codes.fields.colorHelp')}
        render={({ value, onChange }) => (
          <ColorPicker
            aria-label={t('codes.fields.color')}
            value={(value as string) || undefined}
            allowClear
            disabledAlpha
            showText
            format="hex"
            onChange={(c) => onChange(c.cleared ? '' : c.toHexString().slice(0, 7))}
            onClear={() => onChange('')}
          />
        )}
      />
    </>
  );
}
