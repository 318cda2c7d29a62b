'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { addMerchant, updateMerchant } from '@/app/(console)/merchants/actions';
import { applyActionErrors } from '@/components/apply-action-result';
import { FormField } from '@/components/form-field';
import { INDUSTRIES } from '@/db/enums';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import type { MerchantView } from '@/lib/merchants/view';
import { merchantSchema, type MerchantInput, type MerchantValues } from '@/lib/validation/merchants';

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
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const { control, handleSubmit, reset, setError: setFieldError, formState } = useForm<MerchantInput, unknown, MerchantValues>({
    resolver: zodResolver(merchantSchema),
    defaultValues: valuesOf(merchant),
  });
  useEffect(() => {
    if (open) reset(valuesOf(merchant));
  }, [open, merchant, reset]);

  const close = () => {
    setError(null);
    onClose();
  };
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const result = merchant ? await updateMerchant({ ...values, merchantId: merchant.id }) : await addMerchant(values);
    if (result.ok) {
      message.success(merchant ? t('merchants.saved') : t('merchants.created', { name: result.data.name }));
      close();
      onSaved?.(result.data.id);
    } else {
      applyActionErrors(result, setFieldError);
      setError(translateMessage(t, result.error, result.params));
    }
  });

  return (
    <Modal
      open={open}
      title={merchant ? t('merchants.edit') : t('merchants.add')}
      onCancel={close}
      onOk={onSubmit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={formState.isSubmitting}
      width={640}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" component="div">
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
      </Form>
    </Modal>
  );
}
