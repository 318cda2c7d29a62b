'use client';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Card, Flex, List, Space, Tag, Typography } from 'antd';
import { useT } from '@/lib/i18n/client';
import type { PreAuditFinding } from '@/lib/pre-audit';

/** The pre-audit findings beside a form: each rule's verdict and one line on why Alipay rejects it. */
export function PreAuditPanel({ findings, fieldLabel }: { findings: PreAuditFinding[]; fieldLabel: (field: PreAuditFinding['field']) => string }) {
  const t = useT();
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return (
    <Card
      title={t('preAudit.title')}
      size="small"
      data-testid="pre-audit"
      extra={
        <Space size={4}>
          {errors > 0 && <Tag color="error">{t('preAudit.errors', { n: errors })}</Tag>}
          {warnings > 0 && <Tag color="warning">{t('preAudit.warnings', { n: warnings })}</Tag>}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('preAudit.subtitle')}
      </Typography.Paragraph>
      {findings.length === 0 ? (
        <Flex gap={8} align="center">
          <CheckCircleFilled style={{ color: '#52c41a' }} />
          <Typography.Text>{t('preAudit.passed')}</Typography.Text>
        </Flex>
      ) : (
        <List
          size="small"
          split
          dataSource={findings}
          renderItem={(f) => (
            <List.Item style={{ paddingInline: 0, alignItems: 'flex-start' }} data-rule={f.rule} data-severity={f.severity}>
              <Flex gap={8} align="flex-start">
                {f.severity === 'error' ? (
                  <CloseCircleFilled style={{ color: '#ff4d4f', marginTop: 4 }} />
                ) : (
                  <ExclamationCircleFilled style={{ color: '#faad14', marginTop: 4 }} />
                )}
                <div>
                  <Typography.Text strong>
                    {fieldLabel(f.field)} · {t(f.message)}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(f.why)}
                    </Typography.Text>
                  </div>
                </div>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {errors > 0 && (
        <Typography.Paragraph type="danger" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('preAudit.blocking')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
