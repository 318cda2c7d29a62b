'use client';
// The pre-audit check (lib/pre-audit, shared with the profile form) over what an audit will submit, shown live.
import { Alert, Card, List, Tag, Typography } from 'antd';
import { useT } from '@/lib/i18n/client';
import type { ReactNode } from 'react';
import type { PreAuditFinding } from '@/lib/pre-audit';
import type { Refusal } from '@/lib/pre-audit/acceptance';

export interface PreAuditHint {
  key: string;
  severity: 'error' | 'warning';
  message: string;
  why?: string;
}

export function toHints(t: ReturnType<typeof useT>, findings: PreAuditFinding[]): PreAuditHint[] {
  return findings.map((f) => ({ key: f.rule, severity: f.severity, message: t(f.message), why: t(f.why) }));
}

/** What the platform would answer, as hints: `SUB_CODE：explanation`. */
export function refusalHints(t: ReturnType<typeof useT>, refusals: readonly Refusal[]): PreAuditHint[] {
  return refusals.map((r) => ({ key: `${r.rule}:${r.code}`, severity: 'error', message: refusalText(t, r) }));
}

export const refusalText = (t: ReturnType<typeof useT>, r: { code?: string; message: string; params?: Record<string, string> }) =>
  r.code && r.code !== 'AUDIT_REJECT' ? t('acceptance.withCode', { code: r.code, text: t(r.message, r.params) }) : t(r.message, r.params);

export function PreAuditPanel({ hints, note }: { hints: PreAuditHint[]; note?: ReactNode }) {
  const t = useT();
  const errors = hints.filter((h) => h.severity === 'error').length;
  const warnings = hints.length - errors;
  return (
    <Card size="small" title={t('audit.preAudit.title')} data-testid="pre-audit">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('audit.preAudit.help')}
      </Typography.Paragraph>
      {note}
      {hints.length === 0 ? (
        note ? null : <Alert type="success" showIcon title={t('audit.preAudit.clean')} />
      ) : (
        <>
          <Alert
            type={errors ? 'error' : 'warning'}
            showIcon
            title={[errors ? t('audit.preAudit.errors', { count: errors }) : null, warnings ? t('audit.preAudit.warnings', { count: warnings }) : null].filter(Boolean).join('，')}
            style={{ marginBottom: 8 }}
          />
          <List
            size="small"
            dataSource={hints}
            renderItem={(h) => (
              <List.Item key={h.key} style={{ paddingInline: 0 }}>
                <div>
                  <Tag color={h.severity === 'error' ? 'red' : 'orange'}>{t(h.severity === 'error' ? 'preAudit.error' : 'preAudit.warning')}</Tag>
                  <Typography.Text>{h.message}</Typography.Text>
                  {h.why && (
                    <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '2px 0 0' }}>
                      {h.why}
                    </Typography.Paragraph>
                  )}
                </div>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
