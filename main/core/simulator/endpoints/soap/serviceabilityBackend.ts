/**
 * The data a simulated node's Serviceability SOAP services answer from (serviceability-reference.md B.1-B.5).
 * Plain data in and out, so the cluster model can be adapted to it in one small file; the SOAP layer owns
 * every wire detail (envelopes, sessions, CStatus, filtering, rate limits).
 */

/**
 * How a Perfmon counter is computed. `percentage` and `rate` counters need two samples in a session
 * (reference B.1: "Performance counters that return percentage values require two or more samples").
 */
export type PerfmonCounterKind = 'absolute' | 'percentage' | 'rate';

/** One counter of a Perfmon object. */
export interface PerfmonCounterDef {
  readonly name: string;
  readonly description: string;
  readonly kind: PerfmonCounterKind;
}

/** One Perfmon object (`Processor`, `Cisco Presence Engine`, ...). */
export interface PerfmonObjectDef {
  readonly name: string;
  readonly multiInstance: boolean;
  readonly counters: readonly PerfmonCounterDef[];
}

/** The current value of one counter instance; `instance` is absent for single-instance objects. */
export interface PerfmonValue {
  readonly counter: string;
  readonly instance?: string;
  readonly value: number;
  /** CStatus as the node reports it; 0 or 1 are valid (reference B.1). Defaults to 1. */
  readonly cstatus?: number;
}

/** Perfmon data of the hosts this node answers for. Every method returns undefined for an unknown host/object. */
export interface PerfmonBackend {
  /** The objects and counters of `host`. */
  listObjects(host: string): readonly PerfmonObjectDef[] | undefined;
  /** The current instance names of `object` on `host` (empty for a single-instance object). */
  listInstances(host: string, object: string): readonly string[] | undefined;
  /** The current values of every counter instance of `object` on `host`. */
  readValues(host: string, object: string): readonly PerfmonValue[] | undefined;
}

/** Service states of ControlCenterServices (reference B.3). */
export type ServiceState = 'Started' | 'Stopped' | 'Starting' | 'Stopping' | 'Unknown';

/** One row of `ServiceInfoList`. */
export interface ServiceStatusInfo {
  readonly name: string;
  readonly status: ServiceState;
  readonly reasonCode: number;
  readonly reasonString: string;
  /** When the service last started; undefined when it is not running. */
  readonly startTime?: Date;
  /** Seconds since start; -1 when not running. */
  readonly upTimeSeconds: number;
}

/** What soapDoControlServices / soapDoServiceDeployment return: an overall result plus each service's row. */
export interface ServiceControlResult {
  readonly returnCode: string;
  readonly reasonCode: number;
  readonly reasonString: string;
  readonly services: readonly ServiceStatusInfo[];
}

/** One `ServiceSpecification` of soapGetStaticServiceList. */
export interface StaticServiceSpec {
  readonly name: string;
  readonly type: 'Service' | 'Servlet';
  readonly deployable: boolean;
  readonly groupName: string;
  readonly dependentServices: readonly string[];
}

/** One installed product of getProductInformationList. */
export interface ProductInfo {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly productId: string;
  readonly shortName: string;
}

/** getProductInformationList's content. */
export interface ProductInformation {
  readonly activeServerVersion: string;
  readonly primaryNode: string;
  readonly secondaryNode: string;
  readonly products: readonly ProductInfo[];
}

/** Service control of the node (ControlCenterServices). */
export interface ControlCenterBackend {
  /** Status of every installed service, in display order. */
  serviceStatuses(): readonly ServiceStatusInfo[];
  /** Start/Stop/Restart `services` on `nodeName` (empty = this node); changes the model. */
  controlServices(nodeName: string, type: 'Start' | 'Stop' | 'Restart', services: readonly string[]): ServiceControlResult;
  /** Activate (Deploy) or deactivate (UnDeploy) `services`. */
  deployServices(nodeName: string, type: 'Deploy' | 'UnDeploy', services: readonly string[]): ServiceControlResult;
  staticServices(): readonly StaticServiceSpec[];
  productInformation(): ProductInformation;
}

/** One log file of the node's virtual log tree. */
export interface LogFileInfo {
  /** The service log or system log the file belongs to (`Cisco Audit Logs`). */
  readonly logName: string;
  readonly absolutePath: string;
  readonly size: number;
  readonly modified: Date;
}

/** Which files selectLogFiles asks for, after the SOAP layer resolved relative ranges to absolute times. */
export interface LogSelection {
  readonly serviceLogs: readonly string[];
  readonly systemLogs: readonly string[];
  /** Inclusive bounds on the modification time; undefined = unbounded. */
  readonly from?: Date;
  readonly to?: Date;
  /** Only files whose content contains this string (empty/undefined = all). */
  readonly searchString?: string;
}

/** Log collection of the node (LogCollectionPortTypeService, DimeGetFileService). */
export interface LogCollectionBackend {
  /** Names of the node's service logs and system logs. */
  listLogs(): { readonly serviceLogs: readonly string[]; readonly systemLogs: readonly string[] };
  selectFiles(selection: LogSelection): readonly LogFileInfo[];
  /** The bytes of the file at `absolutePath`, or undefined when there is none. */
  readFile(absolutePath: string): Uint8Array | undefined;
  /**
   * Records `length` bytes of the file at `absolutePath` from `offset` as served (`size` = its size then) through
   * DIME or LogCollection's base64 GetOneFile: the node's own count (model/logs/servedBytes.ts).
   */
  recordServed?(absolutePath: string, via: 'dime' | 'soap', offset: number, length: number, size: number): void;
}

/** One device of RisPort70 selectCmDevice (reference B.2); missing fields are answered with Cisco's empties. */
export interface RisDevice {
  readonly name: string;
  readonly nodeName: string;
  readonly ipAddress: string;
  readonly dirNumber: string;
  readonly deviceClass: string;
  readonly model: number;
  readonly product: number;
  readonly protocol: 'SCCP' | 'SIP' | 'Unknown';
  readonly status: 'Registered' | 'UnRegistered' | 'Rejected' | 'PartiallyRegistered' | 'Unknown';
  readonly statusReason: number;
  readonly description: string;
  readonly loginUserId?: string;
  readonly activeLoadId?: string;
  /** Seconds since the epoch of the last state change. */
  readonly timeStamp: number;
}

/** One CTI application of RisPort70 selectCtiItem. */
export interface RisCtiItem {
  readonly nodeName: string;
  readonly appId: string;
  readonly userId: string;
  readonly appIpAddr: string;
  readonly appStatus: 'Open' | 'Closed' | 'OpenFailed' | 'Unknown';
  readonly appStatusReason: number;
  readonly appTimeStamp: number;
}

/** Real-time information of the CUCM publisher. */
export interface RisBackend {
  /** The cluster's CallManager node names (answered even when a node has no device). */
  cmNodes(): readonly string[];
  devices(): readonly RisDevice[];
  ctiItems(): readonly RisCtiItem[];
}

/** Everything the SOAP layer of one node calls. `ris` is only read on role 'cucm'. */
export interface ServiceabilityBackend {
  readonly perfmon: PerfmonBackend;
  readonly controlCenter: ControlCenterBackend;
  readonly logs: LogCollectionBackend;
  readonly ris?: RisBackend;
}
