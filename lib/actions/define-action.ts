// Wraps a server action as guard → validate → run → log, so no action can forget a step.
import 'server-only';
import { z } from 'zod';
import { getDb, type Db } from '@/db';
import type { Role } from '@/db/schema';
import { AuthError, authorize, type SessionUser } from '@/lib/auth/guard';
import { translateMessage } from '@/lib/i18n/core';
import { getTranslator } from '@/lib/i18n/server';
import { resolveParams, type TextParams } from '@/lib/messages/text';
import { recordOperation } from '@/lib/operation-log/log';
import { ActionError, type ActionResult } from './result';

export interface ActionContext {
  user: SessionUser;
  db: Db;
}

export interface ActionSpec<S extends z.ZodType, R> {
  /** Operation-log name, e.g. 'staff.create'. */
  name: string;
  role: Role;
  schema: S;
  target?: (input: z.infer<S>, result?: R) => { type: string; id: string | number } | undefined;
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<R>;
  /** A read that changes nothing (e.g. a page's refresh from the platform): only refused callers are logged. */
  readOnly?: boolean;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}

/** Parameters that are keys or dates, rendered in the reader's language: the browser gets plain values. */
export async function flatParams(params: TextParams | undefined): Promise<Record<string, string | number> | undefined> {
  if (!params || Object.values(params).every((v) => typeof v !== 'object')) return params as Record<string, string | number> | undefined;
  const { t } = await getTranslator();
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(resolveParams(t, params) ?? {})) out[name] = value instanceof Date ? value.toISOString() : value;
  return out;
}

/**
 * A refusal as the browser receives it. A platform text (`platform.*`, the sub_code catalogue) is rendered here in
 * the reader's language, so no page has to ship that catalogue; other keys stay keys (forms branch on some of them).
 */
export async function actionFailure(e: ActionError): Promise<Extract<ActionResult<never>, { ok: false }>> {
  let error = e.message;
  let params = await flatParams(e.options.params);
  if (error.startsWith('platform.')) {
    const { t } = await getTranslator();
    error = translateMessage(t, error, params);
    params = undefined;
  }
  return { ok: false, error, params, fieldErrors: e.options.field ? { [e.options.field]: error } : undefined };
}

export function defineAction<S extends z.ZodType, R>(spec: ActionSpec<S, R>) {
  return async (raw: z.input<S>): Promise<ActionResult<R>> => {
    const db = getDb();
    let user: SessionUser;
    try {
      user = await authorize(spec.role);
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      const who = await import('./who').then((m) => m.whoAttempted());
      if (who) recordOperation(db, { actor: who, action: spec.name, result: 'refused', detail: e.message });
      return { ok: false, error: e.message };
    }
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, error: 'validation.fixFields', fieldErrors: fieldErrorsOf(parsed.error) };
    }
    const input = parsed.data;
    try {
      const data = await spec.run(input, { user, db });
      if (!spec.readOnly) recordOperation(db, { actor: user, action: spec.name, target: spec.target?.(input, data), input, result: 'ok' });
      return { ok: true, data };
    } catch (e) {
      if (spec.readOnly && e instanceof ActionError) return actionFailure(e);
      if (e instanceof ActionError) {
        recordOperation(db, {
          actor: user,
          action: spec.name,
          target: spec.target?.(input),
          input,
          result: 'error',
          detail: e.message,
          detailParams: e.options.params,
        });
        return actionFailure(e);
      }
      recordOperation(db, {
        actor: user,
        action: spec.name,
        target: spec.target?.(input),
        input,
        result: 'error',
        detail: e instanceof Error ? e.message : String(e),
      });
      console.error(`[action ${spec.name}] failed:`, e instanceof Error ? e.message : e);
      return { ok: false, error: 'errors.unexpected' };
    }
  };
}
