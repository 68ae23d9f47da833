/** Small pieces the report views share: a result chip, a run's progress bar, a file download, a number cell. */
import type { ReactNode } from 'react';
import { SESSION_DEVICE_TYPES, type ReportRunInfo, type SessionDeviceType } from '../../../shared/model/reports.js';
import { useAppStore } from '../../app/appStore.js';
import { formatNumber } from '../../app/format.js';
import { seriesColor } from '../../charts/chartTheme.js';
import { MESSAGES_EN, type Locale, type MessageKey } from '../../i18n/messages.js';
import { useT, type TranslateFn } from '../../i18n/useT.js';

/** How a chip is colored: ok green, warn amber, bad red, idle grey, run blue. */
export type Tone = 'ok' | 'warn' | 'bad' | 'idle' | 'run';

/** A small rounded label colored by tone (result chips, days left, states). */
export function Chip({ tone, children, title, testId }: { readonly tone: Tone; readonly children: ReactNode; readonly title?: string; readonly testId?: string }) {
  return (
    <span className={`rep-chip rep-${tone}`} title={title} data-tone={tone} data-testid={testId}>
      {children}
    </span>
  );
}

/** A device type's color: the same as its bars in the sessions chart (SessionsChart), wherever it is shown. */
export function deviceColor(device: SessionDeviceType, theme: 'dark' | 'light'): string {
  return seriesColor(Math.max(0, SESSION_DEVICE_TYPES.indexOf(device)), theme);
}

/** A device type as a tag with its chart color as a dot (drill-down, Find a user). */
export function DeviceTag({ device, title }: { readonly device: SessionDeviceType; readonly title?: string }) {
  const theme = useAppStore((s) => s.theme);
  return (
    <span className="tag rep-device" title={title} data-device={device}>
      <span className="rep-device-dot" aria-hidden="true" style={{ background: deviceColor(device, theme) }} />
      {device}
    </span>
  );
}

/** A run's progress: a bar of steps done of steps known, and what runs now (the backend's words). */
export function RunProgress({ run }: { readonly run: ReportRunInfo }) {
  const { t, locale } = useT();
  const { done, total, step } = run.progress;
  const pct = total > 0 ? Math.max(0, Math.min(100, Math.round((done / total) * 100))) : undefined;
  return (
    <div className="rep-progress" data-testid="report-progress">
      <div className={`progress-track${pct === undefined ? ' indeterminate' : ''}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={t('reports.progress')}>
        <div className="progress-fill" style={{ width: pct === undefined ? '40%' : `${pct}%` }} />
      </div>
      <span className="rep-progress-text">
        {total > 0 ? t('reports.steps', { done: formatNumber(done, locale), total: formatNumber(total, locale) }) : t('reports.starting')}
        {step ? <span className="mono rep-step"> {step}</span> : null}
      </span>
    </div>
  );
}

/** Saves `text` as a file through the browser (Electron and web mode alike). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name stamp of a time: 20261206-153301 (local time). */
export function fileStamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** A number or "—". */
export function num(value: number | undefined, locale: Locale): string {
  return formatNumber(value, locale, 0);
}

/** A titled section of a report. */
export function Section({ title, children, actions, testId }: { readonly title: string; readonly children: ReactNode; readonly actions?: ReactNode; readonly testId?: string }) {
  return (
    <section className="panel rep-section" data-testid={testId}>
      <div className="panel-head">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Words `key` when the catalogue has it, else shows `fallback` (a backend word the catalogue does not know). */
export function tryT(t: TranslateFn, key: string, fallback: string): string {
  return Object.prototype.hasOwnProperty.call(MESSAGES_EN, key) ? t(key as MessageKey) : fallback;
}
