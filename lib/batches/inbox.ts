// The inbox message a finished batch leaves for staff.
import type { Db } from '@/db';
import type { Batch } from '@/db/schema';
import { postMessage } from '@/lib/messages/post';
import { keyParam } from '@/lib/messages/text';

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
    notice: {
      name: 'batchFinished',
      params: {
        id: batch.id,
        operation: keyParam(`batches.operations.${batch.operation}`),
        total: batch.total,
        succeeded: batch.succeeded,
        failed: batch.failed,
        skipped: batch.skipped,
        cancelled: batch.cancelled,
      },
    },
    link: `/batches/${batch.id}`,
  });
}
