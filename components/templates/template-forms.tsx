'use client';
// Registering a template and a template version: the same zod schemas check here and in the actions.
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Form, Input, Modal, Switch } from 'antd';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useForm, type FieldValues, type Path, type UseFormSetError } from 'react-hook-form';
import { addTemplateVersionRecord, registerTemplateRecord } from '@/app/(console)/templates/actions';
import { FormField } from '@/components/form-field';
import { translateMessage, type Translate } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import {
  addTemplateVersionSchema,
  registerTemplateSchema,
  type AddTemplateVersionInput,
  type AddTemplateVersionValues,
  type RegisterTemplateInput,
  type RegisterTemplateValues,
} from '@/lib/validation/templates';

type Failed = { ok: false; error: string; params?: Record<string, string | number>; fieldErrors?: Record<string, string> };

/** Field errors go under their fields, translated with the action's parameters (e.g. the duplicate's number). */
function showFailure<T extends FieldValues>(r: Failed, t: Translate, setFieldError: UseFormSetError<T>, setError: (m: string) => void) {
  const fields = Object.entries(r.fieldErrors ?? {});
  for (const [field, key] of fields) setFieldError(field as Path<T>, { type: 'server', message: translateMessage(t, key, r.params) });
  if (!fields.length) setError(translateMessage(t, r.error, r.params));
}

const emptyVersion = (templateId: string): AddTemplateVersionInput => ({ templateId, version: '', onShelf: true, note: '' });

export function RegisterTemplateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const { control, handleSubmit, reset, setError: setFieldError, formState } = useForm<RegisterTemplateInput, unknown, RegisterTemplateValues>({
    resolver: zodResolver(registerTemplateSchema),
    defaultValues: { templateId: '', name: '' },
  });
  useEffect(() => {
    if (open) reset({ templateId: '', name: '' });
  }, [open, reset]);
  const close = () => {
    setError(null);
    onClose();
  };
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const r = await registerTemplateRecord(values);
    if (r.ok) {
      message.success(t('templates.registered', { templateId: r.data.templateId }));
      close();
      router.refresh();
    } else {
      showFailure(r, t, setFieldError, setError);
    }
  });
  return (
    <Modal
      open={open}
      title={t('templates.register')}
      onCancel={close}
      onOk={onSubmit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={formState.isSubmitting}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" component="div">
        <FormField control={control} name="templateId" label={t('templates.fields.templateId')} required render={(f) => <Input {...f} inputMode="numeric" maxLength={32} autoComplete="off" />} />
        <FormField control={control} name="name" label={t('templates.fields.name')} required render={(f) => <Input {...f} maxLength={50} autoComplete="off" />} />
      </Form>
    </Modal>
  );
}

export function AddVersionModal({ templateId, onClose }: { templateId: string | null; onClose: () => void }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const { control, handleSubmit, reset, setError: setFieldError, formState } = useForm<AddTemplateVersionInput, unknown, AddTemplateVersionValues>({
    resolver: zodResolver(addTemplateVersionSchema),
    defaultValues: emptyVersion(templateId ?? ''),
  });
  useEffect(() => {
    if (templateId) reset(emptyVersion(templateId));
  }, [templateId, reset]);
  const close = () => {
    setError(null);
    onClose();
  };
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const r = await addTemplateVersionRecord(values);
    if (r.ok) {
      message.success(t('templates.versionAdded', { version: r.data.version }));
      close();
      router.refresh();
    } else {
      showFailure(r, t, setFieldError, setError);
    }
  });
  return (
    <Modal
      open={templateId !== null}
      title={`${t('templates.addVersion')} · ${templateId ?? ''}`}
      onCancel={close}
      onOk={onSubmit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={formState.isSubmitting}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" component="div">
        <FormField control={control} name="version" label={t('templates.fields.version')} required render={(f) => <Input {...f} placeholder="1.2.0" maxLength={20} autoComplete="off" />} />
        <FormField
          control={control}
          name="onShelf"
          label={t('templates.fields.onShelf')}
          render={({ value, onChange, id }) => <Switch id={id} checked={value} onChange={onChange} aria-label={t('templates.fields.onShelf')} />}
        />
        <FormField control={control} name="note" label={t('templates.fields.note')} render={(f) => <Input {...f} maxLength={200} />} />
      </Form>
    </Modal>
  );
}
