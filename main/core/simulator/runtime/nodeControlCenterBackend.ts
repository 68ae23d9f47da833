import { DisposableStore, type Disposable } from '../../base/disposable.js';
import type {
  ControlCenterBackend, ProductInformation, ServiceControlResult, ServiceStatusInfo, StaticServiceSpec,
} from '../endpoints/soap/serviceabilityBackend.js';
import type { ClusterModel } from '../model/clusterModel.js';
import type { SimNode } from '../model/node/simNode.js';
import type { ServiceState } from '../model/services/nodeServices.js';

// Cisco's ServiceInformation reason codes ([I]: the values community clients match, not in the reference).
const REASON_RUNNING = { code: -1, text: ' ' };
const REASON_STOPPED = { code: -1019, text: 'Commanded Out of Service' };
const REASON_NOT_ACTIVATED = { code: -1068, text: 'Service Not Activated' };
const REASON_NOT_FOUND = { code: -1, text: 'Service Not Found' };
/** Services Cisco deploys as Tomcat web applications ("Servlet" in soapGetStaticServiceList, [I]). */
const SERVLETS = new Set(['Cisco AXL Web Service', 'Cisco Client Profile Agent', 'Cisco Bulk Provisioning Service']);

/** ControlCenterServices over the model, plus what it holds (Restart listeners) for disposal. */
export interface NodeControlCenterBackend extends ControlCenterBackend, Disposable {}

function statusOf(s: ServiceState, now: number): ServiceStatusInfo {
  const name = s.definition.name;
  if (!s.activated) return { name, status: 'Stopped', reasonCode: REASON_NOT_ACTIVATED.code, reasonString: REASON_NOT_ACTIVATED.text, upTimeSeconds: -1 };
  if (s.status === 'Started') {
    const started = s.startedAtMs ?? s.sinceMs;
    return { name, status: 'Started', reasonCode: REASON_RUNNING.code, reasonString: REASON_RUNNING.text, startTime: new Date(started), upTimeSeconds: Math.max(0, Math.floor((now - started) / 1000)) };
  }
  const reason = s.status === 'Stopped' ? REASON_STOPPED : REASON_RUNNING;
  return { name, status: s.status, reasonCode: reason.code, reasonString: reason.text, upTimeSeconds: -1 };
}

/**
 * soapGetServiceStatus / soapDoControlServices / soapDoServiceDeployment / soapGetStaticServiceList /
 * getProductInformationList (reference B.3) over `node.services`. Start/Stop go through the model, so
 * dependents, alarms and HA react as to any admin action; Restart is a Stop and, once the service reached
 * Stopped in virtual time, a Start. A NodeName other than a cluster node is answered as not found.
 */
export function createNodeControlCenterBackend(model: ClusterModel, nodeName: string): NodeControlCenterBackend {
  const self = model.node(nodeName);
  const store = new DisposableStore();
  const pending = new Map<string, Disposable>();

  const targetOf = (name: string): SimNode | undefined => {
    const n = name.trim().toLowerCase();
    if (n === '' || n === '127.0.0.1' || n === 'localhost') return self;
    return [...model.nodes.values()].find((x) => x.name.toLowerCase() === n || x.ipAddress === n);
  };
  const unknown = (name: string): ServiceStatusInfo => ({ name, status: 'Unknown', reasonCode: REASON_NOT_FOUND.code, reasonString: REASON_NOT_FOUND.text, upTimeSeconds: -1 });
  const result = (node: SimNode, names: readonly string[], failed: boolean): ServiceControlResult => ({
    returnCode: failed ? '-1' : '0',
    reasonCode: -1,
    reasonString: failed ? 'One or more services could not be controlled' : ' ',
    services: names.map((n) => {
      const s = node.services.get(n);
      return s ? statusOf(s, model.now()) : unknown(n);
    }),
  });

  const restart = (node: SimNode, service: string): boolean => {
    const s = node.services.get(service);
    if (!s || !s.activated) return false;
    const key = `${node.name}\u0000${s.definition.name}`;
    pending.get(key)?.dispose();
    if (s.status === 'Stopped') return node.services.start(s.definition.name, 'admin').ok;
    const sub = node.services.onDidChange((c) => {
      if (c.service !== s.definition.name || c.current !== 'Stopped') return;
      sub.dispose();
      pending.delete(key);
      node.services.start(s.definition.name, 'admin');
    });
    pending.set(key, sub);
    return node.services.stop(s.definition.name, 'admin').ok;
  };

  store.add({ dispose: () => {
    for (const d of pending.values()) d.dispose();
    pending.clear();
  } });

  const catalogOf = (node: SimNode) => node.services.list().map((s) => s.definition);
  return {
    serviceStatuses: () => self.services.list().map((s) => statusOf(s, model.now())),
    controlServices: (target, type, services) => {
      const node = targetOf(target);
      if (!node) return { returnCode: '-1', reasonCode: -1, reasonString: `Invalid node name: ${target}`, services: services.map(unknown) };
      let failed = false;
      for (const name of services) {
        if (type === 'Restart') failed = !restart(node, name) || failed;
        else failed = !(type === 'Start' ? node.services.start(name, 'admin') : node.services.stop(name, 'admin')).ok || failed;
      }
      return result(node, services, failed);
    },
    deployServices: (target, type, services) => {
      const node = targetOf(target);
      if (!node) return { returnCode: '-1', reasonCode: -1, reasonString: `Invalid node name: ${target}`, services: services.map(unknown) };
      let failed = false;
      for (const name of services) {
        const r = node.services.setActivated(name, type === 'Deploy');
        failed = !r.ok || failed;
        if (r.ok && type === 'Deploy') node.services.start(name, 'admin');
      }
      return result(node, services, failed);
    },
    staticServices: () =>
      catalogOf(self).map((d): StaticServiceSpec => ({
        name: d.name,
        type: SERVLETS.has(d.name) ? 'Servlet' : 'Service',
        // Feature services are the ones Service Activation can (un)deploy.
        deployable: d.group === 'feature',
        groupName: d.group === 'feature' ? (self.isCucm ? 'CM Services' : 'IM and Presence Services') : d.group === 'network' ? 'Platform Services' : 'Database and Admin Services',
        dependentServices: [...(d.dependsOn ?? [])],
      })),
    productInformation: (): ProductInformation => {
      const publisher = self.isCucm ? self : model.impPublisher();
      return {
        activeServerVersion: self.version,
        primaryNode: publisher.name,
        secondaryNode: '',
        products: self.isCucm
          ? [{ name: 'Cisco Unified Communications Manager', version: self.version, description: 'Cisco Unified Communications Manager', productId: 'CallManager', shortName: 'ccm' }]
          : [{ name: 'Cisco Unified Communications Manager IM and Presence', version: self.version, description: 'Cisco Unified Communications Manager IM and Presence Service', productId: 'CUP', shortName: 'cup' }],
      };
    },
    dispose: () => store.dispose(),
  };
}
