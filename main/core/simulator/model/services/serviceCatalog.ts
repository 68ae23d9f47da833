/**
 * The services of a simulated node, with the guide's names and Cisco's process names.
 * Names and groups: seed-inventory.md 1.1 (guide chapters cited there); process names: serviceability-reference.md
 * A.8 (MSG-010 "IM&P critical services and process names") and its CUCM platform list.
 */

/** Control Center page a service appears on (Network Services, Feature Services) or the platform set. */
export type ServiceGroup = 'network' | 'feature' | 'platform';

/** When a service counts as critical for the Server Recovery Manager (seed-inventory 1.2). */
export type CriticalWhen = 'always' | 'persistentChatHa' | 'xcpAuthMonitoring' | 'database';

/** One service a node may run. */
export interface ServiceDefinition {
  readonly name: string;
  readonly zh?: string;
  /** Process name as hrSWRunName / `show process` report it. */
  readonly process: string;
  readonly group: ServiceGroup;
  /** Activated on a fresh node (feature services may be deactivated). */
  readonly activatedByDefault: boolean;
  readonly critical?: CriticalWhen;
  /** Services that must be Started first; stopping one stops this (guide L1788 for Cisco XCP Router). */
  readonly dependsOn?: readonly string[];
  /** Held back by the IM and Presence Data Monitor until IDS replication is up (guide L891-910). */
  readonly gatedByDataMonitor?: boolean;
  /** Virtual seconds from Starting to Started. */
  readonly startSeconds: number;
  /** Resident memory when running, KB (for Process counters and hrSWRunPerfMem). */
  readonly memoryKb: number;
}

const XCP_ROUTER = 'Cisco XCP Router';

