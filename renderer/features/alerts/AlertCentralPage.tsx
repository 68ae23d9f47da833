/**
 * RTMT Tools > Alert Central: active alarms with acknowledge (comment, until) / unacknowledge / clear (comment) /
 * silence, the rules by group (System, IM and Presence Service, Custom) with every setting editable, the alert
 * history with filters and who closed what, silences, maintenance windows and the notification settings (RTMT's
 * Alert Central menu also holds "Config Email Server" and "Config Alert Action"; serviceability-reference.md A.3).
 * Who acts is the backend's operator, shown at the top (issue 15).
 */
import { useEffect, useState } from 'react';
import { ALERT_SEVERITIES, type AlarmRecord, type AlertGroup, type AlertRule } from '../../../shared/model/alert.js';
import { maintenanceCovers, maintenanceState } from '../../../shared/model/maintenanceSchedule.js';
import { silenceOf } from '../../../shared/model/silenceMatch.js';
import { formatDateTime, formatDuration, formatNumber, formatShortDateTime } from '../../app/format.js';
import { AsyncState, ErrorBanner } from '../../components/AsyncState.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { severityRank } from '../../components/severityScale.js';
import { useT } from '../../i18n/useT.js';
import { NotificationsPanel } from '../notifications/NotificationsPanel.js';
import { AckDialog, CommentActionDialog } from './AckDialog.js';
import { AlarmDetails } from './AlarmDetails.js';
import { useAlertsStore } from './alertsStore.js';
import { notificationPermission, requestNotificationPermission } from './desktopNotifier.js';
import { alarmHeadline } from './alarmHeadline.js';
import { clearAllSummary } from './clearAllSummary.js';
import { RuleEditor } from './RuleEditor.js';
import { MaintenancePanel } from './MaintenancePanel.js';
import { SilenceDialog } from './SilenceDialog.js';
import { SilencesPanel } from './SilencesPanel.js';
import { draftFromAlarm, type SilenceDraft } from './silenceForm.js';
import { draftFromRule, newCustomDraft, type RuleDraft } from './ruleForm.js';
import './alerts.css';
import { useCan } from '../../app/useCan.js';
import { gate, RoleNote } from '../access/gate.js';

const GROUPS: readonly AlertGroup[] = ['System', 'IM and Presence Service', 'Custom'];
type Tab = 'active' | AlertGroup | 'history' | 'silences' | 'maintenance' | 'notifications';

/** The Alert Central page. */
export function AlertCentralPage() {
  const { t } = useT();
  const [tab, setTab] = useState<Tab>('active');
  const [notificationsSeen, setNotificationsSeen] = useState(false);
  useEffect(() => {
    if (tab === 'notifications') setNotificationsSeen(true);
  }, [tab]);
  const { actionError, loadRules, loadHistory, operator, loadOperator } = useAlertsStore();
  const [permission, setPermission] = useState(notificationPermission());
  useEffect(() => {
    void loadRules();
    void loadHistory();
    void loadOperator();
  }, [loadRules, loadHistory, loadOperator]);
  const tabs: readonly [Tab, string][] = [['active', t('alerts.active')], ...GROUPS.map((g): [Tab, string] => [g, t(`alerts.group.${g}`)]), ['history', t('alerts.history')], ['silences', t('alerts.silences')], ['maintenance', t('alerts.maint.tab')], ['notifications', t('notify.tab')]];
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('nav.alerts')}</h1>
        <span className="tag" title={t('alerts.actingAsHint')} data-testid="acting-as">
          {t('alerts.actingAs', { operator: operator ?? t('alerts.operatorUnknown') })}
        </span>
        {permission !== 'unsupported' ? (
          <label className="inline-field">
            <input type="checkbox" checked={permission === 'granted'} disabled={permission !== 'default'} onChange={async () => setPermission(await requestNotificationPermission())} />
            {t('alerts.notifications')}
          </label>
        ) : null}
      </div>
      <ErrorBanner error={actionError} />
      <div className="tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'active' : undefined}
            onClick={() => setTab(id)}
            onKeyDown={(e) => {
              const i = tabs.findIndex(([x]) => x === id);
              const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : undefined;
              if (next) {
                setTab(next[0]);
                (e.currentTarget.parentElement?.children[tabs.indexOf(next)] as HTMLElement | undefined)?.focus();
              }
            }}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'active' ? <ActiveAlarms /> : tab === 'history' ? <History /> : tab === 'silences' ? <SilencesPanel /> : tab === 'maintenance' ? <MaintenancePanel /> : tab === 'notifications' ? null : <Rules group={tab} />}
      {/* Once opened, the notification settings stay mounted: unsaved edits survive a look at another tab. */}
      {notificationsSeen ? (
        <div hidden={tab !== 'notifications'}>
          <NotificationsPanel />
        </div>
      ) : null}
    </section>
  );
}

