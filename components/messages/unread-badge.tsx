'use client';
// The header's inbox bell with the unread count. Reads /api/messages/unread on mount, every 30 seconds, on each
// navigation, and whenever the inbox announces a change.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useT } from '@/lib/i18n/client';

export const INBOX_CHANGED_EVENT = 'tinyapp:inbox-changed';
const REFRESH_MS = 30_000;

export function UnreadBadge() {
  const t = useT();
  const pathname = usePathname();
  const [count, setCount] = useState(0);

  useEffect(() => {
    let active = true;
    const load = () =>
      fetch('/api/messages/unread', { cache: 'no-store' })
        .then((r) => (r.ok ? (r.json() as Promise<{ count: number }>) : null))
        .then((body) => {
          if (active && body) setCount(body.count);
        })
        // Offline or signed out: keep the last count; the next tick tries again.
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, REFRESH_MS);
    window.addEventListener(INBOX_CHANGED_EVENT, load);
    return () => {
      active = false;
      clearInterval(timer);
      window.removeEventListener(INBOX_CHANGED_EVENT, load);
    };
  }, [pathname]);

  const label = t('inbox.badge', { count });
  return (
    <Tooltip title={t('inbox.unreadCount', { count })}>
      <Link href="/messages" aria-label={label} data-testid="unread-badge" data-count={count}>
        <Badge count={count} size="small" overflowCount={99}>
          <Button type="text" icon={<BellOutlined style={{ fontSize: 18 }} />} tabIndex={-1} aria-hidden />
        </Badge>
      </Link>
    </Tooltip>
  );
}
