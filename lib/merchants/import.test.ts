import { describe, expect, it } from 'vitest';
import { merchants } from '@/db/schema';
import { memoryDb } from '@/lib/testing/memory-db';
import { merchantSchema } from '@/lib/validation/merchants';
import { csvCell, parseCsv, toCsv } from './csv';
import { checkImport, importMerchants, importTemplateCsv } from './import';
import { createMerchant } from './service';

describe('csv', () => {
  it('parses quotes, doubled quotes, new lines in fields, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","he said ""hi"""\n"multi\nline",\n\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['multi\nline', ''],
    ]);
    expect(() => parseCsv('a,"open')).toThrow();
  });

  it('writes cells that spreadsheets cannot run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+86')).toBe("'+86");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(parseCsv(toCsv([['名称', '备注'], ['花美', '-1']]))).toEqual([['名称', '备注'], ['花美', "'-1"]]);
  });
});

describe('merchant import', () => {
  const header = '商家名称,联系人,手机号,邮箱,行业,地址,备注';

  it('previews per-row problems, then imports only the valid rows', () => {
    const db = memoryDb();
    createMerchant(db, merchantSchema.parse({ name: '已存在商家', contactName: '甲', mobile: '13800000000', email: '', industry: 'retail', address: '', remarks: '' }), null);
    const csv = [
      header,
      '花美花艺,王花美,13800001111,huamei@example.com,零售购物,杭州,',
      '老王面馆,老王,13800002222,,catering,,',
      '已存在商家,乙,13800003333,,餐饮美食,,',
      '新商家,丙,13800000000,,餐饮美食,,',
      '花美花艺,丁,13800004444,,餐饮美食,,',
      '坏行,戊,12345,bad@,火星产业,,',
      ',己,13800005555,,其他,,',
    ].join('\n');
    const { rows, valid } = checkImport(db, csv);
    expect(valid.map((v) => v.line)).toEqual([2, 3]);
    const problems = Object.fromEntries(rows.filter((r) => r.problems.length).map((r) => [r.line, r.problems.map((p) => `${p.field}:${p.message}`)]));
    expect(problems).toEqual({
      4: ['name:merchants.errors.nameTaken'],
      5: ['mobile:merchants.errors.mobileTaken'],
      6: ['name:merchants.import.duplicateInFile'],
      7: ['industry:merchants.import.unknownIndustry', 'mobile:merchants.validation.mobile', 'email:validation.email'],
      8: ['name:merchants.validation.nameShort'],
    });
    expect(rows.find((r) => r.line === 6)?.problems[0].params).toEqual({ row: 2 });

    const result = importMerchants(db, csv, null);
    expect(result.imported).toBe(2);
    expect(result.skipped.map((r) => r.line)).toEqual([4, 5, 6, 7, 8]);
    expect(db.select().from(merchants).all().map((m) => m.name).sort()).toEqual(['已存在商家', '老王面馆', '花美花艺'].sort());
    expect(db.select().from(merchants).all().find((m) => m.name === '老王面馆')?.industry).toBe('catering');
  });

  it('refuses files without the required columns, empty files, and accepts its own template and English headers', () => {
    const db = memoryDb();
    expect(() => checkImport(db, '名称,备注\n花美,x')).toThrow('merchants.import.missingColumns');
    expect(() => checkImport(db, header)).toThrow('merchants.import.empty');
    expect(checkImport(db, importTemplateCsv()).valid).toHaveLength(1);
    expect(checkImport(db, 'name,contact,mobile,industry\nHuamei,Wang,13800001111,Retail').valid).toHaveLength(1);
  });
});
