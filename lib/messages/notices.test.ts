import { describe, expect, it } from 'vitest';
import { messages } from '@/db/schema';
import { translatorFor } from '@/lib/i18n/catalog';
import { memoryDb } from '@/lib/testing/memory-db';
import { renderInboxMessage } from './inbox';
import { postMessage } from './post';
import { dateParam, keyParam } from './text';

describe('inbox messages stored as a key and parameters', () => {
  const zh = translatorFor('zh-CN');
  const en = translatorFor('en');

  it('renders a notice in each reader’s language, translating nested keys and keeping platform text raw', () => {
    const db = memoryDb();
    const m = postMessage(db, {
      type: 'audit.rejected',
      notice: { name: 'auditRejected', params: { app: '老王烧烤', version: '1.2.0', reason: '小程序名称与主体不符' } },
    });
    expect(m.key).toBe('inbox.notices.auditRejected');
    expect(renderInboxMessage(zh, m)).toEqual({ title: '小程序 老王烧烤 版本 1.2.0 审核被驳回', body: '驳回原因：小程序名称与主体不符。请修改后退回开发并重新提交审核。' });
    expect(renderInboxMessage(en, m).title).toBe('Mini-program 老王烧烤 version 1.2.0 was rejected');
    expect(renderInboxMessage(en, m).body).toContain('Reason: 小程序名称与主体不符.');
    // The Chinese rendering is kept in the row for anyone reading the table directly.
    expect(m.title).toBe('小程序 老王烧烤 版本 1.2.0 审核被驳回');
  });

  it('translates a parameter that is itself a key, plurals and dates', () => {
    const db = memoryDb();
    const batch = postMessage(db, {
      type: 'batch.finished',
      notice: { name: 'batchFinished', params: { id: 7, operation: keyParam('batches.operations.online'), total: 1, succeeded: 1, failed: 0, skipped: 0, cancelled: 0 } },
    });
    expect(renderInboxMessage(en, batch)).toEqual({ title: 'Batch #7 (Release) finished'.replace('Release', en('batches.operations.online')), body: '1 mini-program: 1 succeeded, 0 failed, 0 skipped, 0 cancelled' });
    expect(renderInboxMessage(zh, batch).title).toBe('批量任务 #7（上架）已完成');
    const expiring = postMessage(db, {
      type: 'authorization.expiring',
      notice: { name: 'tokenExpiring', params: { merchant: '花美', app: '2021', expiresAt: dateParam(new Date('2026-12-05T02:00:00Z')), reason: 'x' } },
    });
    expect(renderInboxMessage(en, expiring).title).toBe("The token of 花美's mini-program 2021 expires on December 5, 2026");
    expect(renderInboxMessage(zh, expiring).title).toContain('2026年12月5日');
  });

  it('shows older messages stored as Chinese text as they were', () => {
    const db = memoryDb();
    const old = db.insert(messages).values({ type: 'system', title: '旧的系统通知', body: '正文' }).returning().get();
    expect(renderInboxMessage(en, old)).toEqual({ title: '旧的系统通知', body: '正文' });
  });
});
