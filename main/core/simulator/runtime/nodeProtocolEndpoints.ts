import { AsyncDisposableStore, DisposableStore, type AsyncDisposable } from '../../base/disposable.js';
import { AppError } from '../../base/errors.js';
import { startSnmpAgent } from '../endpoints/snmp/snmpAgent.js';
import { engineIdForNode } from '../endpoints/snmp/snmpEngineId.js';
import type { SnmpNotificationDestination } from '../endpoints/snmp/snmpNodeSnapshot.js';
import { startSoapServer, type SoapRateLimits } from '../endpoints/soap/soapServer.js';
import type { ClusterModel } from '../model/clusterModel.js';
import type { EndpointDegradation } from '../model/node/simNode.js';
import { isLoopbackHostAddress } from '../profile/loopbackAddresses.js';
import { loadOrCreateNodeCertificate } from './nodeCertificateStore.js';
import { NodeSnmpSource } from './nodeSnmpSource.js';
import { createNodeSoapBackend } from './nodeSoapBackend.js';
import { toWireDegradation } from './wireDegradation.js';
import { startSyslogForwarder, type SyslogDestination } from './syslogForwarder.js';

/** The SNMPv3 USM user of a node (profile `endpoints.snmpV3`): SHA auth and AES privacy passphrases. */
export interface NodeSnmpV3User {
  readonly user: string;
  readonly authKey: string;
  readonly privKey: string;
}

/** Options of {@link startNodeProtocolEndpoints}. */
export interface NodeProtocolEndpointsOptions {
  /**
   * The node's own address in 127.0.0.0/8 (default 127.0.0.1): both endpoints listen on it, and traps and syslog
   * leave from it, so a receiver tells the nodes apart by sender address.
   */
  readonly host?: string;
  /** UDP port of the agent; 0 = any free port. */
  readonly snmpPort: number;
  /** TCP port of the HTTPS server; 0 = any free port. */
  readonly soapPort: number;
  readonly community: string;
  readonly v3User: NodeSnmpV3User;
  /** The application user of the Serviceability APIs (HTTP Basic). */
  readonly appUser: { readonly username: string; readonly password: string };
  /**
   * Where the node's tomcat certificate is kept across runs (per profile, runtime/nodeCertificateStore.ts) and
   * its PEM written (the clients' caFile).
   */
  readonly certDir: string;
  readonly syslogDestinations?: readonly SyslogDestination[];
  readonly trapDestinations?: readonly SnmpNotificationDestination[];
  /** SOAP rate limits (Cisco's by default); benchmarks turn them off. */
  readonly rateLimits?: SoapRateLimits;
  /** clogHistoryTable rows kept; default 100. */
  readonly syslogHistoryLength?: number;
  /** Where endpoint problems are reported; default console.warn. */
  readonly log?: (message: string) => void;
}

/** How a client reaches the node's SNMP agent (the `snmp` entry of the endpoints file). */
export interface NodeSnmpEndpoint {
  readonly host: string;
  readonly port: number;
  readonly community: string;
  readonly v3: { readonly user: string; readonly authProtocol: 'SHA'; readonly authKey: string; readonly privProtocol: 'AES'; readonly privKey: string };
}

/** How a client reaches the node's Serviceability SOAP server (the `soap` entry of the endpoints file). */
export interface NodeSoapEndpoint {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** The node's self-signed tomcat certificate in PEM, to trust explicitly (`curl --cacert`). */
  readonly caFile: string;
}

/** The running SNMP and SOAP endpoints of one simulated node. */
export interface NodeProtocolEndpoints extends AsyncDisposable {
  readonly nodeName: string;
  readonly snmp: NodeSnmpEndpoint;
  readonly soap: NodeSoapEndpoint;
  /** The agent's data source (clogHistoryTable, syslog config), for tests and the app. */
  readonly snmpSource: NodeSnmpSource;
  /** Injects a fault into one endpoint (overrides the model's node.degradation); undefined clears it. */
  setDegradation(kind: 'snmp' | 'soap', degradation: EndpointDegradation | undefined): void;
  /** Serviceability: SNMP > Notification Destination. */
  setTrapDestinations(destinations: readonly SnmpNotificationDestination[]): void;
  /** Serviceability: remote syslog servers. */
  setSyslogDestinations(destinations: readonly SyslogDestination[]): void;
  /** The remote syslog servers now. */
  syslogDestinations(): readonly SyslogDestination[];
  /** The SNMP notification destinations now. */
  trapDestinations(): readonly SnmpNotificationDestination[];
}

/** Services without which an endpoint does not answer (reference C: "HOST-RESOURCES-MIB ... fail to respond"; Tomcat serves SOAP). */
const SERVING_SERVICE = { snmp: 'SNMP Master Agent', soap: 'Cisco Tomcat' } as const;

