// Images of the embedded sandbox: QR codes (code.png), mini-program logos (logo/<appId>.png), audit images (image/<id>).
import { getSandbox, isSandboxEnabled } from '@/lib/sandbox';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  if (!isSandboxEnabled()) return new Response('Not found', { status: 404 });
  const { path } = await params;
  return getSandbox().serveImage(path, new URL(req.url).searchParams);
}
