'use client';
// The audit form's fields (lib/validation/audit-form.ts), one component for the single version's wizard and for a
// batch. A batch has no name fields (each mini-program keeps its own name) and its contact is each merchant's own
// unless staff choose to set one value for all. Images are kept in the form as the caller's representation
// (`toImage`): a Blob for one version, stored base64 for a batch.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Cascader, Checkbox, Col, Collapse, Input, Radio, Row, Select, Space, Switch, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState, type ReactNode } from 'react';
import { useFormState, useWatch, type Control, type FieldPath, type FieldValues, type UseFormSetValue } from 'react-hook-form';
import { FormField } from '@/components/form-field';
import { useT } from '@/lib/i18n/client';
import { cjkLength } from '@/lib/pre-audit/text';
import type { CategoryNode } from '@/lib/profile/categories';
import type { QualificationNeed } from '@/lib/pre-audit/acceptance';
import { LICENSE_PERMANENT, LICENSE_PIC_MAX, REGION_TYPES, SCREENSHOT_MAX, SPECIAL_LICENSE_PIC_MAX } from '@/lib/validation/audit-form';
import { PROVINCES } from '@/lib/versions/regions';
import { PreAuditPanel, type PreAuditHint } from './pre-audit-panel';

const CHANGE_FIELDS = ['appName', 'appEnglishName', 'appSlogan', 'appDesc', 'categoryIds', 'logo'];

/** What the single wizard shows beside each field: the mini-program's current values. */
export interface CurrentValues {
  appName: string | null;
  appEnglishName: string | null;
  appSlogan: string | null;
  appDesc: string | null;
  servicePhone: string | null;
  serviceEmail: string | null;
  categoryNames: string | null;
}

