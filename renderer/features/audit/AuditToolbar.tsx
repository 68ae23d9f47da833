/** The audit view's filter bar, Export CSV, Verify chain and the verification's result. */
import { useState } from 'react';
import { AUDIT_RESULTS } from './auditResults.js';
import { toErrorInfo } from '../../app/errorInfo.js';
import { useT } from '../../i18n/useT.js';
import { downloadText, fileStamp } from '../reports/reportParts.js';
import { ACTION_GROUPS, groupLabel, SINCE_PRESETS, type SincePreset } from './auditLabels.js';
import { PAGE_LIMIT, useAuditStore } from './auditStore.js';

/** Renders the toolbar. */
export function AuditToolbar() {
  const { t } = useT();
  const { form, setForm, load, entries, verify, verifying, verification, verifyError, exportCsv } = useAuditStore();
  const [exportError, setExportError] = useState<string>();
  const onExport = async () => {
    setExportError(undefined);
    try {
      downloadText(`audit-${fileStamp(Date.now())}.csv`, await exportCsv());
    } catch (err) {
      setExportError(toErrorInfo(err).message);
    }
  };
  return (
    <>
      <form
        className="filter-bar audit-filter"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
        data-testid="audit-filter"
      >
        <label className="inline-field">
          {t('audit.filter.since')}
          <select value={form.since} onChange={(e) => setForm({ since: e.target.value as SincePreset })} data-testid="audit-since">
            {Object.keys(SINCE_PRESETS).map((p) => (
              <option key={p} value={p}>
                {t(`audit.filter.since.${p as SincePreset}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('audit.filter.operator')}
          <input value={form.operator} onChange={(e) => setForm({ operator: e.target.value })} className="audit-operator-input" spellCheck={false} data-testid="audit-operator" />
        </label>
        <label className="inline-field">
          {t('audit.filter.action')}
          <select value={form.action} onChange={(e) => setForm({ action: e.target.value })} data-testid="audit-action">
            <option value="">{t('audit.filter.anyAction')}</option>
            {ACTION_GROUPS.map((g) => (
              <option key={g} value={g}>
                {groupLabel(g, t)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('audit.filter.result')}
          <select value={form.result} onChange={(e) => setForm({ result: e.target.value as (typeof AUDIT_RESULTS)[number] | '' })} data-testid="audit-result">
            <option value="">{t('audit.filter.anyResult')}</option>
            {AUDIT_RESULTS.map((r) => (
              <option key={r} value={r}>
                {t(`audit.result.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('audit.filter.text')}
          <input type="search" value={form.text} onChange={(e) => setForm({ text: e.target.value })} placeholder={t('audit.filter.textHint')} className="audit-text-input" data-testid="audit-text" />
        </label>
        <button type="submit" className="primary" data-testid="audit-apply">
          {t('common.apply')}
        </button>
      </form>
      <div className="audit-bar">
        <span className="hint muted audit-count" data-testid="audit-count">
          {entries.length === 0 ? '' : entries.length >= PAGE_LIMIT ? t('audit.countMore', { n: entries.length }) : t('audit.count', { n: entries.length })}
        </span>
        <button type="button" onClick={() => void onExport()} data-testid="audit-export">
          {t('audit.export')}
        </button>
        <button type="button" onClick={() => void verify()} disabled={verifying} data-testid="audit-verify">
          {verifying ? t('audit.verifying') : t('audit.verify')}
        </button>
      </div>
      {verification ? (
        verification.ok ? (
          <div className="audit-verify ok" role="status" data-testid="audit-verify-result">
            ✓{' '}
            {verification.recordedHeadSeq !== undefined
              ? t('audit.verify.okHead', { n: verification.entries, seq: verification.lastSeq, head: verification.recordedHeadSeq })
              : t('audit.verify.ok', { n: verification.entries, seq: verification.lastSeq })}
          </div>
        ) : (
          <div className="banner banner-error" role="alert" data-testid="audit-verify-result">
            ✗ {t('audit.verify.bad', { seq: verification.firstBad?.seq ?? '?', reason: verification.firstBad?.reason ?? '' })}
          </div>
        )
      ) : null}
      {verifyError ? (
        <div className="banner banner-error" role="alert" data-testid="audit-verify-result">
          <span className="error-code">{verifyError.code}</span> {verifyError.message}
        </div>
      ) : null}
      {exportError ? (
        <div className="banner banner-error" role="alert">
          {exportError}
        </div>
      ) : null}
    </>
  );
}
