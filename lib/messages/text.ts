// Texts stored as a catalog key plus parameters and rendered in the reader's language when shown (inbox messages,
// operation-log details, batch item messages, history reasons). A parameter may itself be a key (`{ t: key }`, e.g.
// a batch operation's name) or a date (`{ d: epoch ms }`, formatted by the message's ICU `date` argument).
// Platform texts (Alipay's sub_msg, a reviewer's reason) are passed as plain string parameters and shown as sent.
import type { FormatParams, KeyArg, Translate } from '@/lib/i18n/core';

export type TextParam = string | number | { t: string; params?: TextParams } | { d: number };
export type TextParams = { [name: string]: TextParam };

export interface LocalizedText {
  key: string;
  params?: TextParams;
}

/** A parameter translated when shown. */
export const keyParam = <K extends string>(key: KeyArg<K>, params?: TextParams): TextParam => (params ? { t: key, params } : { t: key });
/** A date parameter, for `{name, date, …}` in the message. */
export const dateParam = (date: Date): TextParam => ({ d: date.getTime() });

export function resolveParams(t: Translate, params: TextParams | null | undefined): FormatParams | undefined {
  if (!params) return undefined;
  const out: FormatParams = {};
  for (const [name, value] of Object.entries(params)) {
    if (value && typeof value === 'object') out[name] = 'd' in value ? new Date(value.d) : renderText(t, { key: value.t, params: value.params });
    else out[name] = value;
  }
  return out;
}

/** The text in the reader's language; an unknown key (or plain text stored in its place) is shown as it is. */
export function renderText(t: Translate, text: LocalizedText): string {
  return t.has(text.key) ? t(text.key, resolveParams(t, text.params)) : text.key;
}

/** Parameters as stored (JSON), or null when there are none. */
export const storeParams = (params: TextParams | null | undefined): string | null => (params && Object.keys(params).length ? JSON.stringify(params) : null);

/** Stored parameters back; a broken value is treated as none rather than failing the page. */
export function parseParams(json: string | null | undefined): TextParams | undefined {
  if (!json) return undefined;
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as TextParams) : undefined;
  } catch {
    return undefined;
  }
}

/** A stored key (or plain text) with its stored parameters, rendered. */
export const renderStored = (t: Translate, key: string | null | undefined, paramsJson: string | null | undefined): string | null =>
  key ? renderText(t, { key, params: parseParams(paramsJson) }) : null;

/** A mini-program named in a message: its name and app id, or the app id alone (language-neutral). */
export const appText = (app: { appName?: string | null; authAppId: string }): string => (app.appName ? `${app.appName} (${app.authAppId})` : app.authAppId);