/** Services of an IM and Presence node. */
export const IMP_SERVICES: readonly ServiceDefinition[] = [
  { name: 'A Cisco DB', process: 'cmoninit', group: 'platform', activatedByDefault: true, critical: 'database', startSeconds: 20, memoryKb: 900_000 },
  { name: 'A Cisco DB Replicator', process: 'dblrpc', group: 'platform', activatedByDefault: true, startSeconds: 8, memoryKb: 40_000 },
  { name: 'Cisco Tomcat', process: 'tomcat', group: 'platform', activatedByDefault: true, startSeconds: 25, memoryKb: 700_000 },
  { name: 'Cisco Service Manager', process: 'servM', group: 'platform', activatedByDefault: true, startSeconds: 2, memoryKb: 12_000 },
  { name: 'Cluster Manager', process: 'clm', group: 'platform', activatedByDefault: true, startSeconds: 3, memoryKb: 20_000 },
  { name: 'SNMP Master Agent', process: 'snmpdm', group: 'platform', activatedByDefault: true, startSeconds: 3, memoryKb: 10_000 },
  { name: 'Cisco Syslog Agent', process: 'sappagt', group: 'platform', activatedByDefault: true, startSeconds: 3, memoryKb: 15_000 },
  { name: 'Cisco Login Datastore', process: 'ttlogin', group: 'network', activatedByDefault: true, startSeconds: 6, memoryKb: 260_000 },
  { name: 'Cisco Presence Datastore', process: 'ttsoft', group: 'network', activatedByDefault: true, startSeconds: 6, memoryKb: 300_000 },
  { name: 'Cisco Route Datastore', process: 'ttroute', group: 'network', activatedByDefault: true, startSeconds: 6, memoryKb: 120_000 },
  { name: 'Cisco SIP Registration Datastore', process: 'ttreg', group: 'network', activatedByDefault: true, startSeconds: 6, memoryKb: 120_000 },
  { name: 'Cisco IM and Presence Data Monitor', zh: 'Cisco IM and Presence 数据监控器', process: 'imsdatamonitor', group: 'network', activatedByDefault: true, startSeconds: 5, memoryKb: 60_000 },
  { name: 'Cisco Server Recovery Manager', zh: 'Cisco 服务器恢复管理器', process: 'srm', group: 'network', activatedByDefault: true, startSeconds: 5, memoryKb: 70_000 },
  { name: 'Cisco Client Profile Agent', zh: 'Cisco 客户端配置文件代理', process: 'epassoap', group: 'network', activatedByDefault: true, critical: 'always', startSeconds: 10, memoryKb: 150_000 },
  { name: 'Cisco Sync Agent', zh: '思科同步代理', process: 'syncAgent', group: 'network', activatedByDefault: true, critical: 'always', startSeconds: 12, memoryKb: 220_000 },
  { name: 'Cisco Intercluster Sync Agent', zh: '思科群集间同步代理', process: 'interClusterSyn', group: 'network', activatedByDefault: true, startSeconds: 10, memoryKb: 180_000 },
  { name: XCP_ROUTER, zh: 'Cisco XCP 路由器', process: 'jabberd', group: 'network', activatedByDefault: true, critical: 'always', startSeconds: 15, memoryKb: 800_000 },
  { name: 'Cisco XCP Config Manager', zh: 'Cisco XCP 配置管理器', process: 'xcpconfigmgr', group: 'network', activatedByDefault: true, startSeconds: 6, memoryKb: 90_000 },
  { name: 'Cisco OAMAgent', process: 'oamagent', group: 'network', activatedByDefault: true, startSeconds: 4, memoryKb: 50_000 },
  { name: 'Cisco Certificate Expiry Monitor', zh: 'Cisco 证书到期监控', process: 'certM', group: 'network', activatedByDefault: true, startSeconds: 4, memoryKb: 45_000 },
  { name: 'Cisco AMC Service', process: 'amc', group: 'network', activatedByDefault: true, startSeconds: 6, memoryKb: 160_000 },
  { name: 'Cisco RIS Data Collector', process: 'RisDC', group: 'network', activatedByDefault: true, startSeconds: 6, memoryKb: 140_000 },
  { name: 'Cisco Trace Collection Service', process: 'tracecollection', group: 'network', activatedByDefault: true, startSeconds: 5, memoryKb: 70_000 },
  { name: 'Cisco Log Partition Monitoring Tool', process: 'lpm', group: 'network', activatedByDefault: true, startSeconds: 3, memoryKb: 25_000 },
  { name: 'Cisco DRF Master', process: 'CiscoDRFMaster', group: 'network', activatedByDefault: true, startSeconds: 6, memoryKb: 110_000 },
  { name: 'Cisco DRF Local', process: 'CiscoDRFLocal', group: 'network', activatedByDefault: true, startSeconds: 5, memoryKb: 90_000 },
  { name: 'Cisco SIP Proxy', process: 'sipd', group: 'feature', activatedByDefault: true, critical: 'always', gatedByDataMonitor: true, startSeconds: 12, memoryKb: 350_000 },
  { name: 'Cisco Presence Engine', process: 'pe', group: 'feature', activatedByDefault: true, critical: 'always', gatedByDataMonitor: true, startSeconds: 20, memoryKb: 1_200_000 },
  { name: 'Cisco XCP Connection Manager', zh: 'Cisco XCP 连接管理器', process: 'cm', group: 'feature', activatedByDefault: true, dependsOn: [XCP_ROUTER], gatedByDataMonitor: true, startSeconds: 6, memoryKb: 250_000 },
  { name: 'Cisco XCP Web Connection Manager', zh: 'Cisco XCP Web 连接管理器', process: 'cm_web', group: 'feature', activatedByDefault: true, dependsOn: [XCP_ROUTER], gatedByDataMonitor: true, startSeconds: 6, memoryKb: 120_000 },
  { name: 'Cisco XCP Text Conference Manager', zh: 'Cisco XCP 文字会议管理器', process: 'txtconf', group: 'feature', activatedByDefault: true, critical: 'persistentChatHa', dependsOn: [XCP_ROUTER], gatedByDataMonitor: true, startSeconds: 8, memoryKb: 200_000 },
  { name: 'Cisco XCP File Transfer Manager', zh: 'Cisco XCP 文件传输管理器', process: 'ftmgr', group: 'feature', activatedByDefault: true, dependsOn: [XCP_ROUTER], gatedByDataMonitor: true, startSeconds: 6, memoryKb: 110_000 },
  { name: 'Cisco XCP Authentication Service', zh: 'Cisco XCP 身份验证服务', process: 'auth', group: 'feature', activatedByDefault: true, critical: 'xcpAuthMonitoring', dependsOn: [XCP_ROUTER], gatedByDataMonitor: true, startSeconds: 5, memoryKb: 90_000 },
  { name: 'Cisco XCP Message Archiver', process: 'tc', group: 'feature', activatedByDefault: false, dependsOn: [XCP_ROUTER], gatedByDataMonitor: true, startSeconds: 5, memoryKb: 80_000 },
  { name: 'Cisco XCP Directory Service', zh: 'Cisco XCP 目录服务', process: 'jds', group: 'feature', activatedByDefault: false, dependsOn: [XCP_ROUTER], gatedByDataMonitor: true, startSeconds: 5, memoryKb: 70_000 },
  { name: 'Cisco XCP SIP Federation Connection Manager', zh: 'Cisco XCP SIP 联合连接管理器', process: 'cm_sip_fed', group: 'feature', activatedByDefault: false, dependsOn: [XCP_ROUTER], gatedByDataMonitor: true, startSeconds: 6, memoryKb: 110_000 },
  { name: 'Cisco XCP XMPP Federation Connection Manager', zh: 'Cisco XCP XMPP 联合连接管理器', process: 'cm_xmpp_fed', group: 'feature', activatedByDefault: false, dependsOn: [XCP_ROUTER], gatedByDataMonitor: true, startSeconds: 6, memoryKb: 110_000 },
  { name: 'Cisco AXL Web Service', zh: 'Cisco AXL Web 服务', process: 'axl', group: 'feature', activatedByDefault: true, startSeconds: 8, memoryKb: 60_000 },
  { name: 'Cisco Bulk Provisioning Service', zh: 'Cisco 批量设置服务', process: 'bps', group: 'feature', activatedByDefault: true, startSeconds: 6, memoryKb: 70_000 },
];

