'use client';
// Binds an antd input to react-hook-form, showing the zod message (a catalog key) translated under the field.
import { Form } from 'antd';
import type { ReactElement, ReactNode } from 'react';
import { Controller, type Control, type ControllerRenderProps, type FieldPath, type FieldValues } from 'react-hook-form';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';

export function FormField<T extends FieldValues, N extends FieldPath<T>>({
  control,
  name,
  label,
  extra,
  required,
  render,
}: {
  control: Control<T>;
  name: N;
  label?: ReactNode;
  extra?: ReactNode;
  required?: boolean;
  render: (field: ControllerRenderProps<T, N> & { id: string; status?: 'error' }) => ReactElement;
}) {
  const t = useT();
  const id = `field-${name}`;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Form.Item
          label={label}
          htmlFor={id}
          required={required}
          extra={extra}
          validateStatus={fieldState.error ? 'error' : undefined}
          help={fieldState.error?.message ? translateMessage(t, fieldState.error.message) : undefined}
        >
          {render({ ...field, id, status: fieldState.error ? 'error' : undefined })}
        </Form.Item>
      )}
    />
  );
}
