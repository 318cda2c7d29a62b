// The embedded sandbox's OpenAPI gateway: the console's alipay-sdk points its `gateway` option here in sandbox mode.
import { getSandbox, isSandboxEnabled } from '@/lib/sandbox';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function handle(req: Request): Promise<Response> {
  if (!isSandboxEnabled()) return new Response('Not found', { status: 404 });
  return getSandbox().handleGateway(req);
}

export const POST = handle;
export const GET = handle;
