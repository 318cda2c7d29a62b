// Next.js cannot route a path that does not percent-decode (`/authorize/%ff`): it tries to render a Pages Router
// error page this App Router console does not have and answers a bare 500. Such URLs are mostly a merchant's
// authorization link cut or altered in a chat app, so they are rewritten, before Next.js sees them, to a path that
// shows the right page: the unknown-link page under /authorize/, the not-found page elsewhere.
import type http from 'node:http';

export const UNKNOWN_LINK_PATH = '/authorize/invalid-link';
export const NOT_FOUND_PATH = '/_not-a-page';

/** The URL to serve instead, or null when the path decodes. */
export function rewriteUndecodable(url: string): string | null {
  const pathname = url.split('?')[0];
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return pathname.startsWith('/authorize/') ? UNKNOWN_LINK_PATH : NOT_FOUND_PATH;
  }
}

const installed = Symbol.for('tinyapp.undecodableUrl');

/** Installs the rewrite on every HTTP server of this process (called once at start, before any request). */
export function installUndecodableUrlRewrite(httpModule: typeof http): void {
  const proto = httpModule.Server.prototype as http.Server & { [installed]?: boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit;
  proto.emit = function patched(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      const replacement = req.url ? rewriteUndecodable(req.url) : null;
      if (replacement) req.url = replacement;
    }
    return (emit as (this: http.Server, ...a: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof proto.emit;
}
