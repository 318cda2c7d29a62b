'use client';
import { RocketOutlined, SearchOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Input, InputNumber, Segmented, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type ReactNode } from 'react';
import type { DriftQuery, DriftRow, DriftSummary, DriftVerdict, DriftVersion } from '@/lib/drift/rules';
import { selectDriftMatches } from '@/app/(console)/drift/actions';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { compareVersions, GRAY_PERCENT } from '@/lib/versions/operations';

/** The wizard link carries the ids in its query string: past this many it would outgrow a request line. */
const MAX_LINK_APPS = 1000;
/** The steps of the fleet path a selection can be batched into from here, in their order. */
const FLEET_OPERATIONS = ['instantiate', 'submitAudit', 'gray', 'online'] as const;
type FleetOperation = (typeof FLEET_OPERATIONS)[number];
const PAGE_SIZES = [20, 50, 100, 200];

const VERDICT_COLOR: Record<DriftVerdict, string> = { current: 'success', behind: 'warning', unknown: 'default', other: 'purple' };
const AUTH_COLOR = { authorized: 'green', cancelled: 'red', invalid: 'orange' } as const;

export interface DriftViewProps {
  templates: { templateId: string; name: string }[];
  templateId: string;
  latest: string | null;
  query: DriftQuery;
  summary: DriftSummary;
  matched: number;
  rows: DriftRow[];
  /** How many matching rows can go into a batch; their ids are fetched when asked for. */
  matchedSelectable: number;
  canOperate: boolean;
}

/** The query string for a state of the page; defaults are left out so links stay short. */
function hrefOf(q: DriftQuery): string {
  const p = new URLSearchParams();
  if (q.template) p.set('template', q.template);
  if (q.verdict !== 'all') p.set('verdict', q.verdict);
  if (q.stuck) p.set('stuck', '1');
  if (q.hours !== 24) p.set('hours', String(q.hours));
  if (q.rejected) p.set('rejected', '1');
  if (q.cancelled) p.set('cancelled', '1');
  if (q.q) p.set('q', q.q);
  if (q.page > 1) p.set('page', String(q.page));
  if (q.size !== 50) p.set('size', String(q.size));
  const s = p.toString();
  return s ? `/drift?${s}` : '/drift';
}

