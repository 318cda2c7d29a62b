import { describe, expect, it } from 'vitest';
import { batchAuditFormSchema, BATCH_PARAM_SCHEMAS } from './batches';

const shot = (n: number) => ({ fileName: `s${n}.png`, base64: 'iVBORw0KGgo=' });
const form = {
  versionDesc: '新增花束预订功能，优化首页加载速度与下单流程，修复已知问题',
  regionType: 'CHINA' as const,
  servicePhone: '',
  serviceEmail: 'help@shop.test',
  appSlogan: '',
  appDesc: '',
  memo: '',
  screenshots: [shot(1), shot(2)],
  logo: null,
  autoOnline: false,
};

const issues = (v: unknown) => {
  const r = batchAuditFormSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('batchAuditFormSchema', () => {
  it("takes the browser form's empty inputs as not given", () => {
    const r = batchAuditFormSchema.parse(form);
    expect(r.servicePhone).toBeUndefined();
    expect(r.serviceEmail).toBe('help@shop.test');
    expect(r.logo).toBeUndefined();
  });

  it('puts each message on its field', () => {
    expect(issues({ ...form, screenshots: [shot(1)] })).toEqual(['screenshots:batches.validation.screenshots']);
    expect(issues({ ...form, screenshots: Array.from({ length: 6 }, (_, i) => shot(i)) })).toEqual(['screenshots:batches.validation.screenshots']);
    expect(issues({ ...form, screenshots: [shot(1), { fileName: 'a.gif', base64: 'R0lG' }] })).toEqual(['screenshots.1.fileName:batches.validation.imageType']);
    expect(issues({ ...form, serviceEmail: '' })).toEqual(['servicePhone:batches.validation.contact']);
    expect(issues({ ...form, servicePhone: '12ab' })).toEqual(['servicePhone:batches.validation.phone']);
    expect(issues({ ...form, serviceEmail: 'not-mail' })).toContain('serviceEmail:batches.validation.email');
    expect(issues({ ...form, versionDesc: '太短' })).toEqual(['versionDesc:batches.validation.versionDesc']);
  });

  it('is the form of a submit-for-audit batch and of an instantiate batch that then submits', () => {
    expect(BATCH_PARAM_SCHEMAS.submitAudit.safeParse({ audit: form }).success).toBe(true);
    expect(BATCH_PARAM_SCHEMAS.submitAudit.safeParse({}).success).toBe(false);
    const inst = BATCH_PARAM_SCHEMAS.instantiate.parse({ templateId: '1', ext: '{}', audit: form });
    expect(inst.audit?.screenshots).toHaveLength(2);
    expect(BATCH_PARAM_SCHEMAS.instantiate.parse({ templateId: '1', ext: '{}' }).audit).toBeUndefined();
  });
});
