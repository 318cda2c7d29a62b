import 'server-only';
import { ConfigError } from '@/lib/config';
import { bootstrap } from '@/lib/bootstrap';

export async function startServer(): Promise<void> {
  try {
    await bootstrap();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[tinyapp] cannot start: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}
