// Which message namespaces each part of the app sends to the browser. Client components translate with `useT()`;
// a page's client components only get the namespaces listed for its route segment (plus BASE), so a page does
// not ship the whole catalogue. Action results carry keys from the namespaces of the lib code they call, so a
// scope lists those too. A key missing on the client shows as the key itself: add its namespace here.
import type { Messages } from './core';

type Namespace = keyof Messages & string;
/** A namespace, or one branch of it (`batches.inbox`) when a page needs only that. */
type Pick = Namespace | `${Namespace}.${string}`;

/** The shell, forms and errors every page may show. */
export const BASE = ['app', 'nav', 'roles', 'header', 'common', 'validation', 'errors', 'auth', 'inbox', 'analytics.title'] as const satisfies readonly Pick[];

const VERSIONS = ['versions', 'audit', 'acceptance', 'preAudit', 'batches', 'templates', 'authorization', 'platform'] as const satisfies readonly Namespace[];

export const SCOPES = {
  base: [],
  login: ['login'],
  dashboard: ['dashboard', 'fleet', 'batches.operations', 'batches.status', 'operationLog', 'actions'],
  // The merchant list, a merchant's header, overview and authorization tab; the other tabs have their own.
  merchants: ['merchants', 'authorization', 'profile', 'codes.baseInfo', 'codes.errors', 'analytics.tab', 'fleet.stageFilter', 'fleet.stages', 'fleet.noReason', 'fleet.attention.waitingHours'],
  merchantAnalytics: ['merchants', 'authorization', 'analytics'],
  merchantProfile: ['merchants', 'authorization', 'profile', 'preAudit'],
  merchantMembers: ['merchants', 'authorization', 'members'],
  merchantCodes: ['merchants', 'authorization', 'codes'],
  miniApps: ['merchants', 'profile', 'codes', ...VERSIONS],
  templates: ['templates', 'authorization', 'versions', 'batches', 'merchants'],
  batches: ['batches', 'codes', 'members', 'merchants', 'profile', ...VERSIONS],
  drift: ['drift', 'merchants', 'plans.fromDrift', ...VERSIONS],
  // A plan's page shows its merchants' batch items and versions, and the fix-and-resubmit profile form.
  plans: ['plans', 'drift', 'merchants', 'profile', 'codes', ...VERSIONS],
  analytics: ['analytics', 'fleet'],
  // Inbox rows are rendered on the server; the client needs the filters' labels.
  messages: ['inbox', 'batches.inbox', 'plans.inbox'],
  operationLog: ['operationLog', 'actions'],
  staff: ['staff'],
  settings: ['settings'],
  sandbox: ['sandbox'],
  authorize: ['authorization'],
} as const satisfies Record<string, readonly Pick[]>;

export type Scope = keyof typeof SCOPES;

type Tree = { [key: string]: unknown };

/** Top-level namespaces named by BASE or any scope. */
const SCOPED = new Set<string>([...BASE, ...Object.values(SCOPES).flat()].map((p) => p.split('.')[0]));

/**
 * The messages for a scope: BASE, the scope's own, and any namespace no scope names yet (an area added since,
 * e.g. by another branch: sent everywhere, so nothing shows a bare key, until it is given its scope here).
 */
export function pickMessages(messages: Messages, scope: Scope): Partial<Messages> {
  const out: Tree = {};
  const unscoped = Object.keys(messages).filter((ns) => !SCOPED.has(ns));
  for (const path of [...BASE, ...SCOPES[scope], ...unscoped] as string[]) {
    const parts = path.split('.');
    let from: unknown = messages;
    let to = out;
    for (const [i, part] of parts.entries()) {
      from = (from as Tree | undefined)?.[part];
      if (from === undefined) break;
      if (i === parts.length - 1) to[part] = from;
      else to = (to[part] ??= {}) as Tree;
    }
  }
  return out as Partial<Messages>;
}
