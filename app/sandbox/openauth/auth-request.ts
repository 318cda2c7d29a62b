// The authorization link's query (contract §3), checked the way the platform checks it before showing the page.
import 'server-only';
import { authRequestSchema, type AuthRequest } from '@/lib/sandbox/control-page/schemas';
import { getConfig } from '@/lib/config';
import { getSandbox } from '@/lib/sandbox';

export type AuthRequestCheck = { ok: true; request: AuthRequest } | { ok: false; error: string };

export function checkAuthRequest(raw: Record<string, string | string[] | undefined>): AuthRequestCheck {
  // Also called from a public server action: whatever the browser sent, not necessarily an object.
  const source = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  const single = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = authRequestSchema.safeParse(single);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message };
  const request = parsed.data;
  if (request.app_id !== getSandbox().identity.appId) return { ok: false, error: 'sandbox.openauth.errors.appId' };
  // Alipay only redirects to the ISV app's registered callback domain; the sandbox's is the console's own origin.
  if (new URL(request.redirect_uri).origin !== new URL(getConfig().appUrl).origin) return { ok: false, error: 'sandbox.openauth.errors.redirectDomain' };
  return { ok: true, request };
}
