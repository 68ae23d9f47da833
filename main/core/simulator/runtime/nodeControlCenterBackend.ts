import type { Disposable } from '../../base/disposable.js';
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

/** ControlCenterServices over the model (Disposable for the endpoint's lifecycle; it holds nothing of its own). */
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
 * dependents, alarms and HA react as to any admin action; Restart is NodeServices.restart (stop, start, then
 * the dependants that were running). A NodeName other than a cluster node is answered as not found.
 */
export function createNodeControlCenterBackend(model: ClusterModel, nodeName: string): NodeControlCenterBackend {
  const self = model.node(nodeName);

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

  // Restart goes through the model's restart: the service stops (dependants first), starts, and the dependants
  // that were running start again (guide L1788, L8072).
  const restart = (node: SimNode, service: string): boolean => node.services.restart(service, 'admin').ok;

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
    // Pending restarts belong to the model (NodeServices disposes them).
    dispose: () => undefined,
  };
}