export function AuditFormFields({
  control,
  setValue,
  prefix = '',
  mode,
  categories,
  current,
  nameLocked,
  hints,
  panelNote,
  toImage,
  qualifications = [],
}: {
  control: Control<FieldValues>;
  setValue: UseFormSetValue<FieldValues>;
  /** Where the fields sit in the form's values (`audit.` in the batch wizard). */
  prefix?: string;
  mode: 'single' | 'batch';
  categories: CategoryNode[];
  current?: CurrentValues;
  nameLocked?: boolean;
  hints: PreAuditHint[];
  /** Shown above the pre-audit panel's findings (the batch says what the pre-flight checks per merchant). */
  panelNote?: ReactNode;
  toImage: (file: UploadFile) => Promise<unknown> | unknown;
  /** What the chosen categories ask for (category.require.query); the qualification fields follow it. */
  qualifications?: QualificationNeed[];
}) {
  const t = useT();
  const { message } = App.useApp();
  const [shots, setShots] = useState<UploadFile[]>([]);
  const [logo, setLogo] = useState<UploadFile[]>([]);
  const [licencePics, setLicencePics] = useState<UploadFile[]>([]);
  const [doorPic, setDoorPic] = useState<UploadFile[]>([]);
  const [specialPics, setSpecialPics] = useState<UploadFile[]>([]);
  const name = (field: string) => `${prefix}${field}` as FieldPath<FieldValues>;
  const versionDesc = useWatch({ control, name: name('versionDesc') }) as string | undefined;
  const regionType = useWatch({ control, name: name('regionType') }) as string | undefined;
  const contact = useWatch({ control, name: name('contact') }) as string | undefined;
  const single = mode === 'single';
  const [changesOpen, setChangesOpen] = useState(false);
  const { errors } = useFormState({ control });
  // A refused optional field opens its section, so the message is seen.
  const hasError = (field: string) => {
    let node: unknown = errors;
    for (const part of name(field).split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    return !!node;
  };
  const showChanges = changesOpen || CHANGE_FIELDS.some(hasError);
  const keep = (value: string | null | undefined) =>
    single ? t('audit.fields.current', { value: value?.trim() ? value : t('audit.fields.none') }) : t('batches.wizard.keepCurrent');

  const setImages = async (field: string, list: UploadFile[], many: boolean) => {
    const values = await Promise.all(list.filter((f) => f.originFileObj).map(toImage));
    setValue(name(field), many ? values : (values[0] ?? null), { shouldValidate: true, shouldDirty: true });
  };
  /** png/jpg only by type here; the server reads the bytes. Nothing is uploaded until submission. */
  const beforeUpload = (file: File) => {
    if (!/^image\/(png|jpeg)$/.test(file.type)) {
      message.error(t('audit.validation.imageType'));
      return Upload.LIST_IGNORE;
    }
    return false;
  };
  const choose = (text: string) => (
    <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
      <PlusOutlined />
      <div style={{ marginTop: 8 }}>{text}</div>
    </button>
  );

  return (
    <Row gutter={24}>
      <Col span={15}>
        <Typography.Title level={5}>{t('audit.sections.version')}</Typography.Title>
        <FormField
          control={control}
          name={name('versionDesc')}
          label={t('audit.fields.versionDesc')}
          required
          extra={t('audit.fields.versionDescHelp', { count: cjkLength(versionDesc ?? '') })}
          render={(f) => <Input.TextArea {...f} rows={3} />}
        />
        <FormField
          control={control}
          name={name('regionType')}
          label={t('audit.fields.regionType')}
          required
          render={({ value, onChange, id }) => (
            <Radio.Group id={id} value={value} onChange={(e) => onChange(e.target.value)} options={REGION_TYPES.map((r) => ({ value: r, label: t(`audit.fields.regionTypes.${r}`) }))} />
          )}
        />
        {regionType === 'LOCATION' && (
          <FormField
            control={control}
            name={name('regions')}
            label={t('audit.fields.regions')}
            required
            render={({ value, onChange, onBlur, id, status }) => (
              <Select id={id} mode="multiple" value={value} status={status} onChange={onChange} onBlur={onBlur} optionFilterProp="label" options={PROVINCES.map((p) => ({ value: p.code, label: p.name }))} />
            )}
          />
        )}
        <Typography.Title level={5}>{t('audit.sections.screenshots')}</Typography.Title>
        <FormField
          control={control}
          name={name('screenshots')}
          label={t('audit.fields.screenshots')}
          extra={t('audit.fields.screenshotsHelp')}
          render={({ id }) => (
            <Upload
              id={id}
              listType="picture-card"
              accept="image/png,image/jpeg"
              multiple
              maxCount={SCREENSHOT_MAX}
              fileList={shots}
              beforeUpload={beforeUpload}
              onChange={({ fileList }) => {
                const list = fileList.slice(0, SCREENSHOT_MAX);
                setShots(list);
                void setImages('screenshots', list, true);
              }}
            >
              {shots.length < SCREENSHOT_MAX && choose(t('audit.fields.addScreenshot'))}
            </Upload>
          )}
        />
        <Qualifications
          needs={qualifications}
          batch={!single}
          field={(n) => name(n)}
          control={control}
          licenceUpload={(id) => (
            <Upload
              id={id}
              listType="picture-card"
              accept="image/png,image/jpeg"
              multiple
              maxCount={LICENSE_PIC_MAX}
              fileList={licencePics}
              beforeUpload={beforeUpload}
              onChange={({ fileList }) => {
                const list = fileList.slice(0, LICENSE_PIC_MAX);
                setLicencePics(list);
                void setImages('licensePics', list, true);
              }}
            >
              {licencePics.length < LICENSE_PIC_MAX && choose(t('qualifications.addLicencePic'))}
            </Upload>
          )}
          doorUpload={(id) => (
            <Upload
              id={id}
              listType="picture-card"
              accept="image/png,image/jpeg"
              maxCount={1}
              fileList={doorPic}
              beforeUpload={beforeUpload}
              onChange={({ fileList }) => {
                const list = fileList.slice(-1);
                setDoorPic(list);
                void setImages('outDoorPic', list, false);
              }}
            >
              {doorPic.length === 0 && choose(t('qualifications.addDoorPic'))}
            </Upload>
          )}
          specialUpload={(id) => (
            <Upload
              id={id}
              listType="picture-card"
              accept="image/png,image/jpeg"
              multiple
              maxCount={SPECIAL_LICENSE_PIC_MAX}
              fileList={specialPics}
              beforeUpload={beforeUpload}
              onChange={({ fileList }) => {
                const list = fileList.slice(0, SPECIAL_LICENSE_PIC_MAX);
                setSpecialPics(list);
                void setImages('specialLicensePics', list, true);
              }}
            >
              {specialPics.length < SPECIAL_LICENSE_PIC_MAX && choose(t('qualifications.addSpecialPic'))}
            </Upload>
          )}
        />
        <Typography.Title level={5}>{t('audit.sections.test')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('audit.fields.testHelp')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col span={12}>
            <FormField control={control} name={name('testAccount')} label={t('audit.fields.testAccount')} render={(f) => <Input {...f} autoComplete="off" />} />
          </Col>
          <Col span={12}>
            <FormField control={control} name={name('testPassword')} label={t('audit.fields.testPassword')} render={(f) => <Input.Password {...f} autoComplete="new-password" />} />
          </Col>
        </Row>
        <FormField control={control} name={name('memo')} label={t('audit.fields.memo')} render={(f) => <Input.TextArea {...f} rows={2} />} />

        <Typography.Title level={5}>{t('audit.fields.contact')}</Typography.Title>
        <FormField
          control={control}
          name={name('contact')}
          render={({ value, onChange, id }) => (
            <Radio.Group
              id={id}
              value={value ?? 'own'}
              onChange={(e) => onChange(e.target.value)}
              options={(['own', 'set'] as const).map((m) => ({ value: m, label: t(`audit.fields.${single ? 'contactModes' : 'contactModesBatch'}.${m}`) }))}
            />
          )}
        />
        {single && contact !== 'set' && current && (
          <Typography.Paragraph type="secondary">
            {t('audit.fields.servicePhone')}：{current.servicePhone || t('audit.fields.none')}；{t('audit.fields.serviceEmail')}：{current.serviceEmail || t('audit.fields.none')}
          </Typography.Paragraph>
        )}
        {contact === 'set' && (
          <>
            {!single && <Alert type="warning" showIcon title={t('audit.fields.contactSharedWarning')} style={{ marginBottom: 12 }} />}
            <Row gutter={16}>
              <Col span={12}>
                <FormField control={control} name={name('servicePhone')} label={t('audit.fields.servicePhone')} required render={(f) => <Input {...f} />} />
              </Col>
              <Col span={12}>
                <FormField control={control} name={name('serviceEmail')} label={t('audit.fields.serviceEmail')} render={(f) => <Input {...f} />} />
              </Col>
            </Row>
          </>
        )}

        <Collapse
          style={{ marginBottom: 16 }}
          activeKey={showChanges ? ['changes'] : []}
          onChange={(keys) => setChangesOpen(([] as string[]).concat(keys).includes('changes'))}
          items={[
            {
              key: 'changes',
              forceRender: true,
              label: t(single ? 'audit.sections.changes' : 'batches.wizard.changes'),
              children: (
                <>
                  {single && (
                    <>
                      <FormField
                        control={control}
                        name={name('appName')}
                        label={t('audit.fields.appName')}
                        extra={nameLocked ? t('audit.fields.nameLocked') : keep(current?.appName)}
                        render={(f) => <Input {...f} disabled={nameLocked} placeholder={current?.appName ?? ''} />}
                      />
                      <FormField
                        control={control}
                        name={name('appEnglishName')}
                        label={t('audit.fields.appEnglishName')}
                        extra={nameLocked ? t('audit.fields.nameLocked') : keep(current?.appEnglishName)}
                        render={(f) => <Input {...f} disabled={nameLocked} placeholder={current?.appEnglishName ?? ''} />}
                      />
                    </>
                  )}
                  <FormField control={control} name={name('appSlogan')} label={t('audit.fields.appSlogan')} extra={keep(current?.appSlogan)} render={(f) => <Input {...f} placeholder={current?.appSlogan ?? ''} />} />
                  <FormField
                    control={control}
                    name={name('appDesc')}
                    label={t('audit.fields.appDesc')}
                    extra={keep(current?.appDesc)}
                    render={(f) => <Input.TextArea {...f} rows={2} placeholder={current?.appDesc ?? ''} />}
                  />
                  <FormField
                    control={control}
                    name={name('categoryIds')}
                    label={t('audit.fields.categoryIds')}
                    extra={keep(current?.categoryNames)}
                    render={({ value, onChange, onBlur, id, status }) => (
                      <Cascader
                        id={id}
                        multiple
                        status={status}
                        showCheckedStrategy={Cascader.SHOW_CHILD}
                        options={categories}
                        value={((value as string[] | undefined) ?? []).map((v) => v.split('_'))}
                        onChange={(paths) => onChange((paths as string[][]).filter((p) => p.length >= 2).map((p) => p.join('_')))}
                        onBlur={onBlur}
                        style={{ width: '100%' }}
                      />
                    )}
                  />
                  <FormField
                    control={control}
                    name={name('logo')}
                    label={t('audit.fields.logo')}
                    extra={t('audit.fields.logoHelp')}
                    render={({ id }) => (
                      <Upload
                        id={id}
                        listType="picture-card"
                        accept="image/png,image/jpeg"
                        maxCount={1}
                        fileList={logo}
                        beforeUpload={beforeUpload}
                        onChange={({ fileList }) => {
                          const list = fileList.slice(-1);
                          setLogo(list);
                          void setImages('logo', list, false);
                        }}
                      >
                        {logo.length === 0 && choose(t('audit.fields.chooseLogo'))}
                      </Upload>
                    )}
                  />
                </>
              ),
            },
          ]}
        />
        <Typography.Title level={5}>{t('audit.sections.release')}</Typography.Title>
        <FormField
          control={control}
          name={name('autoOnline')}
          extra={t('audit.fields.autoOnlineHelp')}
          render={({ value, onChange, id }) => (
            <Space>
              <Switch id={id} checked={!!value} onChange={onChange} />
              <label htmlFor={id}>{t('audit.fields.autoOnline')}</label>
            </Space>
          )}
        />
      </Col>
      <Col span={9}>
        <div style={{ position: 'sticky', top: 0 }}>
          <PreAuditPanel hints={hints} note={panelNote} />
        </div>
      </Col>
    </Row>
  );
}

/**
 * The qualification fields (资质, audit.apply licence fields §4), shown exactly for what the chosen categories ask:
 * business licence (number, name, validity, pictures), door photo, special-industry licences. A batch cannot know
 * every merchant's categories here, so it offers all of them, folded, for merchants whose categories need them.
 */
function Qualifications({
  needs,
  batch,
  field,
  control,
  licenceUpload,
  doorUpload,
  specialUpload,
}: {
  needs: QualificationNeed[];
  batch: boolean;
  field: (n: string) => FieldPath<FieldValues>;
  control: Control<FieldValues>;
  licenceUpload: (id: string) => ReactNode;
  doorUpload: (id: string) => ReactNode;
  specialUpload: (id: string) => ReactNode;
}) {
  const t = useT();
  const licence = needs.some((n) => n.businessLicence);
  const door = needs.some((n) => n.doorPhoto);
  const special = needs.some((n) => n.specialLicence);
  const asked = licence || door || special;
  if (!asked && !batch) return null;
  const showAll = batch && !asked;
  const fields = (
    <>
      {(licence || showAll) && (
        <>
          <Row gutter={16}>
            <Col span={12}>
              <FormField control={control} name={field('licenseNo')} label={t('qualifications.licenseNo')} required={licence} render={(f) => <Input {...f} autoComplete="off" />} />
            </Col>
            <Col span={12}>
              <FormField control={control} name={field('licenseName')} label={t('qualifications.licenseName')} required={licence} render={(f) => <Input {...f} autoComplete="off" />} />
            </Col>
          </Row>
          <FormField
            control={control}
            name={field('licenseValidDate')}
            label={t('qualifications.licenseValidDate')}
            required={licence}
            extra={t('qualifications.licenseValidDateHelp')}
            render={({ value, onChange, onBlur, id, status }) => (
              <Space>
                <Input id={id} value={value === LICENSE_PERMANENT ? '' : (value ?? '')} status={status} placeholder={value === LICENSE_PERMANENT ? t('qualifications.permanent') : '2030-12-31'} disabled={value === LICENSE_PERMANENT} onChange={(e) => onChange(e.target.value)} onBlur={onBlur} style={{ width: 160 }} />
                <Checkbox checked={value === LICENSE_PERMANENT} onChange={(e) => onChange(e.target.checked ? LICENSE_PERMANENT : '')}>
                  {t('qualifications.permanent')}
                </Checkbox>
              </Space>
            )}
          />
          <FormField control={control} name={field('licensePics')} label={t('qualifications.licensePics')} required={licence} extra={t('qualifications.licensePicsHelp')} render={({ id }) => <>{licenceUpload(id)}</>} />
        </>
      )}
      {(door || showAll) && (
        <FormField control={control} name={field('outDoorPic')} label={t('qualifications.outDoorPic')} required={door} extra={t('qualifications.outDoorPicHelp')} render={({ id }) => <>{doorUpload(id)}</>} />
      )}
      {(special || showAll) && (
        <FormField
          control={control}
          name={field('specialLicensePics')}
          label={t('qualifications.specialLicensePics')}
          required={special}
          extra={t('qualifications.specialLicensePicsHelp')}
          render={({ id }) => <>{specialUpload(id)}</>}
        />
      )}
    </>
  );
  return (
    <div data-testid="qualifications">
      <Typography.Title level={5}>{t('qualifications.title')}</Typography.Title>
      {asked ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('qualifications.asked')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {needs
                .filter((n) => n.businessLicence || n.doorPhoto || n.specialLicence)
                .map((n) => (
                  <li key={n.code}>{n.text || t('qualifications.needs', { category: n.name || n.code, documents: documentsOf(t, n) })}</li>
                ))}
            </ul>
          }
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('qualifications.batchHelp')}</Typography.Paragraph>
      )}
      {batch && asked && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('qualifications.sharedWarning')} />}
      {fields}
    </div>
  );
}

function documentsOf(t: ReturnType<typeof useT>, n: QualificationNeed): string {
  return [n.businessLicence && t('qualifications.docLicence'), n.doorPhoto && t('qualifications.docDoor'), n.specialLicence && t('qualifications.docSpecial')].filter(Boolean).join(t('qualifications.listSeparator'));
}