export function DriftView({ templates, templateId, latest, query, summary, matched, rows, matchedSelectable, canOperate }: DriftViewProps) {
  const t = useT();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [selected, setSelected] = useState<number[]>([]);
  const [nextOperation, setNextOperation] = useState<FleetOperation>('instantiate');
  const [hours, setHours] = useState(query.hours);
  const [search, setSearch] = useState(query.q);

  const { message } = App.useApp();
  const [selecting, setSelecting] = useState(false);
  const selectMatching = async () => {
    setSelecting(true);
    try {
      const result = await selectDriftMatches(query);
      if (result.ok) setSelected((s) => [...new Set([...s, ...result.data])]);
      else message.error(translateMessage(t, result.error, result.params));
    } finally {
      setSelecting(false);
    }
  };

  const go = (patch: Partial<DriftQuery>) => start(() => router.push(hrefOf({ ...query, page: 1, ...patch }), { scroll: false }));

  const templateText = (v: DriftVersion) => {
    if (v.templateId && v.templateId !== templateId) return <Typography.Text type="secondary">{t('drift.otherTemplate', { templateId: v.templateId })}</Typography.Text>;
    if (!v.templateVersion) return <Typography.Text type="secondary">{t('drift.unknownTemplateVersion')}</Typography.Text>;
    const old = latest !== null && compareVersions(v.templateVersion, latest) < 0;
    return <Typography.Text type={old ? 'warning' : 'secondary'}>{t('drift.templateVersion', { version: v.templateVersion })}</Typography.Text>;
  };
  const versionCell = (v: DriftVersion | null, extra?: ReactNode) =>
    v ? (
      <Flex vertical gap={2}>
        <Space size={4} wrap>
          <Typography.Text strong>{v.appVersion}</Typography.Text>
          {extra}
        </Space>
        <span style={{ fontSize: 12 }}>{templateText(v)}</span>
      </Flex>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  const columns: TableColumnsType<DriftRow> = [
    {
      title: t('drift.columns.merchant'),
      key: 'merchant',
      width: 170,
      render: (_, r) => <Link href={`/merchants/${r.merchantId}/versions?app=${encodeURIComponent(r.authAppId)}`}>{r.merchantName}</Link>,
    },
    {
      title: t('drift.columns.miniApp'),
      key: 'app',
      width: 170,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <span>{r.appName ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: r.authAppId }}>
            {r.authAppId}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('drift.columns.authorization'),
      key: 'auth',
      width: 80,
      render: (_, r) => <Tag color={AUTH_COLOR[r.authStatus]}>{t(`drift.authStatus.${r.authStatus}`)}</Tag>,
    },
    { title: t('drift.columns.dev'), key: 'dev', width: 120, render: (_, r) => versionCell(r.dev, <Tag color="blue">{t('versions.status.INIT')}</Tag>) },
    {
      title: t('drift.columns.audit'),
      key: 'audit',
      width: 200,
      render: (_, r) => {
        if (!r.audit && !r.rejected) return <Typography.Text type="secondary">—</Typography.Text>;
        const stuck = r.auditHours !== null && r.auditHours > query.hours;
        return (
          <Flex vertical gap={6}>
            {r.audit &&
              versionCell(
                r.audit,
                <>
                  <Tag color={r.audit.status === 'AUDITING' ? 'processing' : 'cyan'}>{t(`versions.status.${r.audit.status}`)}</Tag>
                  {r.auditHours !== null && <Typography.Text type={stuck ? 'danger' : 'secondary'}>{t('drift.auditHours', { hours: r.auditHours })}</Typography.Text>}
                </>,
              )}
            {r.rejected && (
              <Flex vertical gap={2}>
                <span>
                  <Tag color="error">{t('drift.rejectedTag', { version: r.rejected.appVersion })}</Tag>
                </span>
                {r.rejected.rejectReason && (
                  <Typography.Paragraph type="danger" style={{ fontSize: 12, margin: 0 }} ellipsis={{ rows: 2, tooltip: r.rejected.rejectReason }}>
                    {r.rejected.rejectReason}
                  </Typography.Paragraph>
                )}
              </Flex>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('drift.columns.gray'),
      key: 'gray',
      width: 120,
      render: (_, r) =>
        versionCell(
          r.gray,
          r.gray?.grayStrategy && r.gray.grayStrategy in GRAY_PERCENT ? (
            <Tag color="orange">{t('versions.grayPercent', { percent: GRAY_PERCENT[r.gray.grayStrategy as keyof typeof GRAY_PERCENT] })}</Tag>
          ) : null,
        ),
    },
    { title: t('drift.columns.online'), key: 'online', width: 120, render: (_, r) => versionCell(r.online) },
    {
      title: t('drift.columns.verdict'),
      key: 'verdict',
      width: 80,
      render: (_, r) => (
        <Tooltip title={t(`drift.verdictHelp.${r.verdict}`)}>
          <Tag color={VERDICT_COLOR[r.verdict]} data-testid="drift-verdict">
            {t(`drift.verdict.${r.verdict}`)}
          </Tag>
        </Tooltip>
      ),
    },
  ];

  const counts: { key: string; label: string; value: number; tone?: string }[] = [
    { key: 'total', label: t('drift.summary.total'), value: summary.total },
    { key: 'current', label: t('drift.summary.current'), value: summary.current, tone: '#389e0d' },
    { key: 'behind', label: t('drift.summary.behind'), value: summary.behind, tone: '#d46b08' },
    { key: 'unknown', label: t('drift.summary.unknown'), value: summary.unknown },
    ...(summary.other ? [{ key: 'other', label: t('drift.summary.other'), value: summary.other }] : []),
    { key: 'inAudit', label: t('drift.summary.inAudit'), value: summary.inAudit, tone: '#1677ff' },
    { key: 'stuck', label: t('drift.summary.stuck', { hours: query.hours }), value: summary.stuck, tone: summary.stuck ? '#cf1322' : undefined },
    { key: 'rejected', label: t('drift.summary.rejected'), value: summary.rejected, tone: summary.rejected ? '#cf1322' : undefined },
    { key: 'cancelled', label: t('drift.summary.cancelled'), value: summary.cancelled },
  ];

  const verdictOptions = [
    { value: 'all', label: t('drift.filters.all') },
    ...(['behind', 'unknown', 'current', 'other'] as const).map((v) => ({ value: v, label: t(`drift.verdict.${v}`) })),
  ];

  const tooMany = selected.length > MAX_LINK_APPS;
  // The fleet path from one page: the same selection goes through instantiate, audit, gray and online in turn.
  const batchHref = `/batches/new?${new URLSearchParams({
    apps: selected.join(','),
    operation: nextOperation,
    ...(nextOperation === 'instantiate' ? { templateId, ...(latest ? { templateVersion: latest } : {}) } : {}),
  })}`;

  const planHref = `/plans/new?${new URLSearchParams({ apps: selected.join(','), templateId, ...(latest ? { templateVersion: latest } : {}) })}`;

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('drift.intro')}</Typography.Text>
      <Flex gap={16} align="center" wrap>
        <Space>
          <label htmlFor="drift-template">{t('drift.template')}</label>
          <Select
            id="drift-template"
            style={{ minWidth: 280 }}
            value={templateId}
            onChange={(v: string) => go({ template: v })}
            options={templates.map((x) => ({ value: x.templateId, label: `${x.name}（${x.templateId}）` }))}
          />
        </Space>
        <Space data-testid="drift-latest">
          <Typography.Text type="secondary">{t('drift.latest')}</Typography.Text>
          {latest ? <Tag color="green">{latest}</Tag> : <Typography.Text type="warning">{t('drift.noLatest')}</Typography.Text>}
        </Space>
      </Flex>

      <Flex gap={32} wrap data-testid="drift-summary" style={{ padding: '12px 16px', background: '#fafafa', borderRadius: 8 }}>
        {counts.map((c) => (
          <div key={c.key} data-testid={`drift-count-${c.key}`}>
            <Statistic title={c.label} value={c.value} styles={{ content: { fontSize: 22, color: c.tone } }} />
          </div>
        ))}
        {query.q && (
          <Typography.Text type="secondary" style={{ alignSelf: 'flex-end' }}>
            {t('drift.summary.searchScope', { q: query.q })}
          </Typography.Text>
        )}
      </Flex>

      <Flex gap={16} align="center" wrap>
        <Space>
          <Typography.Text>{t('drift.filters.verdict')}</Typography.Text>
          <Segmented
            aria-label={t('drift.filters.verdict')}
            value={query.verdict}
            options={verdictOptions}
            onChange={(v) => go({ verdict: v as DriftQuery['verdict'] })}
          />
        </Space>
        <Space size={4}>
          <Checkbox checked={query.stuck} onChange={(e) => go({ stuck: e.target.checked, hours })}>
            {t('drift.filters.stuck')}
          </Checkbox>
          <InputNumber
            aria-label={t('drift.filters.hours')}
            min={1}
            max={8760}
            value={hours}
            onChange={(v) => setHours(typeof v === 'number' ? v : 24)}
            onBlur={() => hours !== query.hours && go({ hours })}
            onPressEnter={() => go({ hours, stuck: true })}
            style={{ width: 80 }}
          />
          <Typography.Text>{t('drift.filters.hours')}</Typography.Text>
        </Space>
        <Checkbox checked={query.rejected} onChange={(e) => go({ rejected: e.target.checked })}>
          {t('drift.filters.rejected')}
        </Checkbox>
        <Checkbox checked={query.cancelled} onChange={(e) => go({ cancelled: e.target.checked })}>
          {t('drift.filters.cancelled')}
        </Checkbox>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('drift.filters.search')}
          aria-label={t('drift.filters.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value && query.q) go({ q: '' });
          }}
          onPressEnter={() => go({ q: search.trim() })}
          style={{ width: 280 }}
        />
      </Flex>

      {canOperate ? (
        <Flex gap={12} align="center" wrap>
          <Typography.Text data-testid="drift-selected">{t('drift.selected', { n: selected.length })}</Typography.Text>
          <Button size="small" loading={selecting} disabled={!matchedSelectable} onClick={selectMatching}>
            {t('drift.selectMatched', { n: matchedSelectable })}
          </Button>
          <Button size="small" disabled={!selected.length} onClick={() => setSelected([])}>
            {t('drift.clearSelection')}
          </Button>
          <Select
            aria-label={t('drift.batchOperation')}
            size="small"
            style={{ minWidth: 140 }}
            value={nextOperation}
            onChange={setNextOperation}
            options={FLEET_OPERATIONS.map((op) => ({ value: op, label: t(`batches.operations.${op}`) }))}
          />
          <Tooltip title={tooMany ? t('drift.tooMany', { max: MAX_LINK_APPS }) : !latest && nextOperation === 'instantiate' ? t('drift.noLatest') : undefined}>
            <Button type="primary" icon={<ThunderboltOutlined />} href={batchHref} disabled={!selected.length || tooMany || (!latest && nextOperation === 'instantiate')}>
              {t('drift.createBatch')}
            </Button>
          </Tooltip>
          {/* The selection (e.g. every mini-program behind the latest version) rolled out in waves with gates. */}
          <Tooltip title={tooMany ? t('drift.tooMany', { max: MAX_LINK_APPS }) : !latest ? t('drift.noLatest') : undefined}>
            <Button icon={<RocketOutlined />} href={planHref} disabled={!selected.length || tooMany || !latest}>
              {t('plans.fromDrift')}
            </Button>
          </Tooltip>
        </Flex>
      ) : (
        <Alert type="info" showIcon title={t('drift.readOnly')} />
      )}

      <Table<DriftRow>
        rowKey="merchantAppId"
        size="middle"
        loading={pending}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('drift.empty') }}
        rowSelection={
          canOperate
            ? {
                selectedRowKeys: selected,
                preserveSelectedRowKeys: true,
                onChange: (keys) => setSelected(keys.map(Number)),
                getCheckboxProps: (r) => ({ disabled: r.authStatus !== 'authorized', 'aria-label': r.merchantName }),
                renderCell: (_checked, r, _i, node) =>
                  r.authStatus === 'authorized' ? (
                    node
                  ) : (
                    <Tooltip title={t('drift.notSelectable')}>
                      <span>{node}</span>
                    </Tooltip>
                  ),
              }
            : undefined
        }
        pagination={{
          current: query.page,
          pageSize: query.size,
          total: matched,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (n) => t('drift.filters.matched', { n }),
          onChange: (page, size) => start(() => router.push(hrefOf({ ...query, page: size === query.size ? page : 1, size }), { scroll: false })),
        }}
      />
    </Flex>
  );
}
