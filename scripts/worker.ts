// `npm run worker`: runs the batch queue and the scheduled jobs (lib/jobs/schedule.ts) in their own process. The web
// server starts the same worker; only the holder of the worker lease works, the other stands by to take over. In
// sandbox mode the sandbox's gateway is served by the web server at APP_URL.
import { getConfig } from '@/lib/config';
import { startBatchWorker } from '@/lib/jobs/batch-worker';
import { ensureSandboxIdentity } from '@/lib/sandbox/identity';

async function main(): Promise<void> {
  // The console reads the sandbox's identity files; a worker started before the server writes them itself.
  if (getConfig().alipayMode === 'sandbox') ensureSandboxIdentity(getConfig().dataDir);
  const worker = await startBatchWorker();
  await worker.ready;
  console.log(`[tinyapp] batch worker ${process.pid} running`);
  const stop = (signal: string) => {
    console.log(`[tinyapp] batch worker stopping (${signal})`);
    worker.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(`[tinyapp] batch worker failed to start: ${(e as Error).message}`);
  process.exit(1);
});
