'use server';
// The authorization page acts as "Alipay": public by nature, so every input is validated here and the merchant is
// only ever the one in the signed session cookie.
import { sandboxOnly } from '@/lib/sandbox/control-page/guard';
import {
  consentSchema,
  merchantAccountSchema,
  merchantSignInSchema,
  type AuthRequest,
  type ConsentInput,
  type MerchantAccountInput,
  type MerchantSignInInput,
} from '@/lib/sandbox/control-page/schemas';
import { fieldErrorsOf } from '@/lib/actions/define-action';
import type { ActionResult } from '@/lib/actions/result';
import { AuthorizationError, getSandbox, SandboxControlError } from '@/lib/sandbox';
import { checkAuthRequest } from '../../auth-request';
import { endMerchantSession, readMerchantSession, startMerchantSession } from '../../session';

type Redirect = ActionResult<{ redirectTo: string }>;

function refusal(e: unknown): { ok: false; error: string } {
  if (e instanceof SandboxControlError || e instanceof AuthorizationError) return { ok: false, error: e.message };
  throw e;
}

export async function signInMerchant(input: MerchantSignInInput): Promise<ActionResult> {
  sandboxOnly();
  const parsed = merchantSignInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'validation.fixFields', fieldErrors: fieldErrorsOf(parsed.error) };
  const account = getSandbox().control.findMerchantAccount(parsed.data.logonId, parsed.data.password);
  if (!account) return { ok: false, error: 'sandbox.openauth.badCredentials' };
  await startMerchantSession(account.userId);
  return { ok: true, data: undefined };
}

export async function signUpMerchant(input: MerchantAccountInput): Promise<ActionResult> {
  sandboxOnly();
  const parsed = merchantAccountSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'validation.fixFields', fieldErrors: fieldErrorsOf(parsed.error) };
  const control = getSandbox().control;
  if (control.listAccounts().some((a) => a.logonId === parsed.data.logonId)) {
    return { ok: false, error: 'sandbox.errors.logonIdTaken', fieldErrors: { logonId: 'sandbox.errors.logonIdTaken' } };
  }
  try {
    const account = control.createMerchantAccount(parsed.data);
    await startMerchantSession(account.userId);
    return { ok: true, data: undefined };
  } catch (e) {
    return refusal(e);
  }
}

export async function signOutMerchant(): Promise<ActionResult> {
  sandboxOnly();
  await endMerchantSession();
  return { ok: true, data: undefined };
}

export async function confirmAuthorization(request: AuthRequest, consent: ConsentInput): Promise<Redirect> {
  sandboxOnly();
  const checked = checkAuthRequest(request);
  if (!checked.ok) return { ok: false, error: checked.error };
  const parsed = consentSchema.safeParse(consent);
  if (!parsed.success) return { ok: false, error: 'validation.fixFields', fieldErrors: fieldErrorsOf(parsed.error) };
  const userId = await readMerchantSession();
  if (!userId) return { ok: false, error: 'sandbox.openauth.signedOut' };
  try {
    const { redirectTo } = getSandbox().control.authorize({
      userId,
      appIds: parsed.data.appIds,
      redirectUri: checked.request.redirect_uri,
      state: checked.request.state,
    });
    return { ok: true, data: { redirectTo } };
  } catch (e) {
    return refusal(e);
  }
}

export async function refuseAuthorization(request: AuthRequest): Promise<Redirect> {
  sandboxOnly();
  const checked = checkAuthRequest(request);
  if (!checked.ok) return { ok: false, error: checked.error };
  try {
    const { redirectTo } = getSandbox().control.refuse({ redirectUri: checked.request.redirect_uri, state: checked.request.state });
    return { ok: true, data: { redirectTo } };
  } catch (e) {
    return refusal(e);
  }
}
