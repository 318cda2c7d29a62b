'use client';
// Runs a version operation from any button of the tab: a confirmation that says what will happen, one call at a
// time per version (the button shows it is running; the server ignores a second click anyway), the outcome shown.
import { App } from 'antd';
import { useCallback, useState } from 'react';
import type { FieldValues } from 'react-hook-form';
import {
  backToDevelopment,
  cancelAuditVersion,
  cancelExperienceVersion,
  endGray,
  releaseOnline,
  rollback,
  setExperience,
  takeOffline,
} from '@/app/(console)/mini-apps/actions';
import { useFormModal, type FormModalOptions } from '@/components/form-modal';
import type { ActionResult } from '@/lib/actions/result';
import { translateMessage, type Params, type Translate } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import type { VersionOperation } from '@/lib/versions/operations';
import type { OperationOutcome } from '@/lib/versions/service';
import type { VersionRowView, VersionsView } from '@/lib/versions/view';

export type ConfirmedOperation = 'setExperience' | 'cancelExperience' | 'cancelAudit' | 'backToDev' | 'endGray' | 'online' | 'offline' | 'rollback';

const ACTIONS: Record<ConfirmedOperation, typeof setExperience> = {
  setExperience,
  cancelExperience: cancelExperienceVersion,
  cancelAudit: cancelAuditVersion,
  backToDev: backToDevelopment,
  endGray,
  online: releaseOnline,
  offline: takeOffline,
  rollback,
};

/** A refusal's parameters shown as words: a raw status becomes its label. */
export function translateResult(t: Translate, message: string, params?: Params): string {
  const shown = params?.status ? { ...params, status: t.has(`versions.status.${params.status}`) ? t(`versions.status.${params.status}`) : params.status } : params;
  return translateMessage(t, message, shown);
}

/** How a version dialog hands its call to the tab's runner (one call at a time, the outcome reported, the tab reloaded). */
export type VersionRun<A extends (...args: never[]) => Promise<ActionResult<unknown>>> = (call: () => ReturnType<A>) => Promise<boolean>;

/**
 * useFormModal for a dialog on one version: open while a version is chosen, the call made through the tab's runner
 * (which reports the outcome and reloads the tab, so the form shows only field errors), a status shown by its label.
 */
export function useVersionFormModal<TIn extends FieldValues, TOut extends FieldValues, R>({
  version,
  action,
  run,
  ...options
}: Omit<FormModalOptions<TIn, TOut, R>, 'open' | 'action' | 'report' | 'refresh' | 'translate'> & {
  version: VersionRowView | null;
  action: (values: TOut) => Promise<ActionResult<R>>;
  run: (call: () => Promise<ActionResult<R>>) => Promise<boolean>;
}) {
  const t = useT();
  return useFormModal({
    ...options,
    open: !!version,
    report: 'none',
    refresh: false,
    translate: (message, params) => translateResult(t, message, params),
    action: async (values) => {
      let result: ActionResult<R> = { ok: false, error: 'errors.unexpected' };
      await run(async () => (result = await action(values)));
      return result;
    },
  });
}

/** Shows what an operation's answer means to the person. */
export function useReportOutcome() {
  const t = useT();
  const { message } = App.useApp();
  return useCallback(
    (op: VersionOperation, result: ActionResult<OperationOutcome>) => {
      const label = t(`versions.ops.${op}`);
      if (!result.ok) {
        message.error(translateResult(t, result.error, result.params), 6);
        return false;
      }
      if (result.data.outcome === 'done') message.success(t('versions.outcome.done', { op: label }));
      else if (result.data.outcome === 'alreadyApplied') message.info(t('versions.outcome.alreadyApplied', { op: label }), 6);
      else message.warning(t('versions.outcome.inProgress'));
      return true;
    },
    [message, t],
  );
}

export function useVersionOperations(view: VersionsView, onChanged: () => Promise<void> | void) {
  const t = useT();
  const { modal } = App.useApp();
  const report = useReportOutcome();
  const [busy, setBusy] = useState<string | null>(null);

  /** The ICP refusal explained, with the restricted release staff may choose (§4 ICP gate). */
  const offerRestricted = useCallback(
    (v: VersionRowView, platformMessage: string) => {
      modal.confirm({
        title: t('icp.title', { version: v.appVersion }),
        width: 560,
        content: (
          <div data-testid="icp-refusal">
            <p>{t('icp.explain')}</p>
            <p>{t('icp.restricted')}</p>
            {platformMessage && <p style={{ color: 'rgba(0,0,0,0.45)' }}>{t('icp.platformSaid', { message: platformMessage })}</p>}
          </div>
        ),
        okText: t('icp.permit'),
        cancelText: t('icp.notNow'),
        onOk: async () => {
          const result = await releaseOnline({ merchantAppId: view.merchantAppId, appVersion: v.appVersion, expectedStatus: v.status ?? undefined, permitRegistrationLimitRelease: true });
          report('online', result);
          await onChanged();
        },
      });
    },
    [modal, onChanged, report, t, view.merchantAppId],
  );

  /** Calls the server without a confirmation (the caller already asked). */
  const run = useCallback(
    async (op: VersionOperation, v: VersionRowView, call: () => Promise<ActionResult<OperationOutcome>>) => {
      if (busy) return false;
      setBusy(v.appVersion);
      try {
        const result = await call();
        // No ICP filing: explain it and let staff choose a restricted release instead of a bare error.
        if (op === 'online' && !result.ok && result.error === 'icp.refused') {
          offerRestricted(v, String(result.params?.message ?? ''));
          await onChanged();
          return false;
        }
        const ok = report(op, result);
        await onChanged();
        return ok;
      } finally {
        setBusy(null);
      }
    },
    [busy, offerRestricted, onChanged, report],
  );


  const confirm = useCallback(
    (op: ConfirmedOperation, v: VersionRowView) => {
      const label = t(`versions.ops.${op}`);
      const online = view.versions.find((x) => x.status === 'RELEASE' && x.appVersion !== v.appVersion);
      const content =
        op === 'online'
          ? t('versions.confirm.online', { version: v.appVersion, previous: online ? t('versions.confirm.onlinePrevious', { previous: online.appVersion }) : '' })
          : op === 'rollback'
            ? t('versions.confirm.rollback', { version: v.appVersion, previous: view.rollbackTarget ?? t('versions.confirm.rollbackPreviousUnknown') })
            : t(`versions.confirm.${op}`, { version: v.appVersion });
      modal.confirm({
        title: t('versions.confirm.title', { op: label, version: v.appVersion }),
        content,
        okText: t('versions.confirm.ok', { op: label }),
        okButtonProps: { danger: op === 'offline' || op === 'rollback' },
        cancelText: t('common.cancel'),
        onOk: () =>
          run(op, v, () => ACTIONS[op]({ merchantAppId: view.merchantAppId, appVersion: v.appVersion, expectedStatus: v.status ?? undefined })),
      });
    },
    [modal, run, t, view],
  );

  return { busy, run, confirm };
}
