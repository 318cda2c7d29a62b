// Small display helpers shared by the sandbox panels.
import { formatDateTime } from '@/lib/format';

export const at = (ms: number | null | undefined) => (ms ? formatDateTime(ms) : '—');
