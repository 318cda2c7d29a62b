'use client';
// The operations a version offers, straight from the rule in lib/versions/operations: hidden ones are not shown,
// refused ones are shown disabled with their reason.
import { Button, Space, Tooltip, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useT } from '@/lib/i18n/client';
import type { Availability, VersionOperation } from '@/lib/versions/operations';
import type { VersionRowView } from '@/lib/versions/view';
import { translateResult } from './use-version-operations';

export interface OperationHandlers {
  /** The version being worked on, if any: its buttons wait. */
  busy: string | null;
  onOperation: (op: VersionOperation, v: VersionRowView) => void;
}

const DANGER: VersionOperation[] = ['offline', 'rollback', 'delete'];
const PRIMARY: VersionOperation[] = ['submitAudit', 'grayRelease', 'online'];

export function reasonText(t: ReturnType<typeof useT>, a: Availability): string | null {
  return a.state === 'allowed' ? null : translateResult(t, a.reason, a.params);
}

export function OperationButtons({
  v,
  ops,
  handlers,
  size = 'small',
  showReasons = false,
}: {
  v: VersionRowView;
  ops: readonly VersionOperation[];
  handlers: OperationHandlers;
  size?: ButtonProps['size'];
  /** Write the reason of a refused operation under the buttons, not only in its tooltip. */
  showReasons?: boolean;
}) {
  const t = useT();
  const shown = ops.filter((op) => v.ops[op].state !== 'hidden');
  if (!shown.length) return null;
  const reasons = shown.map((op) => reasonText(t, v.ops[op])).filter((r): r is string => !!r);
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space size={[8, 8]} wrap>
        {shown.map((op) => {
          const a = v.ops[op];
          const button = (
            <Button
              key={op}
              size={size}
              type={PRIMARY.includes(op) && a.state === 'allowed' ? 'primary' : 'default'}
              danger={DANGER.includes(op)}
              disabled={a.state !== 'allowed' || (handlers.busy !== null && handlers.busy !== v.appVersion)}
              loading={handlers.busy === v.appVersion}
              onClick={() => handlers.onOperation(op, v)}
            >
              {t(`versions.ops.${op}`)}
            </Button>
          );
          return a.state === 'allowed' ? (
            button
          ) : (
            <Tooltip key={op} title={reasonText(t, a)}>
              <span>{button}</span>
            </Tooltip>
          );
        })}
      </Space>
      {showReasons &&
        reasons.map((r) => (
          <Typography.Text key={r} type="secondary" style={{ fontSize: 12 }} data-testid="operation-reason">
            {r}
          </Typography.Text>
        ))}
    </Space>
  );
}
