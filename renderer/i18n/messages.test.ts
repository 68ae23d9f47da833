import { describe, expect, it } from 'vitest';
import { localeFromTag, MESSAGES_EN, MESSAGES_ZH, translate, type MessageKey } from './messages.js';
import { HA_REASON_ZH, HA_STATE_ZH, haReasonLabel, haStateLabel, haStateTone } from './haLabels.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalog', () => {
  const keys = Object.keys(MESSAGES_EN) as MessageKey[];
  it('has every key in English and Chinese, none empty, and no extra Chinese key', () => {
    for (const k of keys) {
      expect(MESSAGES_EN[k].trim(), k).not.toBe('');
      expect(MESSAGES_ZH[k]?.trim(), k).toBeTruthy();
    }
    expect(Object.keys(MESSAGES_ZH).sort()).toEqual([...keys].sort());
  });
  it('uses the same placeholders in both languages', () => {
    for (const k of keys) expect(placeholders(MESSAGES_ZH[k]), k).toEqual(placeholders(MESSAGES_EN[k]));
  });
  it('uses the guide\u2019s Chinese words for the HA buttons (seed-inventory.md 2.8)', () => {
    expect(translate('zh', 'ha.failover')).toBe('故障转移');
    expect(translate('zh', 'ha.fallback')).toBe('回退');
    expect(translate('zh', 'ha.recover')).toBe('恢复');
  });
  it('fills placeholders and leaves unknown ones', () => {
    expect(translate('en', 'ha.row', { row: 12 })).toBe('Guide Table 4, row 12');
    expect(translate('en', 'ha.row')).toBe('Guide Table 4, row {row}');
  });
  it.each([
    ['zh-CN', 'zh'],
    ['zh-Hant-TW', 'zh'],
    ['ZH', 'zh'],
    ['en-US', 'en'],
    ['fr', 'en'],
    [undefined, 'en'],
  ])('localeFromTag(%s) = %s', (tag, locale) => {
    expect(localeFromTag(tag)).toBe(locale);
  });
});

describe('HA labels', () => {
  it('gives the guide\u2019s Table 3 labels (L2249-2262)', () => {
    expect(haStateLabel('Running in Backup Mode', 'zh')).toBe('正在备份模式下运行');
    expect(haStateLabel('Failed Over with Critical Services not Running', 'zh')).toBe('已执行故障转移，且关键服务没有运行');
    expect(haStateLabel('failed over with critical services NOT running', 'zh')).toBe('已执行故障转移，且关键服务没有运行');
    expect(haStateLabel('Idle', 'en')).toBe('Idle');
    expect(haStateLabel('Something New', 'zh')).toBe('Something New');
  });
  it('keeps the guide\u2019s word for the Normal state and reason: 普通 (Table 3 L2251, Table 4 L2272)', () => {
    expect(haStateLabel('Normal', 'zh')).toBe('普通');
    expect(haReasonLabel('Normal', 'zh')).toBe('普通');
  });
  it('gives the Table 4 reason vocabulary', () => {
    expect(haReasonLabel('On Admin Request', 'zh')).toBe('应管理员的请求');
    expect(haReasonLabel('Peer Down During Initialization', 'zh')).toBe('初始化期间对等节点关闭');
    expect(haReasonLabel('', 'zh')).toBe('');
  });
  it('has a Chinese label for every state and reason it knows, and tones for the main states', () => {
    for (const v of [...Object.values(HA_STATE_ZH), ...Object.values(HA_REASON_ZH)]) expect(v.trim()).not.toBe('');
    expect(haStateTone('Normal')).toBe('ok');
    expect(haStateTone('Failing Over')).toBe('transition');
    expect(haStateTone('Running in Failed Mode')).toBe('failed');
    expect(haStateTone('???')).toBe('unknown');
  });
});
