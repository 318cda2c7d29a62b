import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/messages';
import { brandPart, cjkLength, hasErrors, preAuditCheck, PRE_AUDIT_RULES, type PreAuditSubject } from '.';

const good: PreAuditSubject = {
  appName: '花美花艺',
  appEnglishName: 'HuameiFlorist',
  appSlogan: '每天一束好花，送到您身边',
  appDesc: '花美花艺提供杭州同城鲜花预订与配送，支持节日花束、开业花篮和企业绿植租摆。',
  servicePhone: '0571-88880001',
  serviceEmail: '',
  categoryCount: 1,
};

const rulesOf = (s: PreAuditSubject) => preAuditCheck({ ...good, ...s }).map((f) => `${f.severity}:${f.rule}`);

describe('pre-audit rules', () => {
  it('finds nothing wrong with a branded, complete profile', () => {
    expect(preAuditCheck(good)).toEqual([]);
  });

  it('counts CJK as two and finds the brand in a name', () => {
    expect(cjkLength('花美ab')).toBe(6);
    expect(cjkLength('，')).toBe(2);
    expect(brandPart('杭州开锁服务')).toBe('');
    expect(brandPart('花美鲜花店')).toBe('花美');
  });

  it('rejects generic names with no brand, as the reviewer does', () => {
    for (const name of ['鲜花预定', '杭州开锁服务', '休闲男鞋']) expect(rulesOf({ appName: name })).toContain('error:nameGeneric');
    expect(rulesOf({ appName: '花美鲜花预定' })).not.toContain('error:nameGeneric');
  });

  it('rejects 全国/国内/中国/国家 without a brand, and warns about them with one', () => {
    expect(rulesOf({ appName: '全国鲜花' })).toContain('error:nameNational');
    expect(rulesOf({ appName: '全国鲜花' })).not.toContain('error:nameGeneric');
    expect(rulesOf({ appName: '花美全国鲜花' })).toEqual(['warning:nameNationalWithBrand']);
  });

  it('rejects the platform brands and placeholder text', () => {
    expect(rulesOf({ appName: '支付宝花店' })).toContain('error:namePlatformBrand');
    expect(rulesOf({ appName: '阿里鲜花' })).toContain('error:namePlatformBrand');
    expect(rulesOf({ appName: '花美测试' })).toContain('error:namePlaceholder');
    expect(rulesOf({ appSlogan: 'TODO 以后再写这一句简介' })).toContain('error:sloganPlaceholder');
    expect(rulesOf({ appDesc: 'this is a test description of the service' })).toContain('error:descPlaceholder');
  });

  it('checks the lengths and characters the platform enforces', () => {
    expect(rulesOf({ appName: '花美' })).toContain('error:nameLength');
    // The profile is saved with baseinfo.modify: 3–30 characters, each counting one; + and - allowed (§4).
    expect(rulesOf({ appName: '花美'.repeat(16) })).toContain('error:nameLength');
    expect(rulesOf({ appName: '花美'.repeat(15) })).not.toContain('error:nameLength');
    expect(rulesOf({ appName: '花美 花艺' })).toContain('error:nameChars');
    expect(rulesOf({ appName: '花美-花艺+Go' })).not.toContain('error:nameChars');
    expect(rulesOf({ appEnglishName: 'Huamei Florist' })).toContain('error:englishNameFormat');
    expect(rulesOf({ appSlogan: '好花' })).toContain('error:sloganLength');
    // 17 CJK characters = 34 > 32
    expect(rulesOf({ appSlogan: '每天一束好花送到您身边每天一束好花' })).toContain('error:sloganLength');
    expect(rulesOf({ appSlogan: '每天一束好花送到您身边每天一束好' })).not.toContain('error:sloganLength');
    expect(rulesOf({ appDesc: '鲜花配送' })).toContain('error:descLength');
    expect(rulesOf({ appEnglishName: 'Hu' })).toContain('error:englishNameFormat');
    expect(rulesOf({ appEnglishName: 'Huamei_Flowers' })).toContain('error:englishNameFormat');
    expect(rulesOf({ appEnglishName: '' })).toEqual([]);
  });

  it('requires a phone or an email, each well formed', () => {
    expect(rulesOf({ servicePhone: '', serviceEmail: '' })).toEqual(['error:contactMissing']);
    expect(rulesOf({ servicePhone: '', serviceEmail: 'kefu@huamei.cn' })).toEqual([]);
    expect(rulesOf({ servicePhone: '0571 8888' })).toContain('error:phoneFormat');
    expect(rulesOf({ servicePhone: '1234' })).toContain('error:phoneFormat');
    expect(rulesOf({ serviceEmail: 'not-an-email' })).toContain('error:emailFormat');
  });

  it('requires 1–4 categories when categories are checked', () => {
    expect(rulesOf({ categoryCount: 0 })).toEqual(['error:categoryCount']);
    expect(rulesOf({ categoryCount: 5 })).toEqual(['error:categoryCount']);
    expect(rulesOf({ categoryCount: 4 })).toEqual([]);
    expect(preAuditCheck({ ...good, categoryCount: undefined })).toEqual([]);
  });

  it('warns about missing or repeated texts and claims, without blocking', () => {
    const f = preAuditCheck({ ...good, appSlogan: '', appDesc: '', appName: '花美官方旗舰' });
    expect(f.map((x) => x.rule)).toEqual(['nameClaim', 'sloganMissing', 'descMissing']);
    expect(hasErrors(f)).toBe(false);
    expect(rulesOf({ appSlogan: '花美花艺花美花艺花美', appName: '花美花艺花美花艺花美' })).toContain('warning:sloganSameAsName');
  });

  it('skips the name rules once the name is frozen', () => {
    expect(preAuditCheck({ ...good, appName: '鲜花预定', nameLocked: true })).toEqual([]);
  });

  it('lists errors before warnings, and every rule has a message and a reason in both languages', () => {
    const f = preAuditCheck({ ...good, appName: '全国鲜花', appSlogan: '' });
    expect(f[0].severity).toBe('error');
    expect(f.at(-1)?.severity).toBe('warning');
    for (const locale of ['zh-CN', 'en'] as const) {
      const rules = MESSAGES[locale].preAudit.rules as Record<string, { message: string; why: string }>;
      for (const rule of PRE_AUDIT_RULES) {
        expect(rules[rule]?.message, `${locale} ${rule}`).toBeTruthy();
        expect(rules[rule]?.why, `${locale} ${rule}`).toBeTruthy();
      }
      expect(Object.keys(rules).sort()).toEqual([...PRE_AUDIT_RULES].sort());
    }
  });
});
