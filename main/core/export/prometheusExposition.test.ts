import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../shared/model/sample.js';
import { CollectorMetrics } from './collectorMetrics.js';
import {
  escapeLabelValue,
  perfmonMetricName,
  renderExposition,
  samplesToFamilies,
  sanitizeMetricName,
} from './prometheusExposition.js';
import { promtoolCheckMetrics } from '../../../test/kits/promtool.js';

const s = (over: Partial<Sample>): Sample => ({
  cluster: 'c1', node: 'imp-pub', object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions', value: 1, ts: 0, source: 'perfmon', ...over,
});

describe('Prometheus exposition', () => {
  it.each([
    ['Cisco Presence Engine', 'ActiveJsmSessions', 'cisco_presence_engine_active_jsm_sessions'],
    ['Processor', '% CPU Time', 'processor_percent_cpu_time'],
    ['Cisco XCP JSM', 'JsmTotalMessagePackets', 'cisco_xcp_jsm_jsm_total_message_packets'],
    ['Memory', 'Used Swap KBytes', 'memory_used_swap_kbytes'],
    ['Cisco SIP Proxy', 'CTIGWRequestsTotal', 'cisco_sip_proxy_ctigw_requests_total'],
    ['3rd', 'x-y.z', '_3rd_x_y_z'],
  ])('names %s\\%s as %s', (object, counter, name) => {
    expect(perfmonMetricName(object, counter)).toBe(name);
    expect(name).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
  });

  it('sanitizes anything to a valid name and escapes label values', () => {
    expect(sanitizeMetricName('')).toBe('_');
    expect(sanitizeMetricName('Ünïcode / stuff')).toBe('n_code_stuff');
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('renders gauges, _total counters, labels cluster/node/instance, HELP and TYPE; promtool accepts it', () => {
    const fams = samplesToFamilies([
      s({ value: 250 }),
      s({ node: 'imp-sub', value: 7 }),
      s({ node: 'imp-pub', value: 999 }), // same labels: first wins
      s({ object: 'Cisco XCP JSM', counter: 'JsmTotalMessagePackets', value: 12345 }),
      s({ object: 'Process', instance: 'jabberd "x"\\y\nz', counter: 'VmRSS', value: 1.5e9 }),
      s({ object: 'Processor', instance: '_Total', counter: '% CPU Time', value: 3.25, cluster: 'clu ster' }),
    ]);
    const metrics = new CollectorMetrics();
    metrics.recordSamples(42);
    metrics.recordPollError('soap', 'POLL_RATE_LIMIT');
    metrics.recordPollError('soap', 'POLL_RATE_LIMIT');
    metrics.recordPollError('snmp', 'POLL_TIMEOUT');
    metrics.setNodeUp('c1', 'imp-pub', true);
    metrics.setNodeUp('c1', 'imp-sub', false);
    const text = renderExposition([...fams, ...metrics.families()]);
    expect(text).toContain('# TYPE cisco_presence_engine_active_jsm_sessions gauge\n');
    expect(text).toContain('cisco_presence_engine_active_jsm_sessions{cluster="c1",node="imp-pub"} 250\n');
    expect(text).toContain('cisco_presence_engine_active_jsm_sessions{cluster="c1",node="imp-sub"} 7\n');
    expect(text).not.toContain('999');
    expect(text).toContain('# TYPE cisco_xcp_jsm_jsm_total_message_packets_total counter\n');
    expect(text).toContain('cisco_xcp_jsm_jsm_total_message_packets_total{cluster="c1",node="imp-pub"} 12345\n');
    expect(text).toContain('process_vm_rss{cluster="c1",node="imp-pub",instance="jabberd \\"x\\"\\\\y\\nz"} 1500000000\n');
    expect(text).toContain('processor_percent_cpu_time{cluster="clu ster",node="imp-pub",instance="_Total"} 3.25\n');
    expect(text).toContain('# HELP processor_percent_cpu_time Perfmon counter Processor\\\\% CPU Time (perfmon)\n');
    expect(text).toContain('imp_collector_samples_ingested_total 42\n');
    expect(text).toContain('imp_collector_poll_errors_total{protocol="soap",code="POLL_RATE_LIMIT"} 2\n');
    expect(text).toContain('imp_node_up{cluster="c1",node="imp-sub"} 0\n');
    const check = promtoolCheckMetrics(text);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
  });

  it('promtool rejects broken exposition (the check can fail)', () => {
    const bad = '# TYPE x gauge\nx{a="unterminated} 1\n';
    expect(promtoolCheckMetrics(bad).status).not.toBe(0);
  });

  it('keeps a gauge and a counter that sanitize to one name apart', () => {
    const fams = samplesToFamilies([s({ counter: 'Foo Total' }), s({ counter: 'FooTotal' })], {
      kindOf: (r) => (r.counter === 'FooTotal' ? 'counter' : 'gauge'),
    });
    expect(fams.map((f) => [f.name, f.type])).toEqual([
      ['cisco_presence_engine_foo_total', 'gauge'],
      ['cisco_presence_engine_foo_total_counter', 'counter'],
    ]);
  });
});
