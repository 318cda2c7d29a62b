import 'server-only';
import { ConfigError } from '@/lib/config';
import { bootstrap, type BootstrapHooks } from '@/lib/bootstrap';

export async function startServer(hooks: BootstrapHooks = {}): Promise<void> {
  try {
    await bootstrap(hooks);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[tinyapp] cannot start: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}