/**
 * Starts one node's SNMP agent (v2c community + one v3 authPriv user) and HTTPS Serviceability server on
 * its own loopback address, both answering from the cluster model; keeps the node's certificate in `certDir`; turns
 * the node's alarm events into clogMessageGenerated traps (filtered by the agent's CISCO-SYSLOG-MIB settings)
 * and remote syslog datagrams. Both endpoints stop answering while the node is unreachable (powered off,
 * booting, isolated) or its serving service is down; this is re-checked every virtual second and on every
 * model event and service change. `dispose()` closes every socket, timer and listener.
 */
export async function startNodeProtocolEndpoints(model: ClusterModel, nodeName: string, options: NodeProtocolEndpointsOptions): Promise<NodeProtocolEndpoints> {
  const node = model.node(nodeName);
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHostAddress(host)) throw new AppError('VALIDATION', `simulator endpoints bind loopback (127.0.0.0/8) only, not ${host}`);
  const log = options.log ?? ((m: string) => console.warn(`[${nodeName}] ${m}`));
  const servers = new AsyncDisposableStore();
  const listeners = new DisposableStore();
  try {
    const source = listeners.add(new NodeSnmpSource(model, nodeName, { historyMaxLength: options.syslogHistoryLength ?? 100 }));
    source.notificationDestinations = options.trapDestinations ?? [];
    const { user, authKey, privKey } = options.v3User;
    const agent = servers.add(await startSnmpAgent({
      host, port: options.snmpPort, community: options.community, engineId: engineIdForNode(nodeName), source, log,
      v3Users: [{ user, authProtocol: 'sha', authKey, privProtocol: 'aes', privKey, level: 'authPriv' }],
    }));

    const cert = await loadOrCreateNodeCertificate({ dir: options.certDir, nodeName, address: host, seed: `${nodeName}:${tomcatSerial(node.certificates)}` });
    const { caFile } = cert;
    const backend = listeners.add(createNodeSoapBackend(model, nodeName));
    const soap = servers.add(await startSoapServer({
      host, port: options.soapPort, nodeName, role: node.isCucm ? 'cucm' : 'imp',
      credentials: [options.appUser], tls: cert, backend, nodeClock: () => model.now(),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    }));
    const syslog = servers.add(await startSyslogForwarder(model, nodeName, { localAddress: host, destinations: options.syslogDestinations ?? [], canSend: () => node.reachable, log }));

    // Alarm → clogHistoryTable row (the source records it) → clogMessageGenerated while the node is up.
    listeners.add(source.onDidRecordSyslog((row) => {
      agent.invalidate();
      if (!node.reachable) return;
      agent.sendClogMessageGenerated(row).catch((err: unknown) => log(`trap failed: ${err instanceof Error ? err.message : String(err)}`));
    }));

    const overrides: { snmp?: EndpointDegradation; soap?: EndpointDegradation } = {};
    const effective = (kind: 'snmp' | 'soap'): EndpointDegradation | undefined => {
      if (!node.reachable || !node.services.isRunning(SERVING_SERVICE[kind])) return { unresponsive: true };
      return kind in overrides ? overrides[kind] : node.degradation.get(kind);
    };
    const refresh = (): void => {
      agent.setDegradation(toWireDegradation(effective('snmp')));
      soap.setDegradation(toWireDegradation(effective('soap')));
    };
    listeners.add(model.scheduler.setInterval(1000, refresh));
    listeners.add(model.onDidEvent(refresh));
    listeners.add(model.onDidServiceChange((c) => {
      if (c.node !== nodeName) return;
      agent.invalidate(); // hrSWRun and SYSAPPL change with the service, not a second later
      refresh();
    }));
    refresh();

    let disposed = false;
    return {
      nodeName,
      snmp: { host, port: agent.port, community: options.community, v3: { user, authProtocol: 'SHA', authKey, privProtocol: 'AES', privKey } },
      soap: { host, port: soap.port, username: options.appUser.username, password: options.appUser.password, caFile },
      snmpSource: source,
      setDegradation: (kind, degradation) => {
        if (degradation === undefined) delete overrides[kind];
        else overrides[kind] = degradation;
        refresh();
      },
      setTrapDestinations: (destinations) => {
        source.notificationDestinations = destinations;
        agent.invalidate();
      },
      setSyslogDestinations: (destinations) => syslog.setDestinations(destinations),
      syslogDestinations: () => syslog.destinations,
      trapDestinations: () => source.notificationDestinations,
      dispose: async () => {
        if (disposed) return;
        disposed = true;
        listeners.dispose();
        await servers.dispose();
      },
    };
  } catch (err) {
    listeners.dispose();
    await servers.dispose();
    throw err;
  }
}

function tomcatSerial(certs: readonly { unit: string; type: string; serial: string }[]): string {
  return certs.find((c) => c.unit === 'tomcat' && c.type === 'own')?.serial ?? 'tomcat';
}
