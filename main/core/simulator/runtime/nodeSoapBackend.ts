import type { Disposable } from '../../base/disposable.js';
import type { ServiceabilityBackend } from '../endpoints/soap/serviceabilityBackend.js';
import type { ClusterModel } from '../model/clusterModel.js';
import { createNodeControlCenterBackend } from './nodeControlCenterBackend.js';
import { createNodeLogCollectionBackend } from './nodeLogCollectionBackend.js';
import { createNodePerfmonBackend } from './nodePerfmonBackend.js';
import { createNodeRisBackend } from './nodeRisBackend.js';

/** A node's Serviceability backend over the model; dispose it with the SOAP server. */
export interface NodeSoapBackend extends ServiceabilityBackend, Disposable {}

/**
 * The {@link ServiceabilityBackend} of one simulated node (serviceability-reference.md B.1-B.5): Perfmon from
 * the model's counters, ControlCenterServices over the node's services, LogCollection/GetOneFile over its log
 * tree, and, on the CUCM publisher, RisPort70 with the users' Jabber devices.
 */
export function createNodeSoapBackend(model: ClusterModel, nodeName: string): NodeSoapBackend {
  const node = model.node(nodeName);
  const controlCenter = createNodeControlCenterBackend(model, nodeName);
  return {
    perfmon: createNodePerfmonBackend(model, nodeName),
    controlCenter,
    logs: createNodeLogCollectionBackend(model, nodeName),
    ...(node.isCucm ? { ris: createNodeRisBackend(model, nodeName) } : {}),
    dispose: () => controlCenter.dispose(),
  };
}
