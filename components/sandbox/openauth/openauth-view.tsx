'use client';
import type { AuthRequest } from '@/lib/sandbox/control-page/schemas';
import { ConsentPanel, type MerchantView } from './consent-panel';
import { OpenAuthFrame } from './openauth-frame';
import { SignInPanel } from './sign-in-panel';

export { OpenAuthError } from './openauth-frame';

export function OpenAuthView({ request, isvAppId, merchant }: { request: AuthRequest; isvAppId: string; merchant: MerchantView | null }) {
  return <OpenAuthFrame>{merchant ? <ConsentPanel request={request} isvAppId={isvAppId} merchant={merchant} /> : <SignInPanel />}</OpenAuthFrame>;
}
