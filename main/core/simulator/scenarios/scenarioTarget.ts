import type { ClusterModel } from '../model/clusterModel.js';
import type { EndpointDegradation, EndpointKind } from '../model/node/simNode.js';

/** Result of an HA command. */
export interface HaCommandResult {
  readonly ok: boolean;
  readonly message: string;
}

/** The Server Recovery Manager operations a scenario can call (the cluster's SRM). */
export interface ScenarioHaControl {
  failover(node: string): HaCommandResult;
  fallback(node: string): HaCommandResult;
  recover(group: string): HaCommandResult;
  restartSrm(node: string): void;
  setFault(node: string, fault: 'takeoverFails' | 'takebackFails' | 'haMisconfigured', enabled: boolean): void;
}

/** What a scenario acts on: the model, its SRM, the endpoints and the backup server. */
export interface ScenarioTarget {
  readonly model: ClusterModel;
  readonly ha: ScenarioHaControl;
  setEndpointDegradation(node: string, kind: EndpointKind, degradation: EndpointDegradation | undefined): void;
  fillBackupServer(bytes: number | undefined, full: boolean): void;
}
