/**
 * The sandbox's JSON control surface, for end-to-end tests and scripts. Every call needs a signed-in staff session of
 * role operator or owner (401 signed out, 403 viewer) and answers 404 outside ALIPAY_MODE=sandbox. Changes run the
 * same specs as the /sandbox page's actions, so they are validated the same way and land in the operation log.
 *
 *   GET  /sandbox/api/{settings|accounts|authorizations|audits|invitations|templates|faults|requests|messages}
 *   GET  /sandbox/api/versions?appId=…      one mini-program's live versions, with the ext each was uploaded with
 *   POST /sandbox/api/settings              any of {reviewMode, reviewDelayMs, buildDurationMs, grayOptional,
 *                                           invitationAutoAccept, messageDelivery, notifyUrl, messageRetryBaseMs,
 *                                           sensitiveWords, blockedDomains}
 *   POST /sandbox/api/accounts              {name, logonId, password, miniApps: [{name}]}
 *   POST /sandbox/api/authorizations        {userId | logonId, appIds, redirectUri, state?} → {appAuthCode, redirectTo}
 *   POST /sandbox/api/authorizations/cancel {appId}
 *   POST /sandbox/api/audits/decide         {appId, appVersion, bundleId?, pass, admissionOnly?, reason (required when pass=false)}
 *   POST /sandbox/api/versions/backdate     {appId, days}: the release history moves `days` into the past
 *   POST /sandbox/api/invitations/respond   {appId, userId, role: DEVELOPER|EXPERIENCER, accept}
 *   POST /sandbox/api/templates             {name} → {templateId, name}: a new template of the ISV app
 *   POST /sandbox/api/templates/versions    {templateId, version, onShelf}
 *   POST /sandbox/api/templates/qr-hosts    {templateId, hosts: [host]} (empty: no check)
 *   GET  /sandbox/api/qr-routes?appId=…     the mini-program's ordinary-QR rules as the platform stores them
 *   GET  /sandbox/api/mini-apps?appId=…     one mini-program: categories, server domains, ICP filed, restricted release
 *   POST /sandbox/api/mini-apps/icp         {appId, filed}: the mini-program's "ICP filed" flag
 *   POST /sandbox/api/lists                 {sensitiveWords: [word], blockedDomains: [host]}
 *   POST /sandbox/api/qr-routes/pattern     {appId, routeUrl, routePattern, pageRedirection} → {routeGroup}
 *   POST /sandbox/api/faults                {method, latencyMs, jitterMs, errorPercent, errorSubCode, hang, oddAnswers?, rps?}
 *   POST /sandbox/api/faults/remove         {index, method}
 *   POST /sandbox/api/messages/redeliver    {id}
 *
 * POSTs must be `application/json` and, from a browser, same-origin (Origin / Sec-Fetch-Site): 415 / 403 otherwise.
 * Tokens never leave: /authorizations drops them and /messages redacts them in the payloads.
 *
 * Answers: 200 {ok: true, data}; 400 {ok: false, error, fieldErrors} for invalid input (or JSON); 409 {ok: false,
 * error} when the sandbox refuses (e.g. the version is no longer in audit); 404 for an unknown path.
 */
import * as commands from '@/lib/sandbox/control-page/commands';
import { sandboxRoute } from '@/lib/sandbox/control-page/guard';
import type { z } from 'zod';
import { defineAction, type ActionSpec } from '@/lib/actions/define-action';
import type { ActionResult } from '@/lib/actions/result';
import { withRole } from '@/lib/auth/guard';
import { getConfig } from '@/lib/config';
import { refuseCrossSite } from '@/lib/http/same-origin';
import { translateMessage } from '@/lib/i18n/core';
import { getTranslator } from '@/lib/i18n/server';
import { getSandbox, type SandboxControl } from '@/lib/sandbox';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type RouteContext = { params: Promise<{ path: string[] }> };

