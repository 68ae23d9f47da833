import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/model/views.js';
import { translate, type Locale } from '../../i18n/messages.js';
import type { TranslateFn } from '../../i18n/useT.js';
import { isJobDone } from './jobsStore.js';
import { formatJobText, jobKind, jobMessage, jobNote, jobTitle, localizeHaWords, stepLabel } from './jobText.js';

const tOf = (locale: Locale): TranslateFn => (key, params) => translate(locale, key, params);
const job: JobStatus = {
  id: 'job-1',
  kind: 'service',
  title: 'Restart Cisco XCP Router on imp-sub1',
  titleText: { key: 'service.title.restart', params: { service: 'Cisco XCP Router', node: 'imp-sub1' } },
  state: 'completedWithProblems',
  message: 'Completed with problems: Cisco XCP Connection Manager (Stopped) did not reach Started',
  messageText: { key: 'service.problems', params: { services: 'Cisco XCP Connection Manager (Stopped)', target: 'Started' } },
  note: 'English note',
  noteText: { key: 'note.xcpRouter' },
  startedAtMs: 0,
  problems: ['Cisco XCP Connection Manager'],
};

describe('job texts per language', () => {
  it('words title, kind, message, note and steps in Chinese, translating the service status parameter', () => {
    const t = tOf('zh');
    expect(jobTitle(job, t, 'zh')).toBe('在 imp-sub1 上重新启动 Cisco XCP Router');
    expect(jobKind(job, t)).toBe('服务控制');
    expect(jobMessage(job, t, 'zh')).toBe('Cisco XCP Connection Manager (Stopped) 未达到已启动状态');
    expect(jobNote(job, t, 'zh')).toMatch(/^重新启动 Cisco XCP 路由器会重新启动依赖它的 XCP 功能服务/);
    expect(stepLabel({ key: 'dependants', state: 'done', atMs: 0 }, t)).toBe('依赖的服务');
  });

  it('words a DRS backup job (the keys main/core/drs/drsJobs.ts sends) in Chinese, DRS\'s own message kept', () => {
    const t = tOf('zh');
    const drs: JobStatus = {
      id: 'job-2',
      kind: 'drs',
      title: 'Backup of sim to DEV1',
      titleText: { key: 'drs.job.backup', params: { cluster: 'sim', device: 'DEV1' } },
      state: 'succeeded',
      message: 'Backup SUCCESS: Backup Completed... (2026-12-06-10-00-00.tar)',
      messageText: { key: 'drs.job.success', params: { operation: 'backup', message: 'Backup Completed...', file: '2026-12-06-10-00-00.tar' } },
      startedAtMs: 0,
    };
    expect(jobTitle(drs, t, 'zh')).toBe('将 sim 备份到 DEV1');
    expect(jobKind(drs, t)).toBe('灾难恢复');
    expect(jobMessage(drs, t, 'zh')).toBe('已完成：2026-12-06-10-00-00.tar（Backup Completed...）');
  });

  it('in English, and falls back to the backend\'s English for an unknown key or kind', () => {
    const t = tOf('en');
    expect(jobTitle(job, t, 'en')).toBe('Restart Cisco XCP Router on imp-sub1');
    expect(jobMessage(job, t, 'en')).toBe('Cisco XCP Connection Manager (Stopped) did not reach Started');
    expect(formatJobText({ key: 'no.such.key' }, 'as sent', t, 'en')).toBe('as sent');
    expect(jobKind({ ...job, kind: 'trace' }, t)).toBe('trace');
  });

  it('translates SRM states and reasons inside pair descriptions, longest label first', () => {
    expect(localizeHaWords('imp-sub2 Failed Over with Critical Services not Running (Critical Service Down), imp-sub3 Running in Backup Mode', 'zh')).toBe(
      'imp-sub2 已执行故障转移，且关键服务没有运行 (关键服务关闭), imp-sub3 正在备份模式下运行',
    );
    expect(formatJobText({ key: 'ha.settled', params: { states: 'imp-sub2 Idle (On Admin Request)' } }, undefined, tOf('zh'), 'zh')).toBe('该组已稳定：imp-sub2 空闲 (应管理员的请求)');
    expect(localizeHaWords('imp-sub2 Idle', 'en')).toBe('imp-sub2 Idle');
    // Numbers in the user's format.
    expect(formatJobText({ key: 'ha.moving', params: { moved: 34, total: 1500, node: 'imp-sub3' } }, undefined, tOf('en'), 'en')).toBe('34 of 1,500 users moved to imp-sub3');
  });

  it('a job completed with problems is done (its buttons come back)', () => {
    expect(isJobDone(job)).toBe(true);
    expect(isJobDone({ ...job, state: 'running' })).toBe(false);
  });
});