/**
 * A rule name (CamelCase, e.g. XcpMFTExtFsFreeSpaceWarn) that may break between its words, so that the active alarms
 * with their actions fit 1280 px without cutting a word in the middle.
 */
function ruleNameBreaks(name: string) {
  const words = name.split(/(?<=[a-z])(?=[A-Z])/);
  return words.map((w, i) => (
    <span key={i}>
      {i > 0 ? <wbr /> : null}
      {w}
    </span>
  ));
}

function ActiveAlarms() {
  const { t, locale } = useT();
  const { active, activeLoad, loadActive, clearAll, silences, loadSilences, rules, maintenance, loadMaintenance } = useAlertsStore();
  const [confirmClearAll, setConfirmClearAll] = useState(false);
  const canAck = useCan('alerts', 'acknowledge');
  const canUnack = useCan('alerts', 'unacknowledge');
  const canClear = useCan('alerts', 'clear');
  const canClearAll = useCan('alerts', 'clearAll');
  const canSilence = useCan('alerts', 'silence');
  const [dialog, setDialog] = useState<{ kind: 'ack' | 'unacknowledge' | 'clear'; alarm: AlarmRecord } | { kind: 'silence'; draft: SilenceDraft }>();
  const [detailsId, setDetailsId] = useState<string>();
  const details = active.find((a) => a.id === detailsId);
  useEffect(() => {
    void loadSilences();
    void loadMaintenance();
  }, [loadSilences, loadMaintenance]);
  const now = Date.now();
  const summary = clearAllSummary(active, rules);
  const ruleOf = (a: AlarmRecord) => rules.find((r) => r.id === a.ruleId);
  const columns: Column<AlarmRecord>[] = [
    { id: 'sev', header: t('alerts.severity'), cell: (a) => <SeverityBadge severity={a.severity} />, sortValue: (a) => severityRank(a.severity) },
    {
      id: 'rule',
      header: t('alerts.filterRule'),
      cell: (a) => (
        <>
          <strong>{ruleNameBreaks(a.ruleName)}</strong>{' '}
          {a.flapping ? (
            <span className="tag flap-tag" title={t('alerts.flappingHint')} data-testid={`flapping-${a.id}`}>
              {t('alerts.flapping')}
            </span>
          ) : null}
        </>
      ),
      sortValue: (a) => a.ruleName,
    },
    // The sentence a person reads, thing first (as on the overview); the engine's own text on hover.
    { id: 'msg', header: t('syslog.message'), cell: (a) => <span title={a.message}>{alarmHeadline(a, ruleOf(a), locale, now)}</span>, className: 'cell-grow' },
    {
      id: 'lasting',
      header: t('alerts.lasting'),
      cell: (a) => <span title={`${t('alerts.raised')}: ${formatDateTime(a.raisedAt, locale)}`}>{formatDuration(Math.max(0, Math.round((now - a.raisedAt) / 1000)), locale)}</span>,
      sortValue: (a) => -a.raisedAt,
      align: 'right',
      nowrap: true,
    },
    { id: 'occ', header: t('alerts.occurrences'), cell: (a) => formatNumber(a.occurrences, locale), sortValue: (a) => a.occurrences, align: 'right' },
    {
      id: 'status',
      header: t('common.status'),
      cell: (a) => {
        const muted = silenceOf(a, silences, now);
        // A node in maintenance: its alarms are shown, not notified (say so, or the operator waits for an e-mail).
        const inMaintenance = maintenance.find((w) => maintenanceCovers(w, a.cluster, a.node, now));
        const maintenanceEnd = inMaintenance ? maintenanceState(inMaintenance, now).endsAtMs : undefined;
        return (
          <span className="status-cell">
            <span className={a.ack ? undefined : 'nowrap'} title={a.ack?.comment || undefined}>
              {a.ack ? t('alerts.acked', { by: a.ack.by }) : t(`alarmStatus.${a.status}`)}
            </span>
            {a.ack?.untilMs ? (
              <>
                <br />
                <span className="hint nowrap" data-testid={`ack-until-${a.id}`}>
                  {t('alerts.ackUntilShort', { time: formatShortDateTime(a.ack.untilMs, locale, now) })}
                </span>
              </>
            ) : null}
            {muted ? (
              <>
                <br />
                <span className="tag nowrap" data-testid={`silenced-${a.id}`} title={`${formatDateTime(muted.endsAt, locale)} — ${muted.comment} — ${muted.createdBy}`}>
                  {t('alerts.silencedUntil', { time: formatShortDateTime(muted.endsAt, locale, now) })}
                </span>
              </>
            ) : null}
            {inMaintenance ? (
              <>
                <br />
                <span className="tag nowrap" data-testid={`maintenance-${a.id}`} title={inMaintenance.comment}>
                  {maintenanceEnd ? t('alerts.maint.rowUntil', { time: formatShortDateTime(maintenanceEnd, locale, now) }) : t('alerts.maint.row')}
                </span>
              </>
            ) : null}
          </span>
        );
      },
      sortValue: (a) => a.status,
    },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: (a) => (
        <span className="button-row alarm-actions">
          {a.status === 'acknowledged' ? (
            <button type="button" data-testid={`unack-${a.id}`} {...gate(canUnack)} onClick={() => setDialog({ kind: 'unacknowledge', alarm: a })}>
              {t('alerts.unacknowledge')}
            </button>
          ) : (
            <button type="button" data-testid={`ack-${a.id}`} {...gate(canAck)} onClick={() => setDialog({ kind: 'ack', alarm: a })}>
              {t('alerts.acknowledge')}
            </button>
          )}
          <button type="button" data-testid={`clear-${a.id}`} {...gate(canClear)} onClick={() => setDialog({ kind: 'clear', alarm: a })}>
            {t('alerts.clear')}
          </button>
          <button type="button" data-testid={`silence-${a.id}`} {...gate(canSilence, silenceOf(a, silences, now) !== undefined)} onClick={() => setDialog({ kind: 'silence', draft: draftFromAlarm(a, t('alerts.silenceComment', { rule: a.ruleName })) })}>
            {t('alerts.silenceMenu')}
          </button>
        </span>
      ),
    },
  ];
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>{t('alerts.active')}</h2>
        <RoleNote can={canAck} />
        <button type="button" {...gate(canClearAll, active.length === 0)} onClick={() => setConfirmClearAll(true)} data-testid="clear-all">
          {t('alerts.clearAll')}
        </button>
      </div>
      {dialog?.kind === 'ack' ? <AckDialog alarm={dialog.alarm} onClose={() => setDialog(undefined)} /> : null}
      {dialog?.kind === 'unacknowledge' || dialog?.kind === 'clear' ? <CommentActionDialog alarm={dialog.alarm} action={dialog.kind} onClose={() => setDialog(undefined)} /> : null}
      {dialog?.kind === 'silence' ? <SilenceDialog initial={dialog.draft} onClose={() => setDialog(undefined)} /> : null}
      {confirmClearAll ? (
        <ConfirmDialog
          title={t('alerts.clearAllTitle')}
          confirmLabel={t('alerts.clearAllConfirm', { n: summary.total })}
          danger
          onCancel={() => setConfirmClearAll(false)}
          onConfirm={() => {
            setConfirmClearAll(false);
            void clearAll(summary.ids);
          }}
        >
          <p data-testid="clear-all-count">{t('alerts.clearAllBody', { n: summary.total })}</p>
          <p data-testid="clear-all-ongoing" className={summary.ongoing > 0 ? 'note' : undefined}>
            {summary.ongoing > 0 ? t('alerts.clearAllOngoing', { n: summary.ongoing }) : t('alerts.clearAllNoneOngoing')}
          </p>
        </ConfirmDialog>
      ) : null}
      <AsyncState state={activeLoad} empty={active.length === 0} emptyText={activeLoad.kind === 'ready' ? t('alerts.noActive') : undefined} onRetry={() => void loadActive()}>
        <DataTable
          rows={active}
          columns={columns}
          rowKey={(a) => a.id}
          label={t('alerts.active')}
          rowClass={(a) => `sev-row sev-row-${a.severity}${a.status === 'acknowledged' ? ' acked' : ''}`}
          onActivate={(a) => setDetailsId(a.id === detailsId ? undefined : a.id)}
          selectedKey={details?.id}
          testId="active-alarms"
        />
        {details ? null : <p className="hint">{t('alerts.details.hint')}</p>}
      </AsyncState>
      {details ? <AlarmDetails alarm={details} onClose={() => setDetailsId(undefined)} /> : null}
    </div>
  );
}

