// The inbox message a finished batch leaves for staff.
import type { Db } from '@/db';
import type { Batch } from '@/db/schema';
import { postMessage } from '@/lib/messages/post';

export const BATCH_OPERATION_LABELS: Record<Batch['operation'], string> = {
  instantiate: '模板实例化',
  submitAudit: '提交审核',
  gray: '灰度发布',
  online: '上架',
  rollback: '回滚',
  offline: '下架',
  addMember: '添加体验成员',
  removeMember: '删除体验成员',
  setServiceContact: '设置客服电话/邮箱',
  pageCode: '生成小程序码',
};

export function postBatchFinished(db: Db, batch: Batch): void {
  postMessage(db, {
    type: 'batch.finished',
    title: `批量任务 #${batch.id}（${BATCH_OPERATION_LABELS[batch.operation]}）已完成`,
    body: `共 ${batch.total} 个小程序：成功 ${batch.succeeded}，失败 ${batch.failed}，跳过 ${batch.skipped}，取消 ${batch.cancelled}`,
    link: `/batches/${batch.id}`,
  });
}
