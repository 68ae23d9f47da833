import type { PerfmonBackend, PerfmonCounterDef, PerfmonObjectDef, PerfmonValue } from './serviceabilityBackend.js';
import { childText, children, type XmlValue } from './soapEnvelope.js';
import { clientFault, perfmonRateFaultText } from './soapFault.js';
import { limitItems } from './soapLimits.js';
import { dispatchOperation, xmlReply, type SoapReply, type SoapService } from './soapService.js';
import { el, leaf, responseElement } from './xmlText.js';
import { formatCounterPath, parseCounterPath, type PerfmonCounterPath } from './perfmonCounterPath.js';
import { PerfmonSessionStore, type SessionCounter } from './perfmonSessionStore.js';
import type { SlidingWindowRateLimiter } from './rateLimiter.js';
import { perfmonWsdl } from './wsdl/serviceWsdls.js';

/** The path of PerfmonService (reference B.1). */
export const PERFMON_PATH = '/perfmonservice2/services/PerfmonService';

/** CStatus of a valid value ([T] parsers accept 0 and 1, reference B.1). */
export const CSTATUS_VALID = 1;
/** CStatus of a value that cannot be given (first sample of a percentage, vanished instance): [I] 2. */
export const CSTATUS_INVALID = 2;

// Fault texts for unknown names: [I], Cisco's wording is not captured in the reference.
const unknownHost = (h: string): Error => clientFault(`Host not found: ${h}`, 'NOT_FOUND');
const unknownObject = (o: string): Error => clientFault(`Object not found: ${o}`, 'NOT_FOUND');
const unknownCounter = (c: string): Error => clientFault(`Counter not found: ${c}`, 'NOT_FOUND');

interface CounterInfo {
  readonly name: string;
  readonly value: number;
  readonly cstatus: number;
}

/**
 * PerfmonService with its nine operations (reference B.1 table, [V] ZEEP WSDL), answering from `backend`.
 * Percentage and rate counters need two samples: the single-shot perfmonCollectCounterData and the first
 * perfmonCollectSessionData after adding such a counter answer it with value 0 and an invalid CStatus
 * (reference B.1: "Performance counters that return percentage values require two or more samples", so
 * clients poll those objects through a session).
 */
