import { describe, expect, it } from 'vitest';
import { batchAuditFormSchema, BATCH_PARAM_SCHEMAS, batchRequestSchema, isConfirmed } from './batches';
import { submitAuditSchema } from './versions';

const shot = (n: number) => ({ fileName: `s${n}.png`, base64: 'iVBORw0KGgo=' });
const form = {
  versionDesc: '新增花束预订功能，优化首页加载速度与下单流程，修复已知问题',
  regionType: 'CHINA' as const,
  regions: [],
  screenshots: [shot(1), shot(2)],
  testAccount: '',
  testPassword: '',
  memo: '',
  appSlogan: '',
  appDesc: '',
  categoryIds: [],
  contact: 'own' as const,
  servicePhone: '',
  serviceEmail: '',
  logo: null,
  autoOnline: false,
};

const issues = (v: unknown) => {
  const r = batchAuditFormSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('batchAuditFormSchema', () => {
  it("keeps each merchant's own contact by default: no shared phone or email is required", () => {
    const r = batchAuditFormSchema.parse(form);
    expect(r.contact).toBe('own');
    expect(issues({ ...form, contact: undefined })).toEqual([]);
  });

  it('asks for a phone only when staff choose to set one contact for all', () => {
    expect(issues({ ...form, contact: 'set' })).toEqual(['servicePhone:audit.validation.contactPhone']);
    expect(issues({ ...form, contact: 'set', servicePhone: '0571-88886666' })).toEqual([]);
  });

  it('takes no screenshots, or 2–5 (contract §4, instantiated mini-programs)', () => {
    expect(issues({ ...form, screenshots: [] })).toEqual([]);
    expect(issues({ ...form, screenshots: [shot(1)] })).toEqual(['screenshots:audit.validation.screenshotCount']);
    expect(issues({ ...form, screenshots: Array.from({ length: 6 }, (_, i) => shot(i)) })).toEqual(['screenshots:audit.validation.screenshotCount']);
    expect(issues({ ...form, screenshots: [shot(1), { fileName: 'a.gif', base64: 'R0lG' }] })).toEqual(['screenshots.1.fileName:batches.validation.imageType']);
  });

  it('puts each message on its field', () => {
    expect(issues({ ...form, contact: 'set', servicePhone: '12ab' })).toEqual(['servicePhone:audit.validation.phone']);
    expect(issues({ ...form, serviceEmail: 'not-mail' })).toContain('serviceEmail:validation.email');
    expect(issues({ ...form, versionDesc: '太短' })).toEqual(['versionDesc:audit.validation.versionDescShort']);
    expect(issues({ ...form, testAccount: 'reviewer' })).toEqual(['testPassword:audit.validation.testPassword']);
    expect(issues({ ...form, regionType: 'LOCATION' })).toEqual(['regions:audit.validation.regions']);
  });

  it('is the single version form, without the names: the same input gets the same messages from both', () => {
    const blob = new Blob([new Uint8Array(8)], { type: 'image/png' });
    const single = { ...form, merchantAppId: 1, appVersion: '1.0.0', agreed: true, appName: '', appEnglishName: '', screenshots: [blob, blob] };
    const singleIssues = (v: Record<string, unknown>) => {
      const r = submitAuditSchema.safeParse({ ...single, ...v });
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    };
    for (const change of [
      { versionDesc: '太短' },
      { contact: 'set' },
      { testAccount: 'reviewer' },
      { regionType: 'LOCATION' },
      { appSlogan: '好' },
      { memo: '长'.repeat(251) },
      { categoryIds: ['a_b', 'c_d', 'e_f', 'g_h', 'i_j'] },
    ]) {
      expect(singleIssues(change), JSON.stringify(change)).toEqual(issues({ ...form, ...change }));
      expect(issues({ ...form, ...change }).length, JSON.stringify(change)).toBeGreaterThan(0);
    }
    expect(singleIssues({ screenshots: [blob] })).toEqual(issues({ ...form, screenshots: [shot(1)] }));
    expect(Object.keys(batchAuditFormSchema.shape)).not.toContain('appName');
  });

  it('is the form of a submit-for-audit batch and of an instantiate batch that then submits', () => {
    expect(BATCH_PARAM_SCHEMAS.submitAudit.safeParse({ audit: form }).success).toBe(true);
    expect(BATCH_PARAM_SCHEMAS.submitAudit.safeParse({}).success).toBe(false);
    const inst = BATCH_PARAM_SCHEMAS.instantiate.parse({ templateId: '1', ext: '{}', audit: form });
    expect(inst.audit?.screenshots).toHaveLength(2);
    expect(BATCH_PARAM_SCHEMAS.instantiate.parse({ templateId: '1', ext: '{}' }).audit).toBeUndefined();
  });
});

describe('confirmation words', () => {
  it('accept the word of either language, nothing else', () => {
    expect(isConfirmed('offline', '下架')).toBe(true);
    expect(isConfirmed('offline', ' OFFLINE ')).toBe(true);
    expect(isConfirmed('offline', 'ROLLBACK')).toBe(false);
    expect(isConfirmed('rollback', '回滚')).toBe(true);
    expect(isConfirmed('rollback', undefined)).toBe(false);
  });

  it('travel beside the parameters, so the pre-flight runs before anyone types them', () => {
    expect(BATCH_PARAM_SCHEMAS.offline.safeParse({}).success).toBe(true);
    expect(batchRequestSchema.parse({ operation: 'offline', params: {}, merchantAppIds: [1], confirm: '下架' }).confirm).toBe('下架');
  });
});
