// One image of a generated mini-program code, as a download (any staff role may read it).
import { getDb } from '@/lib/db';
import { withRole } from '@/lib/auth/guard';
import { fetchImage, IMAGE_KINDS, imageUrlOf, safeName, type ImageKind } from '@/lib/codes/images';
import { findPageCode } from '@/lib/codes/data';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = withRole('viewer', async (_user, _request: Request, { params }: { params: Promise<{ id: string; kind: string }> }) => {
  const { id, kind } = await params;
  const code = findPageCode(getDb(), Number(id));
  if (!code || !(IMAGE_KINDS as readonly string[]).includes(kind)) return new Response('Not found', { status: 404 });
  const url = imageUrlOf(code, kind as ImageKind);
  if (!url) return new Response('Not found', { status: 404 });
  let image;
  try {
    image = await fetchImage(url);
  } catch {
    return new Response('The image could not be fetched from Alipay', { status: 502 });
  }
  const name = `${safeName(code.describe)}-${kind}.png`;
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      'content-type': image.type,
      'content-disposition': `attachment; filename="code-${code.id}-${kind}.png"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'private, max-age=300',
    },
  });
});
