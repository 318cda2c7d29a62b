'use client';
import { Col, Input, Row, Select } from 'antd';
import { addMerchant, updateMerchant } from '@/app/(console)/merchants/actions';
import { FormField } from '@/components/form-field';
import { FormModal, useFormModal } from '@/components/form-modal';
import { INDUSTRIES } from '@/lib/merchants/vocabulary';
import { useT } from '@/lib/i18n/client';
import type { MerchantView } from '@/lib/merchants/view';
import { merchantSchema, type MerchantInput } from '@/lib/validation/merchants';

const EMPTY: MerchantInput = { name: '', contactName: '', mobile: '', email: '', industry: undefined as never, address: '', remarks: '' };

function valuesOf(m: MerchantView | undefined): MerchantInput {
  if (!m) return EMPTY;
  return { name: m.name, contactName: m.contactName, mobile: m.mobile, email: m.email, industry: m.industry, address: m.address, remarks: m.remarks };
}

/** Add (no merchant) or edit a merchant; the same zod schema checks here and in the action. */
export function MerchantFormModal({
  open,
  merchant,
  onClose,
  onSaved,
}: {
  open: boolean;
  merchant?: MerchantView;
  onClose: () => void;
  onSaved?: (id: number) => void;
}) {
  const t = useT();
  const form = useFormModal({
    schema: merchantSchema,
    open,
    defaultValues: () => valuesOf(merchant),
    action: (values) => (merchant ? updateMerchant({ ...values, merchantId: merchant.id }) : addMerchant(values)),
    success: (data) => (merchant ? t('merchants.saved') : t('merchants.created', { name: data.name })),
    // The list or header decides what to show next (a new merchant opens its page).
    refresh: false,
    onSuccess: (data) => {
      onClose();
      onSaved?.(data.id);
    },
  });
  const { control } = form;

  return (
    <FormModal form={form} open={open} title={merchant ? t('merchants.edit') : t('merchants.add')} okText={t('common.save')} onClose={onClose} width={640}>
        <FormField control={control} name="name" label={t('merchants.fields.name')} required render={(f) => <Input {...f} maxLength={50} autoComplete="off" />} />
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <FormField control={control} name="contactName" label={t('merchants.fields.contactName')} required render={(f) => <Input {...f} maxLength={30} />} />
          </Col>
          <Col xs={24} sm={12}>
            <FormField control={control} name="mobile" label={t('merchants.fields.mobile')} required render={(f) => <Input {...f} inputMode="tel" maxLength={20} />} />
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <FormField
              control={control}
              name="industry"
              label={t('merchants.fields.industry')}
              required
              render={({ value, onChange, onBlur, id }) => (
                <Select
                  id={id}
                  aria-label={t('merchants.fields.industry')}
                  value={value}
                  onChange={onChange}
                  onBlur={onBlur}
                  placeholder={t('merchants.validation.industry')}
                  options={INDUSTRIES.map((i) => ({ value: i, label: t(`merchants.industries.${i}`) }))}
                />
              )}
            />
          </Col>
          <Col xs={24} sm={12}>
            <FormField control={control} name="email" label={t('merchants.fields.email')} render={(f) => <Input {...f} type="email" maxLength={100} />} />
          </Col>
        </Row>
        <FormField control={control} name="address" label={t('merchants.fields.address')} render={(f) => <Input {...f} maxLength={200} />} />
        <FormField control={control} name="remarks" label={t('merchants.fields.remarks')} render={(f) => <Input.TextArea {...f} rows={3} maxLength={500} showCount />} />
    </FormModal>
  );
}
