// What an upload offers and sends: the templates to choose from (names, versions with the platform's status, on-shelf
// first) and the template's ext config rendered for one mini-program with its own values. Used by the single upload
// dialog and its action, and exported for the batch wizard and pre-flight. Reads only: no auth, no platform calls.
import type { Db } from '@/db';
import { parseExtTemplate, renderExt, type ExtTemplateError, type JsonValue } from '@/lib/batches/ext-template';
import { findMerchantApp } from '@/lib/authorization/data';
import { findMerchant } from '@/lib/merchants/data';
import { compareVersions } from '@/lib/versions/operations';
import { extValuesFor } from './data';
import { listTemplateRecords } from './registry';

export interface TemplateVersionChoice {
  version: string;
  /** The platform's status, raw ("" when it sent none). */
  status: string;
  onShelf: boolean;
}

export interface TemplateChoice {
  templateId: string;
  name: string;
  /** The newest on-shelf version: what an upload without a template version gets. */
  latestOnShelf: string | null;
  /** On-shelf versions first, each group newest first; versions the platform no longer lists are left out. */
  versions: TemplateVersionChoice[];
}

/** The templates the platform lists now (vanished ones left out), for upload forms. */
export function templateChoices(db: Db): TemplateChoice[] {
  return listTemplateRecords(db)
    .filter((t) => !t.vanishedAt)
    .map((t) => {
      const versions = t.versions
        .filter((v) => !v.vanishedAt)
        .map((v) => ({ version: v.version, status: v.status ?? '', onShelf: v.onShelf }))
        .sort((a, b) => Number(b.onShelf) - Number(a.onShelf) || compareVersions(b.version, a.version));
      return { templateId: t.templateId, name: t.name, latestOnShelf: versions.find((v) => v.onShelf)?.version ?? null, versions };
    });
}

export type RenderExtError =
  | { code: 'templateNotFound' }
  | { code: 'appNotFound' }
  | { code: 'invalidTemplate'; detail: ExtTemplateError }
  | { code: 'missingValue'; variable: string };

export type RenderedExt = { ok: true; ext: string | null } | { ok: false; error: RenderExtError };

/**
 * The template's ext config rendered with this mini-program's merchant, its own custom values and override. `ext` is
 * null when the template has no ext config (an empty object): nothing is sent then.
 */
export function renderExtFor(db: Db, templateId: string, merchantAppId: number): RenderedExt {
  const template = listTemplateRecords(db).find((t) => t.templateId === templateId);
  if (!template) return { ok: false, error: { code: 'templateNotFound' } };
  const app = findMerchantApp(db, merchantAppId);
  const merchant = app && findMerchant(db, app.merchantId);
  if (!app || !merchant) return { ok: false, error: { code: 'appNotFound' } };
  const parsed = parseExtTemplate(template.extTemplate);
  if (!parsed.ok) return { ok: false, error: { code: 'invalidTemplate', detail: parsed.error } };
  const own = extValuesFor(db, templateId, [merchantAppId]).get(merchantAppId);
  const rendered = renderExt(parsed.template, {
    merchant: { name: merchant.name, phone: merchant.mobile, email: merchant.email || null, contact: merchant.contactName || null },
    miniApp: { appId: app.authAppId, name: app.appName },
    custom: own?.custom,
    override: (own?.override ?? undefined) as Record<string, JsonValue> | undefined,
  });
  if (!rendered.ok) return { ok: false, error: rendered.error };
  return { ok: true, ext: rendered.ext === '{}' ? null : rendered.ext };
}

/** The catalog key and parameters that explain a rendering failure to staff. */
export function renderErrorMessage(error: RenderExtError): { key: string; params?: Record<string, string> } {
  switch (error.code) {
    case 'missingValue':
      return { key: 'templates.render.missingValue', params: { variable: `{{${error.variable}}}` } };
    case 'invalidTemplate':
      return { key: 'templates.render.invalidTemplate' };
    case 'appNotFound':
      return { key: 'authorization.appNotFound' };
    case 'templateNotFound':
      return { key: 'templates.render.templateNotFound' };
  }
}

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(sortKeys(JSON.parse(a))) === JSON.stringify(sortKeys(JSON.parse(b)));
  } catch {
    return false;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}

export type UploadExt = { ok: true; ext: string | null; extSource: 'template' | 'override' } | { ok: false; error: RenderExtError };

/**
 * The ext a single upload sends. By default the template's rendering for this mini-program; with `override` set,
 * staff's own text (recorded as an override, unless it is the rendering itself, key order and spacing aside).
 */
export function resolveUploadExt(db: Db, input: { templateId: string; merchantAppId: number; override: string | null }): UploadExt {
  const rendered = renderExtFor(db, input.templateId, input.merchantAppId);
  if (input.override === null) return rendered.ok ? { ok: true, ext: rendered.ext, extSource: 'template' } : rendered;
  const text = input.override.trim();
  const asRendered = rendered.ok && (rendered.ext === null ? text === '' || sameJson(text, '{}') : sameJson(text, rendered.ext));
  if (asRendered) return { ok: true, ext: rendered.ext, extSource: 'template' };
  return { ok: true, ext: text === '' ? null : JSON.stringify(JSON.parse(text)), extSource: 'override' };
}
