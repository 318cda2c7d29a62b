'use client';
import { Tag } from 'antd';
import type { PlanStatus, WaveStatus } from '@/lib/plans/vocabulary';
import { useT } from '@/lib/i18n/client';
import type { Stage } from '@/lib/plans/stages';

const PLAN_COLORS: Record<PlanStatus, string> = { running: 'processing', paused: 'warning', finished: 'success', aborted: 'default' };
export const STAGE_COLORS: Record<Stage, string> = {
  waiting: 'default',
  uploading: 'processing',
  uploaded: 'processing',
  inAudit: 'processing',
  passed: 'cyan',
  rejected: 'error',
  gray: 'purple',
  online: 'success',
  failed: 'error',
  cancelled: 'default',
  skipped: 'default',
};
export const WAVE_COLORS: Record<WaveStatus, string> = { waiting: 'gray', running: 'blue', passed: 'green', held: 'red', overridden: 'orange', done: 'green', aborted: 'gray' };

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const t = useT();
  return <Tag color={PLAN_COLORS[status]}>{t(`plans.status.${status}`)}</Tag>;
}

export function StageTag({ stage }: { stage: Stage }) {
  const t = useT();
  return <Tag color={STAGE_COLORS[stage]}>{t(`plans.stages.${stage}`)}</Tag>;
}
