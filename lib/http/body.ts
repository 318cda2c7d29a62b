// Reads a request body up to a limit and no further, so an oversized or endless body costs at most `max` bytes.

export class BodyTooLarge extends Error {
  constructor(readonly max: number) {
    super(`body larger than ${max} bytes`);
    this.name = 'BodyTooLarge';
  }
}

export async function readBytesCapped(request: Request, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) throw new BodyTooLarge(max);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(max);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

export async function readTextCapped(request: Request, max: number): Promise<string> {
  return new TextDecoder().decode(await readBytesCapped(request, max));
}
