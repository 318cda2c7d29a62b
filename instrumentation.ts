// Next.js calls register() once per server process before it serves anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ installUndecodableUrlRewrite }, http] = await Promise.all([import('./lib/http/undecodable-url'), import('node:http')]);
  installUndecodableUrlRewrite(http.default);
  const { startServer } = await import('./lib/server-start');
  await startServer({ startSandbox: async () => (await import('./lib/sandbox')).startEmbeddedSandbox() });
}
