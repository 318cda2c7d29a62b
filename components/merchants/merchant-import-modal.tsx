'use client';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Result, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { importMerchantsCsv, previewMerchantImport } from '@/app/(console)/merchants/actions';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import type { ImportProblem, ImportRow } from '@/lib/merchants/import';
import { MAX_IMPORT_BYTES } from '@/lib/validation/merchants';

/** UTF-8 first; spreadsheets saved by Chinese Excel are often GB18030, so fall back to that. */
async function readCsv(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function ProblemList({ problems }: { problems: ImportProblem[] }) {
  const t = useT();
  if (!problems.length) return <Tag color="success">{t('merchants.import.ok')}</Tag>;
  return (
    <Space orientation="vertical" size={0}>
      {problems.map((p, i) => (
        <Typography.Text type="danger" key={i}>
          {p.field ? `${t(`merchants.fields.${p.field}`)}：` : ''}
          {translateMessage(t, p.message, p.params)}
        </Typography.Text>
      ))}
    </Space>
  );
}

function RowsTable({ rows }: { rows: ImportRow[] }) {
  const t = useT();
  return (
    <Table<ImportRow>
      rowKey="line"
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 8, showSizeChanger: false, hideOnSinglePage: true }}
      columns={[
        { title: t('merchants.import.row'), dataIndex: 'line', width: 64 },
        { title: t('merchants.fields.name'), render: (_, r) => r.values.name || '—' },
        { title: t('merchants.fields.mobile'), width: 130, render: (_, r) => r.values.mobile || '—' },
        { title: t('merchants.import.problems'), render: (_, r) => <ProblemList problems={r.problems} /> },
      ]}
    />
  );
}

export function MerchantImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ rows: ImportRow[]; validCount: number } | null>(null);
  const [result, setResult] = useState<{ imported: number; skipped: ImportRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState<'problems' | 'all'>('problems');

  const reset = () => {
    setCsv(null);
    setFileName(null);
    setPreview(null);
    setResult(null);
    setError(null);
    setFilter('problems');
  };
  const close = () => {
    reset();
    onClose();
  };

  const choose = async (file: File) => {
    reset();
    if (!/\.csv$/i.test(file.name)) return setError(t('merchants.import.notCsv'));
    if (file.size > MAX_IMPORT_BYTES) return setError(t('merchants.import.tooLarge'));
    setBusy(true);
    try {
      const text = await readCsv(file);
      const r = await previewMerchantImport({ csv: text });
      setFileName(file.name);
      if (!r.ok) return setError(translateMessage(t, r.error, r.params));
      setCsv(text);
      setPreview(r.data);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!csv) return;
    setBusy(true);
    try {
      const r = await importMerchantsCsv({ csv });
      if (!r.ok) return setError(translateMessage(t, r.error, r.params));
      setResult(r.data);
      message.success(t('merchants.import.done', { imported: r.data.imported, skipped: r.data.skipped.length }));
      onImported();
    } finally {
      setBusy(false);
    }
  };

  const invalid = useMemo(() => preview?.rows.filter((r) => r.problems.length) ?? [], [preview]);

  const footer = result ? (
    <Button type="primary" onClick={close}>
      {t('common.confirm')}
    </Button>
  ) : (
    <Space>
      <Button onClick={close}>{t('common.cancel')}</Button>
      <Button type="primary" disabled={!preview || preview.validCount === 0} loading={busy && !!preview} onClick={submit}>
        {preview && preview.validCount === 0 ? t('merchants.import.nothingValid') : t('merchants.import.submit', { count: preview?.validCount ?? 0 })}
      </Button>
    </Space>
  );

  return (
    <Modal open={open} title={t('merchants.import.title')} onCancel={close} footer={footer} width={760} destroyOnHidden>
      {result ? (
        <>
          <Result status="success" title={t('merchants.import.done', { imported: result.imported, skipped: result.skipped.length })} style={{ padding: '16px 0' }} />
          {result.skipped.length > 0 && (
            <>
              <Typography.Title level={5}>{t('merchants.import.skippedTitle')}</Typography.Title>
              <RowsTable rows={result.skipped} />
            </>
          )}
        </>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('merchants.import.intro')}{' '}
            <Typography.Link href="/api/merchants/import-template" download>
              <DownloadOutlined /> {t('merchants.import.template')}
            </Typography.Link>
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".csv,text/csv"
            maxCount={1}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              void choose(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{busy && !preview ? t('merchants.import.previewing') : fileName ?? t('merchants.import.choose')}</p>
          </Upload.Dragger>
          {error && <Alert type="error" showIcon title={error} />}
          {preview && (
            <>
              <Alert
                type={invalid.length ? 'warning' : 'success'}
                showIcon
                title={t('merchants.import.summary', { total: preview.rows.length, valid: preview.validCount, invalid: invalid.length })}
              />
              <Segmented<'problems' | 'all'>
                value={filter}
                onChange={setFilter}
                options={[
                  { value: 'problems', label: `${t('merchants.import.problems')} (${invalid.length})` },
                  { value: 'all', label: `${t('common.all')} (${preview.rows.length})` },
                ]}
              />
              <RowsTable rows={filter === 'problems' ? invalid : preview.rows} />
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}
