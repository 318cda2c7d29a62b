'use client';
// When the platform data on the page was read, and a fresh read behind the page: automatic when the stored read is
// missing or old, or on demand. The page renders from the console's records and never waits on the platform here.
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { refreshMiniAppSnapshot } from '@/app/(console)/merchants/[id]/actions';
import { formatDateTime } from '@/lib/format';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import type { SnapshotPart } from '@/lib/validation/profile';

export function SnapshotRefresh({
  merchantAppIds,
  part,
  fetchedAt,
  stale,
}: {
  merchantAppIds: number[];
  part: SnapshotPart;
  /** The oldest stored read shown on the page (ISO), or null when something was never read. */
  fetchedAt: string | null;
  stale: boolean;
}) {
  const t = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const refresh = useCallback(
    () =>
      startTransition(async () => {
        const results = await Promise.all(merchantAppIds.map((merchantAppId) => refreshMiniAppSnapshot({ merchantAppId, part })));
        const failed = results.find((r) => !r.ok);
        setError(failed && !failed.ok ? translateMessage(t, failed.error, failed.params) : null);
        setTried(true);
        router.refresh();
      }),
    [merchantAppIds, part, router, t],
  );
  // Once per mount: a read that failed leaves the page stale, and must not turn into a loop of reads.
  const asked = useRef(false);
  useEffect(() => {
    if (!stale || asked.current) return;
    asked.current = true;
    refresh();
  }, [stale, refresh]);

  const busy = pending || (stale && !tried);
  return (
    <Flex vertical gap={8} data-testid="snapshot-refresh">
      <Flex align="center" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {busy ? t('merchants.snapshot.reading') : fetchedAt ? t('merchants.snapshot.asOf', { time: formatDateTime(fetchedAt) }) : t('merchants.snapshot.never')}
        </Typography.Text>
        <Button size="small" type="link" icon={<ReloadOutlined spin={busy} />} onClick={refresh} disabled={busy}>
          {t('merchants.snapshot.refresh')}
        </Button>
      </Flex>
      {error && <Alert type="warning" showIcon closable title={t('merchants.snapshot.failed', { message: error })} />}
    </Flex>
  );
}
