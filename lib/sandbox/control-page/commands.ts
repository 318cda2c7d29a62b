// What staff may change in the sandbox, declared once: the page's server actions (./actions.ts) and the JSON control
// surface (app/sandbox/api) both run these specs through defineAction, so both check the role, validate and log.
import 'server-only';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { ActionSpec } from '@/lib/actions/define-action';
import { ActionError } from '@/lib/actions/result';
import { getConfig } from '@/lib/config';
import { AuthorizationError, getSandbox, SandboxControlError, type SandboxControl } from '@/lib/sandbox';
import {
  authorizeAsMerchantSchema,
  cancelAuthorizationSchema,
  decideAuditSchema,
  invitationSettingsSchema,
  merchantAccountSchema,
  platformSettingsSchema,
  redeliverSchema,
  removeFaultSchema,
  respondInvitationSchema,
  reviewSettingsSchema,
  settingsPatchSchema,
  newTemplateSchema,
  templateVersionSchema,
  templateQrHostsSchema,
  patternRouteSchema,
  faultRuleSchema,
  icpFiledSchema,
  platformListsSchema,
  backdateReleaseSchema,
} from './schemas';

/** Runs a control call; the engine's refusals are meant for the person, so they become the action's message. */
function control<T>(fn: (c: SandboxControl) => T): T {
  try {
    return fn(getSandbox().control);
  } catch (e) {
    if (e instanceof SandboxControlError || e instanceof AuthorizationError) throw new ActionError(e.message);
    throw e;
  }
}

function changed<T>(value: T): T {
  revalidatePath('/sandbox');
  return value;
}

function command<S extends z.ZodType, R>(spec: Omit<ActionSpec<S, R>, 'role'>): ActionSpec<S, R> {
  return { role: 'operator', ...spec };
}

export const createAccount = command({
  name: 'sandbox.createAccount',
  schema: merchantAccountSchema,
  run: async (input) => {
    const account = control((c) => c.createMerchantAccount(input));
    return changed({ userId: account.userId, logonId: account.logonId, name: account.name, miniApps: account.miniApps });
  },
  target: (_i, r) => (r ? { type: 'sandboxAccount', id: r.userId } : undefined),
});

/** The merchant's confirmation without the page: what tests use to get an authorization code. */
export const authorizeAsMerchant = command({
  name: 'sandbox.authorize',
  schema: authorizeAsMerchantSchema,
  run: async (input) => {
    const userId = input.userId ?? control((c) => c.listAccounts().find((a) => a.logonId === input.logonId)?.userId);
    if (!userId) throw new ActionError('sandbox.errors.accountNotFound');
    const result = control((c) => c.authorize({ userId, appIds: input.appIds, redirectUri: input.redirectUri, state: input.state }));
    return changed(result);
  },
  target: (i) => ({ type: 'sandboxAccount', id: i.userId ?? i.logonId ?? '' }),
});

export const cancelAuthorization = command({
  name: 'sandbox.cancelAuthorization',
  schema: cancelAuthorizationSchema,
  run: async ({ appId }) => changed(control((c) => c.cancelAuthorization(appId))),
  target: (i) => ({ type: 'miniApp', id: i.appId }),
});

export const setReviewMode = command({
  name: 'sandbox.reviewMode',
  schema: reviewSettingsSchema,
  run: async (input) => changed(control((c) => c.updateSettings(input))),
});

export const decideAudit = command({
  name: 'sandbox.decideAudit',
  schema: decideAuditSchema,
  run: async (input) => changed(control((c) => c.decideAudit(input))),
  target: (i) => ({ type: 'miniAppVersion', id: `${i.appId}@${i.appVersion}` }),
});

export const setInvitationAutoAccept = command({
  name: 'sandbox.invitationAutoAccept',
  schema: invitationSettingsSchema,
  run: async (input) => changed(control((c) => c.updateSettings(input))),
});

export const respondInvitation = command({
  name: 'sandbox.respondInvitation',
  schema: respondInvitationSchema,
  run: async (input) => changed(control((c) => c.respondInvitation(input))),
  target: (i) => ({ type: 'miniApp', id: i.appId }),
});

/** A new template of the ISV app (no versions yet). */
export const createTemplate = command({
  name: 'sandbox.createTemplate',
  schema: newTemplateSchema,
  run: async (input) => changed(control((c) => c.createTemplate(input))),
  target: (_i, r) => (r ? { type: 'template', id: r.templateId } : undefined),
});

