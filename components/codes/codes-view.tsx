'use client';
import { DeleteOutlined, DownloadOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Image, Input, Popconfirm, Radio, Row, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition, type ReactNode } from 'react';
import { bindQrRule, generatePageCode, unbindQrRule } from '@/app/(console)/merchants/[id]/codes/actions';
import { FormField } from '@/components/form-field';
import { FormError, FormModal, useFormModal } from '@/components/form-modal';
import { MiniAppPicker } from '@/components/merchants/mini-app-picker';
import { BINDABLE_MODES, isRouteUrl, matchRoute, QR_ROUTE_LIMIT } from '@/lib/codes/rules';
import type { RouteRow } from '@/lib/codes/service';
import { formatDateTime } from '@/lib/format';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import type { MerchantAppView } from '@/lib/merchants/view';
import { bindRouteSchema, pageCodeSchema } from '@/lib/validation/codes';
import { PAGE_CODE_DEFAULTS, PageCodeFields } from './page-code-fields';

export interface PageCodeRow {
  id: number;
  urlParam: string;
  queryParam: string | null;
  describe: string;
  size: string;
  color: string | null;
  qrCodeUrl: string;
  circleWhiteUrl: string | null;
  circleBlueUrl: string | null;
  actorEmail: string;
  batchId: number | null;
  createdAt: string;
}

const KINDS = [
  { kind: 'square', url: (c: PageCodeRow) => c.qrCodeUrl },
  { kind: 'white', url: (c: PageCodeRow) => c.circleWhiteUrl },
  { kind: 'blue', url: (c: PageCodeRow) => c.circleBlueUrl },
] as const;

export function CodesView({
  apps,
  selected,
  canEdit,
  history = [],
  routes,
  routesError,
  tab = 'codes',
  children,
}: {
  apps: MerchantAppView[];
  selected: MerchantAppView | null;
  canEdit: boolean;
  history?: PageCodeRow[];
  routes?: RouteRow[];
  routesError?: string | null;
  tab?: 'codes' | 'routes';
  children?: ReactNode;
}) {
  const t = useT();
  if (!selected) {
    return (
      <Card>
        <Empty description={t('profile.noApps')} />
      </Card>
    );
  }
  const editable = canEdit && !selected.blocked;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <MiniAppPicker apps={apps} selected={selected} />
      {children}
      <Tabs
        defaultActiveKey={tab}
        items={[
          { key: 'codes', label: t('codes.tabs.codes'), children: <PageCodesPanel merchantAppId={selected.id} canEdit={editable} history={history} /> },
          {
            key: 'routes',
            label: t('codes.tabs.routes'),
            children: routesError ? (
              <Alert type="error" showIcon title={t('codes.routes.loadFailed', { message: routesError })} />
            ) : (
              <RoutesPanel merchantAppId={selected.id} canEdit={editable} routes={routes ?? []} />
            ),
          },
        ]}
      />
    </Space>
  );
}

// ── Mini-program codes ─────────────────────────────────────────────────────────────────────────────────────

function CodeImages({ code }: { code: PageCodeRow }) {
  const t = useT();
  return (
    <Flex gap={24} wrap data-testid="code-images">
      {KINDS.map(({ kind, url }) => {
        const src = url(code);
        if (!src) return null;
        return (
          <Flex key={kind} vertical align="center" gap={8}>
            <Image src={src} width={140} height={140} alt={t(`codes.kinds.${kind}`)} style={{ objectFit: 'contain', border: '1px solid #f0f0f0' }} />
            <Typography.Text type="secondary">{t(`codes.kinds.${kind}`)}</Typography.Text>
            <Button size="small" icon={<DownloadOutlined />} href={`/api/codes/${code.id}/${kind}`} download>
              {t('codes.download')}
            </Button>
          </Flex>
        );
      })}
    </Flex>
  );
}

