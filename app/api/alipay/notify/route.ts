// Alipay's gateway URL for the ISV app: notifications and messages arrive here as form POSTs. The platform
// redelivers anything not answered with exactly `success`, so that word is sent only once the row is stored.
import { getNotificationContext, readNotificationParams, receiveNotification } from '@/lib/alipay/notify';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function plain(body: string, status: number): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

export async function POST(request: Request): Promise<Response> {
  const params = await readNotificationParams(request);
  if (!params) return plain('fail', 400);
  try {
    const outcome = await receiveNotification(params, getNotificationContext());
    return outcome.ok ? plain('success', 200) : plain('fail', 400);
  } catch (e) {
    console.error('[alipay] notification could not be handled:', e instanceof Error ? e.message : e);
    return plain('fail', 500);
  }
}
