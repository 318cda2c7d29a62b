'use client';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ActionResult } from '@/lib/actions/result';
import { translateMessage, type Translate } from '@/lib/i18n/core';

/** Field errors with their parameters filled in (e.g. which rule overlaps), which the plain helper cannot do. */
export function setTranslatedFieldErrors<T extends FieldValues>(result: Extract<ActionResult<unknown>, { ok: false }>, setError: UseFormSetError<T>, t: Translate): boolean {
  const entries = Object.entries(result.fieldErrors ?? {});
  for (const [field, message] of entries) setError(field as Path<T>, { type: 'server', message: translateMessage(t, message, result.params) });
  return entries.length > 0;
}