function PageCodesPanel({ merchantAppId, canEdit, history }: { merchantAppId: number; canEdit: boolean; history: PageCodeRow[] }) {
  const t = useT();
  const [shownId, setShownId] = useState<number | null>(history[0]?.id ?? null);
  const [query, setQuery] = useState('');
  const found = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return history;
    return history.filter((c) => [c.urlParam, c.queryParam ?? '', c.describe, c.actorEmail].some((v) => v.toLowerCase().includes(q)));
  }, [history, query]);
  const shown = history.find((c) => c.id === shownId) ?? null;
  const form = useFormModal({
    schema: pageCodeSchema,
    defaultValues: () => ({ merchantAppId, ...PAGE_CODE_DEFAULTS }),
    action: generatePageCode,
    success: t('codes.generated'),
    onSuccess: (data) => setShownId(data.id),
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        {canEdit && (
          <Col xs={24} xl={10}>
            <Card size="small" title={t('codes.generateTitle')}>
              <Typography.Paragraph type="secondary">{t('codes.generateHelp')}</Typography.Paragraph>
              <Form layout="vertical" component="form" onFinish={() => void form.submit()} data-testid="page-code-form">
                <PageCodeFields control={form.control} />
                <FormError form={form} style={{ marginBottom: 16 }} />
                <Button type="primary" htmlType="submit" icon={<QrcodeOutlined />} loading={form.submitting}>
                  {t('codes.generate')}
                </Button>
              </Form>
            </Card>
          </Col>
        )}
        <Col xs={24} xl={canEdit ? 14 : 24}>
          <Card size="small" title={shown ? t('codes.resultTitle', { describe: shown.describe }) : t('codes.resultEmptyTitle')} style={{ height: '100%' }}>
            {shown ? (
              <Space orientation="vertical" size={12}>
                <Typography.Text type="secondary">
                  {shown.urlParam}
                  {shown.queryParam ? `?${shown.queryParam}` : ''} · {t(`codes.sizes.${shown.size}`)} · {formatDateTime(shown.createdAt)}
                </Typography.Text>
                <CodeImages code={shown} />
              </Space>
            ) : (
              <Empty description={t('codes.noCodes')} />
            )}
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('codes.history.title')}
        extra={<Input.Search allowClear aria-label={t('codes.history.search')} placeholder={t('codes.history.search')} style={{ width: 280 }} onChange={(e) => setQuery(e.target.value)} />}
      >
        <Table<PageCodeRow>
          rowKey="id"
          size="small"
          dataSource={found}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('codes.noCodes') }}
          data-testid="code-history"
          columns={[
            { title: t('codes.history.at'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
            { title: t('codes.history.actor'), dataIndex: 'actorEmail', width: 200, render: (v: string, r) => (r.batchId ? `${v}（${t('codes.history.batch', { id: r.batchId })}）` : v) },
            {
              title: t('codes.fields.urlParam'),
              key: 'page',
              render: (_, r) => (
                <Typography.Text code>
                  {r.urlParam}
                  {r.queryParam ? `?${r.queryParam}` : ''}
                </Typography.Text>
              ),
            },
            { title: t('codes.fields.describe'), dataIndex: 'describe' },
            { title: t('codes.fields.size'), dataIndex: 'size', width: 90, render: (s: string) => t(`codes.sizes.${s}`) },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 200,
              render: (_, r) => (
                <Space size={4}>
                  <Button type="link" size="small" onClick={() => setShownId(r.id)}>
                    {t('codes.history.show')}
                  </Button>
                  <Button type="link" size="small" icon={<DownloadOutlined />} href={`/api/codes/${r.id}/square`} download>
                    {t('codes.download')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

// ── Ordinary-QR rules ──────────────────────────────────────────────────────────────────────────────────────

export function RouteModeTag({ mode }: { mode: string }) {
  const t = useT();
  const known = mode === 'EXACT' || mode === 'FUZZY' || mode === 'PATTERN';
  return <Tag color={mode === 'EXACT' ? 'blue' : mode === 'FUZZY' ? 'purple' : undefined}>{known ? t(`codes.modes.${mode}`) : mode}</Tag>;
}

function RoutesPanel({ merchantAppId, canEdit, routes }: { merchantAppId: number; canEdit: boolean; routes: RouteRow[] }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [pending, start] = useTransition();
  const full = routes.length >= QR_ROUTE_LIMIT;

  const remove = (r: RouteRow) =>
    start(async () => {
      const result = await unbindQrRule({ merchantAppId, routeGroup: r.routeGroup, routeUrl: r.routeUrl, mode: r.mode });
      if (result.ok) message.success(t('codes.routes.removed', { url: r.routeUrl }));
      else message.error(translateMessage(t, result.error, result.params));
      router.refresh();
    });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('codes.routes.help')}</Typography.Text>
      <Card
        size="small"
        title={
          <Flex gap={12} align="center">
            {t('codes.routes.title')}
            <Typography.Text type={full ? 'danger' : 'secondary'} style={{ fontWeight: 'normal' }} data-testid="routes-count">
              {routes.length}/{QR_ROUTE_LIMIT}
            </Typography.Text>
          </Flex>
        }
        extra={
          canEdit && (
            <Tooltip title={full ? t('codes.errors.routeLimit', { limit: QR_ROUTE_LIMIT }) : undefined}>
              <Button type="primary" icon={<PlusOutlined />} disabled={full} onClick={() => setAdding(true)}>
                {t('codes.routes.add')}
              </Button>
            </Tooltip>
          )
        }
      >
        <Table<RouteRow>
          rowKey="routeGroup"
          size="small"
          loading={pending}
          dataSource={routes}
          pagination={false}
          locale={{ emptyText: t('codes.routes.empty') }}
          data-testid="routes-table"
          columns={[
            { title: t('codes.routes.url'), dataIndex: 'routeUrl', render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
            { title: t('codes.routes.mode'), dataIndex: 'mode', width: 120, render: (m: string) => <RouteModeTag mode={m} /> },
            {
              title: t('codes.routes.page'),
              dataIndex: 'pageRedirection',
              render: (p: string | null) =>
                p ? (
                  <Typography.Text code>{p}</Typography.Text>
                ) : (
                  <Tooltip title={t('codes.routes.pageUnknownHelp')}>
                    <Typography.Text type="secondary">{t('codes.routes.pageUnknown')}</Typography.Text>
                  </Tooltip>
                ),
            },
            { title: t('codes.routes.addedBy'), key: 'by', width: 220, render: (_, r) => (r.createdBy ? `${r.createdBy} · ${formatDateTime(r.createdAt, { seconds: false })}` : '—') },
            ...(canEdit
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    render: (_: unknown, r: RouteRow) => (
                      <Popconfirm
                        title={t('codes.routes.removeConfirm', { url: r.routeUrl })}
                        description={t('codes.routes.removeHelp')}
                        okText={t('codes.routes.remove')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove(r)}
                      >
                        <Button type="link" danger size="small" icon={<DeleteOutlined />}>
                          {t('codes.routes.remove')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <RouteTester routes={routes} />
      {adding && <AddRouteModal merchantAppId={merchantAppId} routes={routes} onClose={() => setAdding(false)} />}
    </Space>
  );
}

function RouteTester({ routes }: { routes: RouteRow[] }) {
  const t = useT();
  const [url, setUrl] = useState('');
  const trimmed = url.trim();
  const match = useMemo(() => (trimmed ? matchRoute(trimmed, routes) : null), [trimmed, routes]);
  return (
    <Card size="small" title={t('codes.tester.title')}>
      <Form layout="vertical" component="div">
        <Form.Item label={t('codes.tester.url')} htmlFor="route-tester" extra={t('codes.tester.help')}>
          <Input id="route-tester" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://shop.example.com/table/8" allowClear />
        </Form.Item>
      </Form>
      {trimmed && (
        <div data-testid="tester-result">
          {!isRouteUrl(trimmed) ? (
            <Alert type="warning" showIcon title={t('codes.validation.url')} />
          ) : match ? (
            <Alert
              type="success"
              showIcon
              title={t('codes.tester.matched', { url: match.rule.routeUrl, mode: t(`codes.modes.${match.kind}`) })}
              description={match.rule.pageRedirection ? t('codes.tester.opens', { page: match.rule.pageRedirection }) : t('codes.routes.pageUnknownHelp')}
            />
          ) : (
            <Alert type="info" showIcon title={t('codes.tester.noMatch')} />
          )}
        </div>
      )}
    </Card>
  );
}

function AddRouteModal({ merchantAppId, routes, onClose }: { merchantAppId: number; routes: RouteRow[]; onClose: () => void }) {
  const t = useT();
  const [prerequisite, setPrerequisite] = useState<string | null>(null);
  const form = useFormModal({
    schema: bindRouteSchema,
    defaultValues: () => ({ merchantAppId, routeUrl: '', mode: 'EXACT' as const, pageRedirection: 'pages/index/index' }),
    action: bindQrRule,
    success: t('codes.routes.added'),
    onSuccess: onClose,
    // A refusal that names a missing prerequisite (ICP filing, a safe domain) says what to do about it.
    onResult: (result) => {
      const code = result.ok ? null : result.params?.prerequisite;
      setPrerequisite(typeof code === 'string' ? code : null);
    },
  });
  return (
    <FormModal
      form={form}
      open
      width={620}
      title={t('codes.routes.addTitle')}
      okText={t('codes.routes.add')}
      onClose={onClose}
      footerNote={
        <>
          {prerequisite && <Alert type="warning" showIcon title={t('codes.prerequisites.title')} description={t(`codes.prerequisites.${prerequisite}`)} data-testid="route-prerequisite" />}
          <Typography.Text type="secondary">{t('codes.routes.existing', { n: routes.length, limit: QR_ROUTE_LIMIT })}</Typography.Text>
        </>
      }
    >
      <FormField
        control={form.control}
        name="routeUrl"
        label={t('codes.routes.url')}
        required
        extra={t('codes.routes.urlHelp')}
        render={(f) => <Input {...f} placeholder="https://shop.example.com/table/" autoComplete="off" />}
      />
      <FormField
        control={form.control}
        name="mode"
        label={t('codes.routes.mode')}
        required
        extra={t('codes.routes.modeHelp')}
        render={({ value, onChange, id }) => (
          <Radio.Group id={id} value={value} onChange={(e) => onChange(e.target.value)} options={BINDABLE_MODES.map((m) => ({ value: m, label: t(`codes.modes.${m}`) }))} />
        )}
      />
      <FormField
        control={form.control}
        name="pageRedirection"
        label={t('codes.routes.page')}
        required
        extra={t('codes.routes.pageHelp')}
        render={(f) => <Input {...f} placeholder="pages/index/index" />}
      />
    </FormModal>
  );
}
