// Serves a sandbox over real HTTP on 127.0.0.1 for tests: alipay-sdk (and anything else) talks to
// `${url}/sandbox/gateway.do`, images answer under `${url}/sandbox/qr/…`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { Sandbox } from '../index';

function toRequest(req: http.IncomingMessage, base: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', base), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal,
    // Required by undici for a streamed request body.
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit);
}

async function route(sandbox: Sandbox, request: Request): Promise<Response> {
  const { pathname, searchParams } = new URL(request.url);
  if (pathname === '/sandbox/gateway.do') return sandbox.handleGateway(request);
  if (pathname.startsWith('/sandbox/qr/') && request.method === 'GET') {
    return sandbox.serveImage(pathname.slice('/sandbox/qr/'.length).split('/').map(decodeURIComponent), searchParams);
  }
  return new Response('Not found', { status: 404 });
}

export async function serveSandbox(sandbox: Sandbox): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const aborter = new AbortController();
    // The client went away before the answer: what a hanging request waits for.
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort();
    });
    const base = `http://${req.headers.host ?? '127.0.0.1'}`;
    route(sandbox, toRequest(req, base, aborter.signal))
      .then(async (response) => {
        res.statusCode = response.status;
        response.headers.forEach((value, key) => res.setHeader(key, value));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((e) => {
        res.statusCode = 500;
        res.end(String(e));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
