'use client';
import { App } from 'antd';
import { useTransition } from 'react';
import type { ActionResult } from '@/lib/actions/result';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';

/** Runs a one-button server action and reports its outcome as a toast. */
export function useActionRunner() {
  const t = useT();
  const { message } = App.useApp();
  const [pending, start] = useTransition();
  const run = (call: () => Promise<ActionResult<unknown>>, success?: string) =>
    start(async () => {
      const result = await call();
      if (result.ok) message.success(success ?? t('common.done'));
      else message.error(translateMessage(t, result.error, result.params));
    });
  return { run, pending };
}