/** Services of the CUCM publisher the IM&P cluster depends on (guide L3239-3256 and platform list). */
export const CUCM_SERVICES: readonly ServiceDefinition[] = [
  { name: 'A Cisco DB', process: 'cmoninit', group: 'platform', activatedByDefault: true, critical: 'database', startSeconds: 20, memoryKb: 1_100_000 },
  { name: 'A Cisco DB Replicator', process: 'dblrpc', group: 'platform', activatedByDefault: true, startSeconds: 8, memoryKb: 40_000 },
  { name: 'Cisco Tomcat', process: 'tomcat', group: 'platform', activatedByDefault: true, startSeconds: 25, memoryKb: 900_000 },
  { name: 'Cisco Service Manager', process: 'servM', group: 'platform', activatedByDefault: true, startSeconds: 2, memoryKb: 12_000 },
  { name: 'Cluster Manager', process: 'clm', group: 'platform', activatedByDefault: true, startSeconds: 3, memoryKb: 20_000 },
  { name: 'SNMP Master Agent', process: 'snmpdm', group: 'platform', activatedByDefault: true, startSeconds: 3, memoryKb: 10_000 },
  { name: 'Cisco Syslog Agent', process: 'sappagt', group: 'platform', activatedByDefault: true, startSeconds: 3, memoryKb: 15_000 },
  { name: 'Cisco CallManager', process: 'ccm', group: 'feature', activatedByDefault: true, startSeconds: 20, memoryKb: 650_000 },
  { name: 'Cisco TFTP', process: 'ctftp', group: 'feature', activatedByDefault: true, startSeconds: 8, memoryKb: 120_000 },
  { name: 'Cisco CTIManager', process: 'CTIManager', group: 'feature', activatedByDefault: true, startSeconds: 8, memoryKb: 150_000 },
  { name: 'Cisco AXL Web Service', process: 'axl', group: 'feature', activatedByDefault: true, startSeconds: 8, memoryKb: 60_000 },
  { name: 'Cisco DirSync', process: 'dirsync', group: 'feature', activatedByDefault: false, startSeconds: 6, memoryKb: 90_000 },
  { name: 'Cisco AMC Service', process: 'amc', group: 'network', activatedByDefault: true, startSeconds: 6, memoryKb: 160_000 },
  { name: 'Cisco RIS Data Collector', process: 'RisDC', group: 'network', activatedByDefault: true, startSeconds: 6, memoryKb: 140_000 },
  { name: 'Cisco Trace Collection Service', process: 'tracecollection', group: 'network', activatedByDefault: true, startSeconds: 5, memoryKb: 70_000 },
  { name: 'Cisco Certificate Expiry Monitor', process: 'certM', group: 'network', activatedByDefault: true, startSeconds: 4, memoryKb: 45_000 },
  { name: 'Cisco DRF Master', process: 'CiscoDRFMaster', group: 'network', activatedByDefault: true, startSeconds: 6, memoryKb: 110_000 },
  { name: 'Cisco DRF Local', process: 'CiscoDRFLocal', group: 'network', activatedByDefault: true, startSeconds: 5, memoryKb: 90_000 },
];

/** The critical services of an IM&P node given its SRM/persistent chat settings (seed-inventory 1.2, guide L2068-2096, L6192, L2161). */
export function criticalServiceNames(options: { persistentChatHa: boolean; xcpAuthServiceMonitoring: boolean }): string[] {
  return IMP_SERVICES.filter((s) => {
    switch (s.critical) {
      case 'always':
        return true;
      case 'persistentChatHa':
        return options.persistentChatHa;
      case 'xcpAuthMonitoring':
        return options.xcpAuthServiceMonitoring;
      default:
        return false;
    }
  }).map((s) => s.name);
}

/** Finds a service by its name, case-insensitively (the CLI accepts any case). */
export function findService(catalog: readonly ServiceDefinition[], name: string): ServiceDefinition | undefined {
  const wanted = name.trim().toLowerCase();
  return catalog.find((s) => s.name.toLowerCase() === wanted);
}
