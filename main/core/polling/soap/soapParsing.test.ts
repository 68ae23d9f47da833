import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCounterPath } from '../../../../shared/model/counterPath.js';
import { counterInfosToSamples, parseCounterInfos } from './perfmonParse.js';
import { isRateLimitFault, soapHttpError } from './soapErrors.js';
import { parseSoapFault } from './soapXml.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const ctx = { cluster: 'c', node: 'n', ts: 1 };

describe('Perfmon response parsing', () => {
  it('reads the perfmonservice2 shape and drops CStatus 2', async () => {
    const infos = await parseCounterInfos(fixture('collect-counter-data-return.xml'), 'perfmonCollectCounterData');
    expect(infos).toHaveLength(2);
    const { samples, issues } = counterInfosToSamples(infos, ctx);
    expect(samples).toEqual([{ ...ctx, object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions', value: 1500, source: 'perfmon' }]);
    expect(issues).toEqual([{ subject: '\\\\imp-pub\\Processor(_Total)\\% CPU Time', message: 'CStatus 2: no valid value' }]);
  });

  it('reads the legacy ArrayOfCounterInfo/item shape (CT-MCP fixture, reference B.1)', async () => {
    const infos = await parseCounterInfos(fixture('collect-counter-data-array-item.xml'), 'perfmonCollectCounterData');
    expect(counterInfosToSamples(infos, ctx).samples).toEqual([{ ...ctx, object: 'Cisco CallManager', instance: '', counter: 'CallsActive', value: 42, source: 'perfmon' }]);
  });

  it('parses 2,000 records in batches, yielding to the event loop between them', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => `<ns:perfmonCollectSessionDataReturn><ns:Name>\\\\h\\Obj(${i})\\C</ns:Name><ns:Value>${i}</ns:Value><ns:CStatus>1</ns:CStatus></ns:perfmonCollectSessionDataReturn>`).join('');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const infos = await parseCounterInfos(`<Envelope><Body><r>${items}</r></Body></Envelope>`, 'perfmonCollectSessionData');
    clearInterval(timer);
    expect(infos).toHaveLength(2000);
    expect(infos[1999]).toEqual({ name: '\\\\h\\Obj(1999)\\C', value: 1999, cstatus: 1 });
    expect(ticks).toBeGreaterThan(0);
  });

  it('refuses a DOCTYPE', async () => {
    await expect(parseCounterInfos('<!DOCTYPE x [<!ENTITY a "b">]><x/>', 'perfmonCollectCounterData')).rejects.toThrow(/DOCTYPE/);
  });

  it('splits counter paths with instances, including parentheses inside them', () => {
    expect(parseCounterPath('\\\\h\\Cisco XCP JSM Session Counters(u@x (1))\\Msgs')).toEqual({ host: 'h', object: 'Cisco XCP JSM Session Counters', instance: 'u@x (1)', counter: 'Msgs' });
    expect(parseCounterPath('nonsense')).toBeUndefined();
  });
});

describe('SOAP faults', () => {
  it('maps Cisco\'s rate-limit fault text (reference B.1) to POLL_RATE_LIMIT and 401 to POLL_AUTH', () => {
    const xml = '<soapenv:Envelope xmlns:soapenv="x"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Exceeded allowed rate for Perfmon information. Current allowed rate for perfmon information is 80 requests per minute.</faultstring><detail/></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
    const fault = parseSoapFault(xml);
    expect(isRateLimitFault(fault)).toBe(true);
    expect(soapHttpError('n', 500, fault).code).toBe('POLL_RATE_LIMIT');
    expect(soapHttpError('n', 401, undefined).code).toBe('POLL_AUTH');
    expect(soapHttpError('n', 500, { faultCode: 'x', faultString: 'Invalid session handle: {A}' }).code).toBe('POLL_PROTOCOL');
  });
});
