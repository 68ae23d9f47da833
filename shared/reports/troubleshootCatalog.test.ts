import { describe, expect, it } from 'vitest';
import { TROUBLESHOOT_CATEGORIES } from '../model/reports.js';
import { fillTemplate, TROUBLESHOOT_CATEGORY_TITLES, TROUBLESHOOT_PROBLEMS, TROUBLESHOOT_TESTS, troubleshootProblemText } from './troubleshootCatalog.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const CJK = /[\u4e00-\u9fff]/;

describe('System Troubleshooter catalogue', () => {
  it('titles every category of the guide in English and Chinese (the guide’s own words, L11228-11243)', () => {
    expect(Object.keys(TROUBLESHOOT_CATEGORY_TITLES)).toEqual([...TROUBLESHOOT_CATEGORIES]);
    expect(TROUBLESHOOT_CATEGORY_TITLES['user-configuration'].zh).toBe('用户配置');
    expect(TROUBLESHOOT_CATEGORY_TITLES['jabber-redundancy'].zh).toBe('Cisco Jabber 冗余分配');
    for (const c of TROUBLESHOOT_CATEGORIES) expect(TROUBLESHOOT_CATEGORY_TITLES[c].zh, c).toMatch(CJK);
  });

  it('gives every test a title, solution and fix location in both languages, with its source, for every category', () => {
    for (const c of TROUBLESHOOT_CATEGORIES) expect(Object.values(TROUBLESHOOT_TESTS).some((t) => t.category === c), c).toBe(true);
    for (const [key, t] of Object.entries(TROUBLESHOOT_TESTS)) {
      expect(key.split('/')[0], key).toBe(t.category);
      for (const text of [t.title, t.solution, t.fixAt]) {
        expect(text.en.trim(), key).not.toBe('');
        expect(text.zh, key).toMatch(CJK);
      }
      expect(t.source, key).toMatch(/guide L\d|reference|ours/);
    }
  });

  it('has every problem template in both languages with the same placeholders', () => {
    for (const [code, t] of Object.entries(TROUBLESHOOT_PROBLEMS)) {
      expect(t.zh, code).toMatch(CJK);
      expect(placeholders(t.zh), code).toEqual(placeholders(t.en));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(troubleshootProblemText('service-not-running', { service: 'Cisco Sync Agent', nodes: 'imp-pub (Stopped)' }, 'en')).toBe('Cisco Sync Agent is not running on imp-pub (Stopped)');
    expect(troubleshootProblemText('service-not-running', { service: 'Cisco Sync Agent' }, 'zh')).toBe('Cisco Sync Agent 未在 {nodes} 上运行');
    expect(troubleshootProblemText('no-such-code', {}, 'en')).toBeUndefined();
    expect(fillTemplate('{a}{b}', { a: 1 })).toBe('1{b}');
  });
});
