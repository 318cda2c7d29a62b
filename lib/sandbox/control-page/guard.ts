// The one switch for every /sandbox page, action and route: in ALIPAY_MODE=production the sandbox does not exist.
import 'server-only';
import { notFound } from 'next/navigation';
import { isSandboxEnabled } from '@/lib/sandbox';

/** For pages, layouts and server actions: renders (or answers) 404 outside sandbox mode. */
export function sandboxOnly(): void {
  if (!isSandboxEnabled()) notFound();
}

/** For route handlers: a plain 404 outside sandbox mode, otherwise the handler's answer. */
export function sandboxRoute<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>): (...args: Args) => Promise<Response> {
  return async (...args: Args) => (isSandboxEnabled() ? handler(...args) : new Response('Not found', { status: 404 }));
}