const READS: Record<string, (c: SandboxControl, query: URLSearchParams) => unknown> = {
  settings: (c) => c.getSettings(),
  accounts: (c) => c.listAccounts(),
  // Tokens stay inside the sandbox: the console gets its own through the gateway, like from Alipay.
  authorizations: (c) => c.listAuthorizations().map(({ appAuthToken: _token, ...rest }) => rest),
  audits: (c) => c.listPendingAudits(),
  invitations: (c) => c.listInvitations(),
  templates: (c) => c.listTemplates(),
  faults: (c) => c.getFaults(),
  requests: (c) => c.listRequests(200),
  // The payloads carry the tokens the platform issued (authorization messages): redacted like /authorizations.
  messages: (c) => c.listMessages(200).map((m) => ({ ...m, params: redactMessageParams(m.params) })),
  versions: (c, query) => c.listVersions(query.get('appId') ?? ''),
  'qr-routes': (c, q) => c.listQrRoutes(q.get('appId') ?? ''),
  'mini-apps': (c, q) => c.getMiniApp(q.get('appId') ?? ''),
};

const TOKEN_FIELDS = /^(app_auth_token|app_refresh_token|app_auth_code|auth_code|access_token|refresh_token)$/;

function redactDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, TOKEN_FIELDS.test(k) ? '[redacted]' : redactDeep(v)]));
  }
  return value;
}

function redactMessageParams(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (TOKEN_FIELDS.test(k)) out[k] = '[redacted]';
    else if (k === 'biz_content') {
      try {
        out[k] = JSON.stringify(redactDeep(JSON.parse(v)));
      } catch {
        out[k] = v;
      }
    } else out[k] = v;
  }
  return out;
}

type Write = (raw: unknown) => Promise<ActionResult<unknown>>;
// The body is whatever the caller sent: each spec's schema is what checks it.
const action = <S extends z.ZodType, R>(spec: ActionSpec<S, R>): Write => defineAction(spec) as Write;

const WRITES: Record<string, Write> = {
  settings: action(commands.patchSettings),
  accounts: action(commands.createAccount),
  authorizations: action(commands.authorizeAsMerchant),
  'authorizations/cancel': action(commands.cancelAuthorization),
  'audits/decide': action(commands.decideAudit),
  'versions/backdate': action(commands.backdateRelease),
  'invitations/respond': action(commands.respondInvitation),
  templates: action(commands.createTemplate),
  'templates/versions': action(commands.putTemplateVersion),
  'templates/qr-hosts': action(commands.setTemplateQrHosts),
  'qr-routes/pattern': action(commands.addPatternRoute),
  faults: action(commands.addFault),
  'faults/remove': action(commands.removeFault),
  'messages/redeliver': action(commands.redeliverMessage),
  'mini-apps/icp': action(commands.setIcpFiled),
  lists: action(commands.savePlatformLists),
};

const notFound = () => Response.json({ ok: false, error: 'not found' }, { status: 404 });

function statusOf(error: string): number {
  if (error === 'auth.signedOut') return 401;
  if (error === 'auth.forbidden') return 403;
  if (error === 'validation.fixFields') return 400;
  if (error === 'errors.unexpected') return 500;
  return 409;
}

export const GET = sandboxRoute(
  withRole('operator', async (_user, req: Request, { params }: RouteContext) => {
    const read = READS[(await params).path.join('/')];
    if (!read) return notFound();
    return Response.json({ ok: true, data: read(getSandbox().control, new URL(req.url).searchParams) });
  }),
);

export const POST = sandboxRoute(
  withRole('operator', async (_user, req: Request, { params }: RouteContext) => {
    const write = WRITES[(await params).path.join('/')];
    if (!write) return notFound();
    const crossSite = refuseCrossSite(req, getConfig().appUrl);
    if (crossSite === 'content-type') return Response.json({ ok: false, error: 'the body must be application/json' }, { status: 415 });
    if (crossSite) return Response.json({ ok: false, error: 'cross-site request refused' }, { status: 403 });
    let body: unknown;
    try {
      body = await req.json();
    } catch {
      return Response.json({ ok: false, error: 'the body must be JSON' }, { status: 400 });
    }
    const result = await write(body);
    if (result.ok) return Response.json({ ok: true, data: result.data ?? null });
    const { t } = await getTranslator();
    const fieldErrors = result.fieldErrors && Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k, translateMessage(t, v)]));
    return Response.json({ ok: false, error: translateMessage(t, result.error, result.params), fieldErrors }, { status: statusOf(result.error) });
  }),
);
