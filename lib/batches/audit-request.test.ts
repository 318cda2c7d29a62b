import { describe, expect, it } from 'vitest';
import { batchAuditFormSchema } from '@/lib/validation/batches';
import { auditRequest, planOf, requestSummary } from './audit-request';

const form = batchAuditFormSchema.parse({
  versionDesc: '新增花束预订功能，优化首页加载速度与下单流程，修复已知问题',
  regionType: 'CHINA',
  screenshots: [
    { fileName: 'a.png', base64: 'iVBORw0KGgo=' },
    { fileName: 'b.png', base64: 'iVBORw0KGgo=' },
  ],
  servicePhone: '0571-00000000',
  serviceEmail: 'shared@provider.cn',
});
const merchantA = { merchantPhone: '13800001111', merchantEmail: 'a@qinghe.cn' };
const merchantB = { merchantPhone: '13900002222', merchantEmail: null };

describe('one merchant’s audit.apply request in a batch', () => {
  it("sends each merchant's own phone and email by default, even when shared values were typed", () => {
    expect(auditRequest(form, merchantA)).toMatchObject({ servicePhone: '13800001111', serviceEmail: 'a@qinghe.cn' });
    const b = auditRequest(form, merchantB);
    expect(b.servicePhone).toBe('13900002222');
    expect(b.serviceEmail).toBeUndefined();
  });

  it('sends the shared contact only when staff chose to set it', () => {
    const shared = { ...form, contact: 'set' as const };
    for (const own of [merchantA, merchantB]) expect(auditRequest(shared, own)).toMatchObject({ servicePhone: '0571-00000000', serviceEmail: 'shared@provider.cn' });
  });

  it('keeps what the form leaves empty as each mini-program has it, and never sends a name', () => {
    const r = auditRequest(form, merchantA);
    expect(r.appSlogan).toBeUndefined();
    expect(r.appDesc).toBeUndefined();
    expect(r.miniCategoryIds).toBeUndefined();
    expect(r.appName).toBeUndefined();
    expect(r.serviceRegions).toBeUndefined();
    expect(auditRequest({ ...form, categoryIds: ['10_1001'], regionType: 'LOCATION', regions: ['330000'] }, merchantA)).toMatchObject({
      miniCategoryIds: ['10_1001'],
      serviceRegions: [{ provinceCode: '330000' }],
    });
  });

  it('sends the test account with its password, and summarises without images or the password', () => {
    const r = auditRequest({ ...form, testAccount: 'reviewer01', testPassword: 's3cret' }, merchantA);
    expect(r).toMatchObject({ testAccount: 'reviewer01', testPassword: 's3cret' });
    expect(planOf(r)).toMatchObject({ testAccount: 'reviewer01', screenshotCount: 2, servicePhone: '13800001111' });
    const summary = JSON.stringify(requestSummary('1.0.0', r));
    expect(summary).not.toContain('s3cret');
    expect(summary).not.toContain('iVBOR');
    expect(summary).toContain('"screenshots":2');
  });
});
