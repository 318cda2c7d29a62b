// The client's address for throttling. Next.js fills X-Forwarded-For with the socket's address unless a client or
// a reverse proxy already set it; the last entry is the one added by the nearest hop, so that is the one used.
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get('x-forwarded-for') : headers['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return (parts.at(-1) ?? 'unknown').slice(0, 64);
}
