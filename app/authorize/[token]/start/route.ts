// The button on the authorization page: mints a fresh state for this link and sends the merchant to Alipay.
// Minting here (not when the page was rendered) keeps a page left open for a while, or a scanned QR code, working.
import { getDb } from '@/lib/db';
import { buildAuthorizationUrl } from '@/lib/alipay/auth';
import { getAlipaySettings } from '@/lib/alipay/settings';
import { isWellFormedLinkToken } from '@/lib/authorization/link-token';
import { resolveLinkToken } from '@/lib/authorization/links';
import { createState } from '@/lib/authorization/state';
import { getConfig } from '@/lib/config';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const config = getConfig();
  const resolved = resolveLinkToken(getDb(), token);
  const headers = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };
  if (resolved.status !== 'active') {
    // Back to the link's own page, which says why; a token that is not even well-formed goes to the unknown-link page.
    const back = isWellFormedLinkToken(token) ? token : 'invalid-link';
    return new Response(null, { status: 303, headers: { ...headers, location: `${config.appUrl}/authorize/${back}` } });
  }
  const url = buildAuthorizationUrl(getAlipaySettings(), {
    redirectUri: `${config.appUrl}/api/alipay/callback`,
    state: createState(config.tokenEncryptionKey, resolved.link.id, Date.now()),
  });
  return new Response(null, { status: 303, headers: { ...headers, location: url } });
}