/** Short text of a rule's condition for the table. */
function conditionText(rule: AlertRule): string {
  const c = rule.condition;
  if (c.kind === 'syslog') return `syslog ${c.match.msgName ?? c.match.contains ?? c.match.appName ?? ''}`;
  const unit = c.metric.percentOfNodeFact ? '%' : '';
  return `${c.metric.object}\\${c.metric.counter} ${c.direction === 'over' ? '>' : '<'} ${c.threshold}${unit}`;
}

function Rules({ group }: { readonly group: AlertGroup }) {
  const { t } = useT();
  const { rules, rulesLoad, loadRules, saveRule, resetRule, setSuspended } = useAlertsStore();
  const [editing, setEditing] = useState<RuleDraft>();
  const canSaveRule = useCan('alerts', 'saveRule');
  const canResetRule = useCan('alerts', 'resetRule');
  const canSuspend = useCan('alerts', 'setSuspended');
  const list = rules.filter((r) => r.group === group);
  const columns: Column<AlertRule>[] = [
    { id: 'name', header: t('common.name'), cell: (r) => <span title={r.description}>{r.name}</span>, sortValue: (r) => r.name },
    { id: 'enabled', header: t('alerts.enabled'), cell: (r) => (r.enabled ? '✔' : '—'), sortValue: (r) => (r.enabled ? 0 : 1), align: 'center' },
    { id: 'sev', header: t('alerts.severity'), cell: (r) => <SeverityBadge severity={r.severity} />, sortValue: (r) => severityRank(r.severity) },
    { id: 'cond', header: t('alerts.threshold'), cell: (r) => <span className="mono">{conditionText(r)}</span>, className: 'cell-grow' },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: (r) => (
        <span className="button-row">
          <button type="button" {...gate(canSaveRule)} onClick={() => setEditing(draftFromRule(r))}>
            {t('alerts.edit')}
          </button>
          {r.preconfigured ? (
            <button type="button" {...gate(canResetRule)} onClick={() => void resetRule(r.id)}>
              {t('alerts.reset')}
            </button>
          ) : null}
          {/* The label follows the rule as the backend keeps it (suspend = disable, desktopService setSuspended), so
              it survives a tab change or a restart; the store reloads the rules after the change. */}
          <button type="button" data-testid={`suspend-${r.id}`} {...gate(canSuspend)} onClick={() => void setSuspended(r.id, r.enabled)}>
            {r.enabled ? t('alerts.suspend') : t('alerts.resume')}
          </button>
        </span>
      ),
    },
  ];
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>{t(`alerts.group.${group}`)}</h2>
        <RoleNote can={canSaveRule} />
        {group === 'Custom' ? (
          <button type="button" className="primary" {...gate(canSaveRule)} onClick={() => setEditing(newCustomDraft())}>
            {t('alerts.newCustom')}
          </button>
        ) : null}
      </div>
      <AsyncState state={rulesLoad} empty={list.length === 0} onRetry={() => void loadRules()}>
        <DataTable rows={list} columns={columns} rowKey={(r) => r.id} label={t(`alerts.group.${group}`)} initialSort={{ column: 'name', direction: 'asc' }} onActivate={canSaveRule.allowed ? (r) => setEditing(draftFromRule(r)) : undefined} testId="rules-table" />
      </AsyncState>
      {editing ? <RuleEditor initial={editing} onClose={() => setEditing(undefined)} onSave={async (d) => (await saveRule(d)) !== undefined} /> : null}
    </div>
  );
}

