import type { PerfmonBackend, PerfmonCounterDef, PerfmonCounterKind, PerfmonObjectDef, PerfmonValue } from '../endpoints/soap/serviceabilityBackend.js';
import type { ClusterModel } from '../model/clusterModel.js';
import { objectsFor, type CounterDefinition } from '../model/counters/counterCatalog.js';
import type { SimNode } from '../model/node/simNode.js';

/**
 * How Cisco's Perfmon computes a catalog counter (reference B.1): percentages need two samples; "... Per Sec"
 * gauges are rates Cisco derives from two samples too ([I]); running totals (cumulative) are returned as the
 * absolute count, as RTMT shows e.g. JsmTotalMessagePackets.
 */
export function perfmonKindOf(c: CounterDefinition): PerfmonCounterKind {
  if (c.kind === 'percent') return 'percentage';
  if (c.kind === 'gauge' && /per sec/i.test(c.name)) return 'rate';
  return 'absolute';
}

function objectDefs(node: SimNode): PerfmonObjectDef[] {
  return objectsFor(node.isCucm ? 'cucm' : 'imp').map((o) => ({
    name: o.name,
    multiInstance: o.multiInstance,
    counters: o.counters.map((c): PerfmonCounterDef => ({ name: c.name, description: c.description, kind: perfmonKindOf(c) })),
  }));
}

/**
 * Perfmon answered from the model's counters. A node answers for itself under its name, its IP address,
 * `127.0.0.1` and `localhost`, and for the other nodes of its cluster by name or IP (RTMT collects a
 * cluster's counters through one node). A powered-off node has objects but no values.
 */
export function createNodePerfmonBackend(model: ClusterModel, nodeName: string): PerfmonBackend {
  const self = model.node(nodeName);
  const defs = new Map<string, PerfmonObjectDef[]>();
  const resolve = (host: string): SimNode | undefined => {
    const h = host.trim().toLowerCase();
    if (h === '127.0.0.1' || h === 'localhost') return self;
    for (const n of model.nodes.values()) {
      if (n.name.toLowerCase() === h || n.ipAddress === h || `${n.name}.${model.profile.domain}`.toLowerCase() === h) return n;
    }
    return undefined;
  };
  const objectsOf = (node: SimNode): PerfmonObjectDef[] => {
    let list = defs.get(node.name);
    if (!list) defs.set(node.name, (list = objectDefs(node)));
    return list;
  };
  const samplesOf = (node: SimNode, object: string) => model.counters(node.name).filter((s) => s.object === object);

  return {
    listObjects: (host) => {
      const node = resolve(host);
      return node ? objectsOf(node) : undefined;
    },
    listInstances: (host, object) => {
      const node = resolve(host);
      const def = node && objectsOf(node).find((o) => o.name === object);
      if (!node || !def) return undefined;
      if (!def.multiInstance) return [];
      return [...new Set(samplesOf(node, object).map((s) => s.instance))];
    },
    readValues: (host, object) => {
      const node = resolve(host);
      const def = node && objectsOf(node).find((o) => o.name === object);
      if (!node || !def) return undefined;
      return samplesOf(node, object).map((s): PerfmonValue => ({
        counter: s.counter,
        value: s.value,
        ...(def.multiInstance ? { instance: s.instance } : {}),
      }));
    },
  };
}