export function createPerfmonService(backend: PerfmonBackend, limiter: SlidingWindowRateLimiter | undefined): SoapService {
  const sessions = new PerfmonSessionStore();

  const objectsOf = (host: string): readonly PerfmonObjectDef[] => {
    const objects = backend.listObjects(host);
    if (!objects) throw unknownHost(host);
    return objects;
  };
  const objectOf = (host: string, name: string): PerfmonObjectDef => {
    const object = objectsOf(host).find((o) => o.name === name);
    if (!object) throw unknownObject(name);
    return object;
  };
  const counterOf = (path: PerfmonCounterPath, raw: string): PerfmonCounterDef => {
    const counter = objectOf(path.host, path.object).counters.find((c) => c.name === path.counter);
    if (!counter) throw unknownCounter(raw);
    return counter;
  };

  /** Validates a counter path against the model, as perfmonAddCounter does. */
  const checkCounter = (raw: string): PerfmonCounterPath => {
    const path = parseCounterPath(raw);
    const object = objectOf(path.host, path.object);
    counterOf(path, raw);
    if (object.multiInstance) {
      const instances = backend.listInstances(path.host, path.object) ?? [];
      if (path.instance === undefined || !instances.includes(path.instance)) throw unknownCounter(raw);
    } else if (path.instance !== undefined) {
      throw unknownCounter(raw);
    }
    return path;
  };

  const counterNames = (body: XmlValue): string[] =>
    limitItems(children(children(body, 'ArrayOfCounter')[0], 'Counter'), 'ArrayOfCounter')
      .map((c) => (typeof c === 'string' ? c : childText(c, 'Name')))
      .filter((n) => n !== '');

  const sampleSession = (counter: SessionCounter): CounterInfo => {
    const { path } = counter;
    const def = objectsOf(path.host).find((o) => o.name === path.object)?.counters.find((c) => c.name === path.counter);
    const value = backend
      .readValues(path.host, path.object)
      ?.find((v) => v.counter === path.counter && v.instance === path.instance);
    const first = !counter.sampled;
    counter.sampled = true;
    if (!def || !value) return { name: counter.name, value: 0, cstatus: CSTATUS_INVALID };
    if (first && def.kind !== 'absolute') return { name: counter.name, value: 0, cstatus: CSTATUS_INVALID };
    return { name: counter.name, value: Math.round(value.value), cstatus: value.cstatus ?? CSTATUS_VALID };
  };

  const renderInfo = (tag: string, infos: readonly CounterInfo[]): string =>
    infos.map((i) => el(tag, leaf('Name', i.name) + leaf('Value', i.value) + leaf('CStatus', i.cstatus))).join('');

  const operations: Record<string, (body: XmlValue) => string> = {
    perfmonOpenSession: () => leaf('perfmonOpenSessionReturn', sessions.open().handle),
    perfmonCloseSession: (body) => {
      sessions.close(childText(body, 'SessionHandle'));
      return '';
    },
    perfmonAddCounter: (body) => {
      const session = sessions.get(childText(body, 'SessionHandle'));
      // All counters are checked before any is added, so a fault leaves the session unchanged ([I]).
      const paths = counterNames(body).map((raw) => checkCounter(raw));
      for (const path of paths) {
        const name = formatCounterPath(path);
        if (!session.counters.has(name)) session.counters.set(name, { path, name, sampled: false });
      }
      return '';
    },
    perfmonRemoveCounter: (body) => {
      const session = sessions.get(childText(body, 'SessionHandle'));
      const names = counterNames(body).map((raw) => formatCounterPath(parseCounterPath(raw)));
      for (const name of names) if (!session.counters.has(name)) throw unknownCounter(name);
      for (const name of names) session.counters.delete(name);
      return '';
    },
    perfmonCollectSessionData: (body) => {
      const session = sessions.get(childText(body, 'SessionHandle'));
      return renderInfo('perfmonCollectSessionDataReturn', [...session.counters.values()].map(sampleSession));
    },
    perfmonCollectCounterData: (body) => {
      const host = childText(body, 'Host');
      const object = objectOf(host, childText(body, 'Object'));
      const kinds = new Map(object.counters.map((c) => [c.name, c.kind]));
      const values: readonly PerfmonValue[] = backend.readValues(host, object.name) ?? [];
      const infos = values.map((v): CounterInfo => {
        const name = formatCounterPath({ host, object: object.name, instance: v.instance, counter: v.counter });
        if (kinds.get(v.counter) !== 'absolute') return { name, value: 0, cstatus: CSTATUS_INVALID };
        return { name, value: Math.round(v.value), cstatus: v.cstatus ?? CSTATUS_VALID };
      });
      return renderInfo('perfmonCollectCounterDataReturn', infos);
    },
    perfmonListCounter: (body) =>
      objectsOf(childText(body, 'Host'))
        .map((o) =>
          el(
            'perfmonListCounterReturn',
            leaf('Name', o.name) +
              leaf('MultiInstance', o.multiInstance) +
              el('ArrayOfCounter', o.counters.map((c) => el('item', leaf('Name', c.name))).join('')),
          ),
        )
        .join(''),
    perfmonListInstance: (body) => {
      const host = childText(body, 'Host');
      const object = objectOf(host, childText(body, 'Object'));
      const instances = backend.listInstances(host, object.name) ?? [];
      return instances.map((i) => el('perfmonListInstanceReturn', leaf('Name', i))).join('');
    },
    perfmonQueryCounterDescription: (body) => {
      const raw = childText(body, 'Counter');
      return leaf('perfmonQueryCounterDescriptionReturn', counterOf(parseCounterPath(raw), raw).description);
    },
  };

  return {
    path: PERFMON_PATH,
    wsdl: perfmonWsdl,
    rateLimit: limiter ? { limiter, faultText: perfmonRateFaultText(limiter.options.limit) } : undefined,
    handle(request): SoapReply {
      return xmlReply(responseElement(request.operation, dispatchOperation(operations, request)));
    },
  };
}