function History() {
  const { t, locale } = useT();
  const { history, historyLoad, historyFilter, loadHistory, rules } = useAlertsStore();
  const [node, setNode] = useState(historyFilter.node ?? '');
  const [minSeverity, setMinSeverity] = useState(historyFilter.minSeverity ?? '');
  const [ruleId, setRuleId] = useState(historyFilter.ruleId ?? '');
  const [detailsId, setDetailsId] = useState<string>();
  const details = history.find((a) => a.id === detailsId);
  const apply = () => void loadHistory({ node: node || undefined, minSeverity: minSeverity || undefined, ruleId: ruleId || undefined, limit: 200 });
  const columns: Column<AlarmRecord>[] = [
    { id: 'raised', header: t('alerts.raised'), cell: (a) => formatDateTime(a.raisedAt, locale), sortValue: (a) => a.raisedAt },
    { id: 'sev', header: t('alerts.severity'), cell: (a) => <SeverityBadge severity={a.severity} />, sortValue: (a) => severityRank(a.severity) },
    { id: 'rule', header: t('alerts.filterRule'), cell: (a) => ruleNameBreaks(a.ruleName), sortValue: (a) => a.ruleName },
    { id: 'node', header: t('common.node'), cell: (a) => a.node, sortValue: (a) => a.node, nowrap: true },
    { id: 'msg', header: t('syslog.message'), cell: (a) => a.message, className: 'cell-grow' },
    { id: 'status', header: t('common.status'), cell: (a) => t(`alarmStatus.${a.status}`), sortValue: (a) => a.status, nowrap: true },
    // Who did what and when: the acknowledgement and the close, each with its operator and time (the journal has all).
    {
      id: 'who',
      header: t('alerts.journal.by'),
      cell: (a) => (
        <span className="hint">
          {a.ack ? <span className="nowrap">{`${t('alerts.event.acknowledged')}: ${a.ack.by} · ${formatShortDateTime(a.ack.atMs, locale, Date.now())}`}</span> : null}
          {a.ack && a.closedBy ? <br /> : null}
          {a.closedBy ? <span className="nowrap">{`${t(`alarmStatus.${a.status}`)}: ${a.closedBy}${a.closedAt ? ` · ${formatShortDateTime(a.closedAt, locale, Date.now())}` : ''}`}</span> : null}
          {!a.ack && !a.closedBy ? <span title={t('alerts.history.nobody')}>{t('common.none')}</span> : null}
        </span>
      ),
      sortValue: (a) => a.closedBy ?? a.ack?.by ?? '',
    },
  ];
  return (
    <div className="panel">
      <form
        className="filter-bar"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label className="inline-field">
          {t('alerts.filterNode')}
          <input value={node} onChange={(e) => setNode(e.target.value)} />
        </label>
        <label className="inline-field">
          {t('alerts.filterSeverity')}
          <select value={minSeverity} onChange={(e) => setMinSeverity(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {ALERT_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`sev.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('alerts.filterRule')}
          <select value={ruleId} onChange={(e) => setRuleId(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('common.apply')}
        </button>
      </form>
      <AsyncState state={historyLoad} empty={history.length === 0} onRetry={apply}>
        <DataTable
          rows={history}
          columns={columns}
          rowKey={(a) => a.id}
          label={t('alerts.history')}
          initialSort={{ column: 'raised', direction: 'desc' }}
          onActivate={(a) => setDetailsId(a.id === detailsId ? undefined : a.id)}
          selectedKey={details?.id}
          testId="alarm-history"
        />
      </AsyncState>
      {details ? <AlarmDetails alarm={details} onClose={() => setDetailsId(undefined)} /> : null}
    </div>
  );
}
