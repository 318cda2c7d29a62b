// A template version's ext config rendered for each merchant: `{{merchant.name}}`, `{{merchant.phone}}`,
// `{{miniApp.appId}}`, `{{custom.<field>}}` inside JSON string values, plus a per-merchant override object merged on
// top. Substitution works on parsed values, so a merchant's name can never break the JSON. Pure.

export const BUILTIN_VARIABLES = ['merchant.name', 'merchant.phone', 'merchant.email', 'merchant.contact', 'miniApp.appId', 'miniApp.name'] as const;
export type BuiltinVariable = (typeof BUILTIN_VARIABLES)[number];

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;
const CUSTOM = /^custom\.[A-Za-z_][\w]*$/;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ExtSubject {
  merchant: { name: string; phone: string; email?: string | null; contact?: string | null };
  miniApp: { appId: string; name?: string | null };
  /** Custom per-merchant fields, used as `{{custom.<key>}}`. */
  custom?: Record<string, string>;
  /** Merged over the rendered ext (objects deeply, anything else replaced). */
  override?: Record<string, JsonValue>;
}

export type ExtTemplateError =
  | { code: 'invalidJson'; detail: string }
  | { code: 'notObject' }
  | { code: 'unknownVariable'; variable: string };

export type ExtRenderError = { code: 'missingValue'; variable: string };

export interface ParsedExtTemplate {
  value: Record<string, JsonValue>;
  /** Every variable the template uses. */
  variables: string[];
}

function isObject(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function collectVariables(value: JsonValue, out: Set<string>): void {
  if (typeof value === 'string') for (const m of value.matchAll(PLACEHOLDER)) out.add(m[1]);
  else if (Array.isArray(value)) value.forEach((v) => collectVariables(v, out));
  else if (isObject(value)) Object.entries(value).forEach(([k, v]) => (collectVariables(k, out), collectVariables(v, out)));
}

const isKnown = (variable: string) => (BUILTIN_VARIABLES as readonly string[]).includes(variable) || CUSTOM.test(variable);

/** Checks the template once, before any batch starts: valid JSON, an object, only known variables. */
export function parseExtTemplate(text: string): { ok: true; template: ParsedExtTemplate } | { ok: false; error: ExtTemplateError } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: { code: 'invalidJson', detail: (e as Error).message } };
  }
  if (!isObject(value)) return { ok: false, error: { code: 'notObject' } };
  const used = new Set<string>();
  collectVariables(value, used);
  const unknown = [...used].find((v) => !isKnown(v));
  if (unknown) return { ok: false, error: { code: 'unknownVariable', variable: unknown } };
  return { ok: true, template: { value, variables: [...used].sort() } };
}

/** The custom fields a template needs from every merchant. */
export function customFieldsOf(template: ParsedExtTemplate): string[] {
  return template.variables.filter((v) => v.startsWith('custom.')).map((v) => v.slice('custom.'.length));
}

function lookup(variable: string, s: ExtSubject): string | undefined {
  switch (variable as BuiltinVariable) {
    case 'merchant.name':
      return s.merchant.name;
    case 'merchant.phone':
      return s.merchant.phone;
    case 'merchant.email':
      return s.merchant.email ?? undefined;
    case 'merchant.contact':
      return s.merchant.contact ?? undefined;
    case 'miniApp.appId':
      return s.miniApp.appId;
    case 'miniApp.name':
      return s.miniApp.name ?? undefined;
  }
  return variable.startsWith('custom.') ? s.custom?.[variable.slice('custom.'.length)] : undefined;
}

class MissingValue extends Error {
  constructor(readonly variable: string) {
    super(variable);
  }
}

function substitute(value: JsonValue, s: ExtSubject): JsonValue {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (_, variable: string) => {
      const v = lookup(variable, s);
      if (v === undefined || v === '') throw new MissingValue(variable);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, s));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [substitute(k, s) as string, substitute(v, s)]));
  return value;
}

function merge(base: JsonValue, over: JsonValue): JsonValue {
  if (!isObject(base) || !isObject(over)) return over;
  const out: Record<string, JsonValue> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? merge(out[k], v) : v;
  return out;
}

/** The ext JSON text for one merchant, or the variable it has no value for. */
export function renderExt(template: ParsedExtTemplate, subject: ExtSubject): { ok: true; ext: string } | { ok: false; error: ExtRenderError } {
  try {
    const rendered = substitute(template.value, subject);
    const ext = subject.override ? merge(rendered, subject.override) : rendered;
    return { ok: true, ext: JSON.stringify(ext) };
  } catch (e) {
    if (e instanceof MissingValue) return { ok: false, error: { code: 'missingValue', variable: e.variable } };
    throw e;
  }
}
