// The operation log as CSV (papaparse), in the reader's language: each record's sentence beside its raw fields, for
// the same filter as the page. Cells that a spreadsheet would run as a formula are defused.
import Papa from 'papaparse';
import type { Db } from '@/db';
import { formatDateTime } from '@/lib/format';
import type { Translate } from '@/lib/i18n/core';
import { eachOperation, type OperationFilter } from './data';
import { describeOperations } from './sentences';

/** An export stops here; the filter narrows a larger log. */
export const CSV_MAX_ROWS = 100_000;

/** A leading = + - @ (or tab / CR, which some spreadsheets skip before one) would make a formula. */
const defuse = (v: string | null) => (v && /^[=+\-@\t\r]/.test(v) ? `'${v}` : (v ?? ''));

export function operationsCsv(db: Db, t: Translate, filter: OperationFilter, max = CSV_MAX_ROWS): { csv: string; rows: number } {
  const fields = ['at', 'actor', 'sentence', 'action', 'target', 'result', 'detail', 'input'].map((c) =>
    c === 'sentence' ? t('operationLog.sentence') : t(`operationLog.${c as 'at' | 'actor' | 'action' | 'target' | 'result' | 'detail' | 'input'}`),
  );
  const data: string[][] = [];
  for (const chunk of eachOperation(db, filter)) {
    for (const r of describeOperations(db, t, chunk)) {
      if (data.length >= max) break;
      data.push(
        [
          formatDateTime(r.at),
          r.actorEmail,
          r.sentence,
          r.action,
          r.targetType ? `${r.targetType} ${r.targetId ?? ''}`.trim() : '',
          t(`operationLog.results.${r.result}`),
          r.detail,
          r.input,
        ].map(defuse),
      );
    }
    if (data.length >= max) break;
  }
  // A BOM so that spreadsheet programs read UTF-8 (Chinese names) correctly.
  return { csv: `\uFEFF${Papa.unparse({ fields, data }, { newline: '\r\n' })}\r\n`, rows: data.length };
}
