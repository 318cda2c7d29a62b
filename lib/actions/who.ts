import 'server-only';
import { getServerSession } from 'next-auth';
import { getDb } from '@/db';
import { findUserById } from '@/lib/staff/data';
import { getAuthOptions } from '@/lib/auth/options';

/** Who tried a refused action, for the operation log (a viewer, or a disabled account still holding a cookie). */
export async function whoAttempted(): Promise<{ id: number; email: string } | null> {
  const session = (await getServerSession(getAuthOptions())) as { uid?: number } | null;
  if (!session?.uid) return null;
  const user = findUserById(getDb(), session.uid);
  return user ? { id: user.id, email: user.email } : null;
}