/** Adds a template version, or puts an existing one on or off the shelf. */
export const putTemplateVersion = command({
  name: 'sandbox.templateVersion',
  schema: templateVersionSchema,
  run: async (input) => changed(control((c) => c.addTemplateVersion(input))),
  target: (i) => ({ type: 'template', id: `${i.templateId}@${i.version}` }),
});

export const setTemplateQrHosts = command({
  name: 'sandbox.templateQrHosts',
  schema: templateQrHostsSchema,
  run: async (input) => changed(control((c) => c.setTemplateQrHosts(input))),
  target: (i) => ({ type: 'template', id: i.templateId }),
});

export const addPatternRoute = command({
  name: 'sandbox.patternRoute',
  schema: patternRouteSchema,
  run: async (input) => changed(control((c) => c.addPatternRoute(input))),
  target: (i) => ({ type: 'miniApp', id: i.appId }),
});

export const addFault = command({
  name: 'sandbox.addFault',
  schema: faultRuleSchema,
  run: async (input) => {
    const rule = {
      method: input.method,
      latencyMs: input.latencyMs,
      jitterMs: input.jitterMs,
      errorRate: input.errorPercent / 100,
      errorSubCode: input.errorSubCode || null,
      hang: input.hang,
      oddAnswers: input.oddAnswers ?? false,
      rps: input.rps ?? null,
    };
    return changed(control((c) => c.setFaults([...c.getFaults(), rule])));
  },
  target: (i) => ({ type: 'faultRule', id: i.method }),
});

export const removeFault = command({
  name: 'sandbox.removeFault',
  schema: removeFaultSchema,
  run: async ({ index, method }) =>
    changed(
      control((c) => {
        const rules = c.getFaults();
        // The index comes from a page that may be stale: only remove the rule the person saw.
        if (rules[index]?.method !== method) throw new ActionError('sandbox.errors.faultChanged');
        return c.setFaults(rules.filter((_, i) => i !== index));
      }),
    ),
  target: (i) => ({ type: 'faultRule', id: i.method }),
});

export const redeliverMessage = command({
  name: 'sandbox.redeliverMessage',
  schema: redeliverSchema,
  run: async ({ id }) => changed(control((c) => c.redeliverMessage(id))),
  target: (i) => ({ type: 'sandboxMessage', id: i.id }),
});

/**
 * The sandbox posts signed messages to this URL from inside the server: anywhere else would let a staff session
 * (or a page riding on one) make the server send requests to internal hosts. It stays on the console's own origin.
 */
function checkNotifyUrl(url: string | undefined): void {
  if (url === undefined) return;
  if (new URL(url).origin !== new URL(getConfig().appUrl).origin) throw new ActionError('sandbox.validation.notifyOrigin', { field: 'notifyUrl' });
}

export const savePlatformSettings = command({
  name: 'sandbox.settings',
  schema: platformSettingsSchema,
  run: async (input) => {
    checkNotifyUrl(input.notifyUrl);
    return changed(control((c) => c.updateSettings(input)));
  },
});

export const patchSettings = command({
  name: 'sandbox.settings',
  schema: settingsPatchSchema,
  run: async (input) => {
    checkNotifyUrl(input.notifyUrl);
    return changed(control((c) => c.updateSettings(input)));
  },
});

export const setIcpFiled = command({
  name: 'sandbox.icpFiled',
  schema: icpFiledSchema,
  run: async (input) => changed(control((c) => c.setIcpFiled(input))),
  target: (i) => ({ type: 'miniApp', id: i.appId }),
});

/** The sensitive-word and blocked-domain lists, saved whole (duplicates and blanks dropped). */
export const savePlatformLists = command({
  name: 'sandbox.lists',
  schema: platformListsSchema,
  run: async (input) =>
    changed(
      control((c) =>
        c.updateSettings({ sensitiveWords: [...new Set(input.sensitiveWords.filter(Boolean))], blockedDomains: [...new Set(input.blockedDomains.filter(Boolean))] }),
      ),
    ),
});
export const backdateRelease = command({
  name: 'sandbox.backdateRelease',
  schema: backdateReleaseSchema,
  run: async (input) => changed(control((c) => c.backdateRelease(input.appId, input.days))),
  target: (i) => ({ type: 'miniApp', id: i.appId }),
});
