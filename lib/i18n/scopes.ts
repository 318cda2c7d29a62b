// Which message namespaces each part of the app sends to the browser. Client components translate with `useT()`;
// a page's client components only get the namespaces listed for its route segment (plus BASE), so a page does
// not ship the whole catalogue. Action results carry keys from the namespaces of the lib code they call, so a
// scope lists those too. A key missing on the client shows as the key itself: add its namespace here.
import type { Messages } from './core';

type Namespace = keyof Messages & string;

/** The shell, forms and errors every page may show. */
export const BASE = ['app', 'nav', 'roles', 'header', 'common', 'validation', 'errors', 'auth', 'inbox'] as const satisfies readonly Namespace[];

const VERSIONS = ['versions', 'audit', 'acceptance', 'preAudit', 'batches', 'templates', 'authorization'] as const satisfies readonly Namespace[];

export const SCOPES = {
  base: [],
  login: ['login'],
  dashboard: ['dashboard', 'operationLog', 'actions'],
  merchants: ['merchants', 'authorization', 'profile', 'preAudit', 'members', 'codes', ...VERSIONS],
  miniApps: ['merchants', 'profile', 'members', 'codes', ...VERSIONS],
  templates: ['templates', 'authorization', 'versions', 'batches', 'merchants'],
  batches: ['batches', 'codes', 'members', 'merchants', 'profile', ...VERSIONS],
  drift: ['drift', 'merchants', ...VERSIONS],
  messages: ['inbox', 'audit', 'authorization', 'batches', 'profile', 'versions', 'templates'],
  operationLog: ['operationLog', 'actions'],
  staff: ['staff'],
  settings: ['settings'],
  sandbox: ['sandbox'],
  authorize: ['authorization'],
} as const satisfies Record<string, readonly Namespace[]>;

export type Scope = keyof typeof SCOPES;

export function pickMessages(messages: Messages, scope: Scope): Partial<Messages> {
  const out: Partial<Record<Namespace, unknown>> = {};
  for (const ns of [...BASE, ...SCOPES[scope]] as Namespace[]) if (ns in messages) out[ns] = messages[ns];
  return out as Partial<Messages>;
}
