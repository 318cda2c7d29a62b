'use client';
import { Tag } from 'antd';
import type { BatchStatus, ItemState } from '@/lib/batches/vocabulary';
import { useT } from '@/lib/i18n/client';

const STATUS_COLORS: Record<BatchStatus, string> = { running: 'processing', finished: 'success', cancelled: 'default', paused: 'warning' };
const STATE_COLORS: Record<ItemState, string> = { pending: 'default', running: 'processing', succeeded: 'success', failed: 'error', skipped: 'warning', cancelled: 'default' };

/** A finished batch with failures is never shown as a plain green "finished". */
export function BatchStatusTag({ status, failed = 0 }: { status: BatchStatus; failed?: number }) {
  const t = useT();
  if (status === 'finished' && failed > 0) return <Tag color="warning">{t('batches.statusFinishedWithFailures')}</Tag>;
  return <Tag color={STATUS_COLORS[status]}>{t(`batches.status.${status}`)}</Tag>;
}

export function ItemStateTag({ state }: { state: ItemState }) {
  const t = useT();
  return <Tag color={STATE_COLORS[state]}>{t(`batches.states.${state}`)}</Tag>;
}
