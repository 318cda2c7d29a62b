'use client';
// The one way to wire a form to a server action: react-hook-form with the action's own zod schema (checked in the
// browser, checked again by defineAction), reset each time the dialog opens, submit, then either the success
// message, onSuccess (usually close) and a refresh of the page's server data, or the action's field errors on
// their fields and its general message above the form. Nothing typed is lost on a refusal.
//
//   const invite = useFormModal({ schema: inviteMemberSchema, open, defaultValues: () => ({ … }),
//     action: inviteMember, success: t('members.invited'), onSuccess: onClose });
//   <FormModal form={invite} open={open} title={…} okText={…} onClose={onClose}>
//     <FormField control={invite.control} name="logonId" … />
//   </FormModal>
//
// A form that is not a dialog (a card, a panel) uses the same hook with `open` left out and renders
// `<FormError form={…} />` and its own submit button calling `form.submit`.
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Form, Modal, type ModalProps } from 'antd';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn, type UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import type { ActionResult } from '@/lib/actions/result';
import { translateMessage, type Params } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';

type Failure = Extract<ActionResult<unknown>, { ok: false }>;
export type TranslateResult = (message: string, params?: Params) => string;

/**
 * Puts a refused action's field errors on the form, translated with the action's parameters (FormField shows a
 * text that is not a catalog key as it is). Returns whether any field got one, so the caller knows whether the
 * general message still needs showing.
 */
export function applyFieldErrors<T extends FieldValues>(result: Failure, setError: UseFormSetError<T>, translate: TranslateResult): boolean {
  const entries = Object.entries(result.fieldErrors ?? {});
  for (const [field, message] of entries) setError(field as Path<T>, { type: 'server', message: translate(message, result.params) });
  return entries.length > 0;
}

export interface FormModalOptions<TIn extends FieldValues, TOut extends FieldValues, R> {
  schema: z.ZodType<TOut, TIn>;
  /** The values the form starts with, read again each time `open` turns true. */
  defaultValues: () => DefaultValues<TIn>;
  /** A dialog's visibility: the form is reset when it opens. Leave out for a form that is always shown. */
  open?: boolean;
  action: (values: TOut) => Promise<ActionResult<R>>;
  /** The toast after success (none when left out). */
  success?: string | ((data: R) => string);
  onSuccess?: (data: R, values: TOut) => void;
  /** Every answer, after the form has taken its field errors: for messages of the caller's own (see `report`). */
  onResult?: (result: ActionResult<R>) => void;
  /** 'inline' (default): the general message above the form; 'toast': as a message; 'none': onResult shows it. */
  report?: 'inline' | 'toast' | 'none';
  /** Reload the page's server data after success (default true). */
  refresh?: boolean;
  /** How a message key and its parameters become text (default: the catalogue). */
  translate?: TranslateResult;
  /**
   * Values that follow the server while the form is shown (a settings panel that polls): fields the person has
   * changed keep what they typed.
   */
  liveValues?: TIn;
  /** When fields are checked before a submit (react-hook-form's mode; default on submit). */
  mode?: 'onSubmit' | 'onTouched' | 'onChange' | 'onBlur';
}

export interface FormModalState<TIn extends FieldValues, TOut extends FieldValues = TIn> extends UseFormReturn<TIn, unknown, TOut> {
  submit: () => Promise<void>;
  /** The general message of the last refusal, shown by FormModal / FormError. */
  error: string | null;
  setFormError: (message: string | null) => void;
  submitting: boolean;
}

export function useFormModal<TIn extends FieldValues, TOut extends FieldValues, R>(options: FormModalOptions<TIn, TOut, R>): FormModalState<TIn, TOut> {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [error, setFormError] = useState<string | null>(null);
  const form = useForm<TIn, unknown, TOut>({
    resolver: zodResolver(options.schema),
    defaultValues: options.defaultValues(),
    mode: options.mode,
    values: options.liveValues,
    resetOptions: options.liveValues ? { keepDirtyValues: true } : undefined,
  });
  // The latest defaults, so the reset runs when the dialog opens and not each time a parent re-renders.
  const defaults = useRef(options.defaultValues);
  useEffect(() => {
    defaults.current = options.defaultValues;
  });
  const { reset } = form;
  const open = options.open ?? true;
  useEffect(() => {
    if (open) reset(defaults.current());
  }, [open, reset]);
  // A refusal shown at the last opening is not shown at the next (state adjusted while rendering, not in an effect).
  const [openedBefore, setOpenedBefore] = useState(open);
  if (open !== openedBefore) {
    setOpenedBefore(open);
    if (open) setFormError(null);
  }

  const submit = () =>
    form.handleSubmit(async (values) => {
      const o = options;
      const translate = o.translate ?? ((m: string, p?: Params) => translateMessage(t, m, p));
      setFormError(null);
      const result = await o.action(values);
      if (result.ok) {
        const text = typeof o.success === 'function' ? o.success(result.data) : o.success;
        if (text) message.success(text);
        o.onSuccess?.(result.data, values);
        if (o.refresh ?? true) router.refresh();
      } else {
        const onFields = applyFieldErrors(result, form.setError, translate);
        const report = o.report ?? 'inline';
        if (report === 'toast') message.error(translate(result.error, result.params), 6);
        else if (report === 'inline' && !onFields) setFormError(translate(result.error, result.params));
      }
      o.onResult?.(result);
    })();

  return { ...form, submit, error, setFormError, submitting: form.formState.isSubmitting };
}

/** The general message of a refused submit, for forms laid out by the caller. */
export function FormError({ form, style }: { form: { error: string | null }; style?: React.CSSProperties }) {
  return form.error ? <Alert type="error" showIcon title={form.error} style={{ marginBottom: 12, ...style }} /> : null;
}

/** A dialog around a useFormModal form: OK submits, Enter in a field submits, the general message sits under the fields. */
export function FormModal({
  form,
  open,
  title,
  okText,
  onClose,
  children,
  okButtonProps,
  width,
  footerNote,
}: {
  form: Pick<FormModalState<FieldValues>, 'submit' | 'error' | 'submitting'>;
  open: boolean;
  title: ReactNode;
  okText: string;
  onClose: () => void;
  children: ReactNode;
  okButtonProps?: ModalProps['okButtonProps'];
  width?: number;
  /** Shown below the general message (e.g. a limit or a prerequisite). */
  footerNote?: ReactNode;
}) {
  const t = useT();
  const onEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') void form.submit();
  };
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={onClose}
      onOk={() => void form.submit()}
      okText={okText}
      okButtonProps={okButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={form.submitting}
      destroyOnHidden
    >
      <Form layout="vertical" component="div" onKeyDown={onEnter}>
        {children}
        <FormError form={form} />
        {footerNote}
      </Form>
    </Modal>
  );
}
