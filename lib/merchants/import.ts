// CSV import of merchants: every row is checked with the same schema as the form, against existing merchants and
// against the rest of the file; the import writes only the valid rows, in one transaction, and reports the rest.
import type { Db } from '@/db';
import type { Merchant } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import { insertMerchant, takenNamesAndMobiles } from '@/lib/merchants/data';
import { MAX_IMPORT_ROWS, merchantSchema, type MerchantValues } from '@/lib/validation/merchants';
import { CsvError, parseCsv, toCsv } from './csv';
import { parseIndustry } from './industries';

export const IMPORT_FIELDS = ['name', 'contactName', 'mobile', 'email', 'industry', 'address', 'remarks'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
const REQUIRED: ImportField[] = ['name', 'contactName', 'mobile', 'industry'];

const HEADER_NAMES: Record<ImportField, string[]> = {
  name: ['商家名称', '商家', '名称', 'name', 'merchant', 'merchant name'],
  contactName: ['联系人', '联系人姓名', 'contact', 'contactname', 'contact_name', 'contact name'],
  mobile: ['手机号', '手机', '手机号码', '联系电话', 'mobile', 'phone'],
  email: ['邮箱', '电子邮箱', 'email', 'e-mail'],
  industry: ['行业', '所属行业', 'industry'],
  address: ['地址', '经营地址', 'address'],
  remarks: ['备注', 'remarks', 'remark', 'notes'],
};

/** The header the template and the export use. */
export const TEMPLATE_HEADER = ['商家名称', '联系人', '手机号', '邮箱', '行业', '地址', '备注'];

export function importTemplateCsv(): string {
  return toCsv([TEMPLATE_HEADER, ['杭州花美花艺有限公司', '王花美', '13800001111', 'huamei@example.com', '零售购物', '杭州市西湖区文三路 1 号', '示例行，导入前请删除']]);
}

export interface ImportProblem {
  /** The field it concerns (shown with its label), if any. */
  field?: ImportField;
  /** A catalog key. */
  message: string;
  params?: Record<string, string | number>;
}

export interface ImportRow {
  /** The line in the file (the header is line 1). */
  line: number;
  values: Record<ImportField, string>;
  problems: ImportProblem[];
}

export interface ImportCheck {
  rows: ImportRow[];
  valid: { line: number; values: MerchantValues }[];
}

function columnMap(header: string[]): Map<ImportField, number> {
  const map = new Map<ImportField, number>();
  header.forEach((raw, index) => {
    const h = raw.trim().toLowerCase();
    const field = IMPORT_FIELDS.find((f) => HEADER_NAMES[f].includes(h));
    if (field && !map.has(field)) map.set(field, index);
  });
  return map;
}

/** Parses and checks the whole file; throws ActionError for problems of the file itself. */
export function checkImport(db: Db, csv: string): ImportCheck {
  let table: string[][];
  try {
    table = parseCsv(csv);
  } catch (e) {
    throw new ActionError('merchants.import.badFile', { params: { detail: e instanceof CsvError ? e.message : 'unreadable' } });
  }
  if (table.length < 2) throw new ActionError('merchants.import.empty');
  if (table.length - 1 > MAX_IMPORT_ROWS) throw new ActionError('merchants.import.tooManyRows');
  const columns = columnMap(table[0]);
  const missing = REQUIRED.filter((f) => !columns.has(f));
  if (missing.length) throw new ActionError('merchants.import.missingColumns', { params: { columns: missing.map((f) => HEADER_NAMES[f][0]).join('、') } });

  const taken = takenNamesAndMobiles(db);
  const seenNames = new Map<string, number>();
  const seenMobiles = new Map<string, number>();
  const rows: ImportRow[] = [];
  const valid: ImportCheck['valid'] = [];

  table.slice(1).forEach((cells, index) => {
    const line = index + 2;
    const values = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, (columns.has(f) ? cells[columns.get(f)!] ?? '' : '').trim()])) as Record<ImportField, string>;
    const problems: ImportProblem[] = [];
    const industry = parseIndustry(values.industry);
    if (values.industry && !industry) problems.push({ field: 'industry', message: 'merchants.import.unknownIndustry', params: { value: values.industry } });
    const parsed = merchantSchema.safeParse({ ...values, industry: industry ?? (values.industry ? 'other' : '') });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as ImportField;
        if (field === 'industry' && values.industry && !industry) continue;
        if (!problems.some((p) => p.field === field)) problems.push({ field, message: issue.message });
      }
    } else {
      const v = parsed.data;
      const nameKey = v.name.toLowerCase();
      if (taken.names.has(nameKey)) problems.push({ field: 'name', message: 'merchants.errors.nameTaken' });
      else if (seenNames.has(nameKey)) problems.push({ field: 'name', message: 'merchants.import.duplicateInFile', params: { row: seenNames.get(nameKey)! } });
      if (taken.mobiles.has(v.mobile)) problems.push({ field: 'mobile', message: 'merchants.errors.mobileTaken' });
      else if (seenMobiles.has(v.mobile)) problems.push({ field: 'mobile', message: 'merchants.import.duplicateInFile', params: { row: seenMobiles.get(v.mobile)! } });
      if (!problems.length) valid.push({ line, values: v });
      if (!seenNames.has(nameKey)) seenNames.set(nameKey, line);
      if (!seenMobiles.has(v.mobile)) seenMobiles.set(v.mobile, line);
    }
    rows.push({ line, values, problems });
  });
  return { rows, valid };
}

export interface ImportResult {
  imported: number;
  skipped: ImportRow[];
}

/** Checks the file again (never trusting an earlier preview) and inserts its valid rows in one transaction. */
export function importMerchants(db: Db, csv: string, createdById: number | null): ImportResult {
  return db.transaction(
    () => {
      const { rows, valid } = checkImport(db, csv);
      const created: Merchant[] = [];
      for (const { values } of valid) {
        created.push(
          insertMerchant(db, {
            name: values.name,
            contactName: values.contactName,
            mobile: values.mobile,
            email: values.email || null,
            industry: values.industry,
            address: values.address || null,
            remarks: values.remarks || null,
            createdById,
          }),
        );
      }
      return { imported: created.length, skipped: rows.filter((r) => r.problems.length) };
    },
    { behavior: 'immediate' },
  );
}
