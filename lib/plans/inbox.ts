// The inbox messages a release plan leaves for staff (stored as final Chinese text, like every inbox message).
import type { Db } from '@/db';
import type { ReleasePlan, ReleasePlanWave } from '@/db/schema';
import { postMessage } from '@/lib/messages/post';
import type { GateDecision } from './shape';

export function postPlanPaused(db: Db, plan: ReleasePlan, waveIdx: number, d: GateDecision): void {
  postMessage(db, {
    type: 'plan.paused',
    title: `发布计划「${plan.name}」在第 ${waveIdx + 1} 批后暂停：关卡未通过`,
    body:
      `第 ${waveIdx + 1} 批共 ${d.total} 个小程序：已上线 ${d.online}（${d.onlinePercent}%，要求 ≥ ${d.minOnline}%），` +
      `驳回 ${d.rejected}、失败 ${d.failed}（${d.failedPercent}%，要求 ≤ ${d.maxFailed}%）。处理后可在计划页继续或终止。`,
    link: `/plans/${plan.id}`,
  });
}

export function postPlanFinished(db: Db, plan: ReleasePlan, waves: ReleasePlanWave[]): void {
  const gates = waves.map((w) => (w.gate ? (JSON.parse(w.gate) as GateDecision) : null));
  const total = gates.reduce((n, g) => n + (g?.total ?? 0), 0);
  const online = gates.reduce((n, g) => n + (g?.online ?? 0), 0);
  const rejected = gates.reduce((n, g) => n + (g?.rejected ?? 0), 0);
  postMessage(db, {
    type: 'plan.finished',
    title: `发布计划「${plan.name}」已完成`,
    body: `共 ${waves.length} 批、${total} 个小程序：已上线 ${online}，驳回 ${rejected}，其余 ${total - online - rejected} 个失败或未完成`,
    link: `/plans/${plan.id}`,
  });
}
