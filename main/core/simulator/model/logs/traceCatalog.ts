/**
 * Where each service writes its traces: the RTMT trace file names of the guide's Table 47 (L11417-11447,
 * seed-inventory 6.6), split into directory, file prefix and extension; DRS traces from section 7.21.
 */
export interface TraceSetDefinition {
  /** Stable id used by `file build log` targets. */
  readonly id: string;
  /** Service whose events are written here ('' for platform sets). */
  readonly service: string;
  readonly dir: string;
  readonly prefix: string;
  /** Extension of rotated files ('.log.gz', '.txt.gz', '.log', '.txt'); the active file drops '.gz'. */
  readonly ext: string;
  /** Node roles that have this trace set. */
  readonly roles: readonly ('imp' | 'cucm')[];
}

/** Every trace set of a simulated node. */
export const TRACE_SETS: readonly TraceSetDefinition[] = [
  { id: 'xcp_router', service: 'Cisco XCP Router', dir: '/epas/trace/xcp/log', prefix: 'rtr-jsm-1', ext: '.log.gz', roles: ['imp'] },
  { id: 'xcp_cm', service: 'Cisco XCP Connection Manager', dir: '/epas/trace/xcp/log', prefix: 'client-cm-1', ext: '.log.gz', roles: ['imp'] },
  { id: 'xcp_auth', service: 'Cisco XCP Authentication Service', dir: '/epas/trace/xcp/log', prefix: 'auth-svc-1', ext: '.log.gz', roles: ['imp'] },
  { id: 'xcp_tc', service: 'Cisco XCP Text Conference Manager', dir: '/epas/trace/xcp/log', prefix: 'txt-conf-1', ext: '.log.gz', roles: ['imp'] },
  { id: 'xcp_sip_fed', service: 'Cisco XCP SIP Federation Connection Manager', dir: '/epas/trace/xcp/log', prefix: 'sip-cm-3', ext: '.log', roles: ['imp'] },
  { id: 'xcp_xmpp_fed', service: 'Cisco XCP XMPP Federation Connection Manager', dir: '/epas/trace/xcp/log', prefix: 'xmpp-cm-4', ext: '.log', roles: ['imp'] },
  { id: 'xcp_mft', service: 'Cisco XCP File Transfer Manager', dir: '/epas/trace/xcp/log', prefix: 'ft-1', ext: '.log.gz', roles: ['imp'] },
  { id: 'presence_engine', service: 'Cisco Presence Engine', dir: '/epas/trace/epe/sdi', prefix: 'epe', ext: '.txt.gz', roles: ['imp'] },
  { id: 'sip_proxy', service: 'Cisco SIP Proxy', dir: '/epas/trace/esp/sdi', prefix: 'esp', ext: '.txt.gz', roles: ['imp'] },
  { id: 'xcp_config_mgr', service: 'Cisco XCP Config Manager', dir: '/epas/trace/xcpconfigmgr/log4j', prefix: 'xcpconfigmgr', ext: '.log', roles: ['imp'] },
  { id: 'icsa', service: 'Cisco Intercluster Sync Agent', dir: '/epas/trace/cupicsa/log4j', prefix: 'icSyncAgent', ext: '.log', roles: ['imp'] },
  { id: 'sync_agent', service: 'Cisco Sync Agent', dir: '/epas/trace/cupsync/log4j', prefix: 'syncAgent', ext: '.log', roles: ['imp'] },
  { id: 'srm', service: 'Cisco Server Recovery Manager', dir: '/epas/trace/srm/sdi', prefix: 'srm', ext: '.txt', roles: ['imp'] },
  { id: 'data_monitor', service: 'Cisco IM and Presence Data Monitor', dir: '/epas/trace/imsdatamonitor/log4j', prefix: 'imsdatamonitor', ext: '.log', roles: ['imp'] },
  { id: 'cpa', service: 'Cisco Client Profile Agent', dir: '/tomcat/logs/epassoap/log4j', prefix: 'EPASSoap', ext: '.log', roles: ['imp'] },
  { id: 'axl', service: 'Cisco AXL Web Service', dir: '/tomcat/logs/axl/log4j', prefix: 'axl', ext: '.log', roles: ['imp', 'cucm'] },
  { id: 'tomcat_security', service: 'Cisco Tomcat', dir: '/tomcat/logs/security/log4j', prefix: 'security', ext: '.log', roles: ['imp', 'cucm'] },
  { id: 'syslog_agent', service: 'Cisco Syslog Agent', dir: '/cm/trace/syslogmib/sdi', prefix: 'syslogmib', ext: '.txt', roles: ['imp', 'cucm'] },
  { id: 'dbmon', service: 'A Cisco DB', dir: '/cm/trace/dbl/sdi', prefix: 'dbmon', ext: '.txt', roles: ['imp', 'cucm'] },
  { id: 'cluster_manager', service: 'Cluster Manager', dir: '/platform/log', prefix: 'clustermgr', ext: '.log', roles: ['imp', 'cucm'] },
  { id: 'service_manager', service: 'Cisco Service Manager', dir: '/platform/log', prefix: 'servm', ext: '.log', roles: ['imp', 'cucm'] },
  { id: 'ris_dc', service: 'Cisco RIS Data Collector', dir: '/cm/trace/ris/sdl', prefix: 'risdc', ext: '.txt', roles: ['imp', 'cucm'] },
  { id: 'drf_master', service: 'Cisco DRF Master', dir: '/platform/drf/trace', prefix: 'drfMA0', ext: '.log', roles: ['imp', 'cucm'] },
  { id: 'drf_local', service: 'Cisco DRF Local', dir: '/platform/drf/trace', prefix: 'drfLA0', ext: '.log', roles: ['imp', 'cucm'] },
  { id: 'callmanager', service: 'Cisco CallManager', dir: '/cm/trace/ccm/sdl', prefix: 'SDL001_100_', ext: '.txt.gz', roles: ['cucm'] },
  { id: 'audit', service: '', dir: '/audit/tomcat', prefix: 'audit', ext: '.log', roles: ['imp', 'cucm'] },
];

/**
 * `file build log <target> <days>` targets of the guide's Tables 45 and 46 (L11323-11385), each with the name in
 * its output file (`/epas/trace/log_<name>__YYYY-MM-DD-HHhMMmSSs.tar.gz`, L11386-11415) and the trace sets it packs.
 */
export const BUILD_LOG_TARGETS: Readonly<Record<string, { readonly outName: string; readonly ext?: string; readonly sets: readonly string[] }>> = {
  cisco_audit_logs: { outName: 'cisco_audit_logs', sets: ['audit'] },
  cisco_client_profile_agent: { outName: 'cisco_client_profile_agent', sets: ['cpa'] },
  cisco_cluster_manager: { outName: 'cisco_cluster_manager', sets: ['cluster_manager'] },
  cisco_config_agent: { outName: 'cisco_config_agent', sets: ['cluster_manager', 'xcp_config_mgr'] },
  cisco_database_layer_monitor: { outName: 'cisco_database_layer_monitor', sets: ['dbmon'] },
  cisco_inter_cluster_sync_agent: { outName: 'cisco_inter_cluster_sync_agent', sets: ['icsa'] },
  cisco_oam_agent: { outName: 'cisco_oam_agent', ext: '.gz', sets: ['service_manager'] },
  cisco_presence_engine: { outName: 'cisco_presence_engine', sets: ['presence_engine'] },
  cisco_ris_data_collector: { outName: 'cisco_ris_data_collector', sets: ['ris_dc'] },
  cisco_service_management: { outName: 'cisco_service_management', sets: ['service_manager'] },
  cisco_sip_proxy: { outName: 'cisco_sip_proxy', sets: ['sip_proxy'] },
  cisco_sync_agent: { outName: 'cisco_sync_agent', sets: ['sync_agent'] },
  cisco_xcp_config_mgr: { outName: 'cisco_xcp_config_mgr', sets: ['xcp_config_mgr'] },
  cisco_xcp_router: { outName: 'cisco_xcp_router', sets: ['xcp_router'] },
  admin_ui: { outName: 'admin_ui', sets: ['tomcat_security', 'axl'] },
  bat: { outName: 'bat', sets: ['axl'] },
  bosh: { outName: 'bosh', sets: ['xcp_router', 'xcp_cm'] },
  certificates: { outName: 'certificates', sets: ['tomcat_security', 'cluster_manager'] },
  cfg_agent_core: { outName: 'cfg_agent_core', sets: ['xcp_config_mgr'] },
  cvp: { outName: 'cvp', sets: ['sip_proxy'] },
  directory_groups: { outName: 'directory_groups', sets: ['sync_agent'] },
  disaster_recovery: { outName: 'disaster_recovery', sets: ['drf_master', 'drf_local'] },
  flexable_im_address: { outName: 'flexible_im_address', sets: ['sync_agent', 'xcp_router'] },
  general_core: { outName: 'general_core', sets: ['service_manager', 'cluster_manager'] },
  ha: { outName: 'ha', sets: ['srm', 'xcp_router', 'presence_engine'] },
  high_cpu: { outName: 'high_cpu', sets: ['xcp_router', 'xcp_sip_fed', 'sip_proxy', 'presence_engine', 'tomcat_security', 'syslog_agent'] },
  high_memory: { outName: 'high_memory', sets: ['xcp_router', 'presence_engine', 'syslog_agent'] },
  imdb: { outName: 'imdb_core', sets: ['presence_engine', 'dbmon'] },
  inter_cluster: { outName: 'inter_cluster', sets: ['icsa', 'axl', 'tomcat_security', 'syslog_agent'] },
  managed_file_transfer: { outName: 'managed_file_transfer', sets: ['xcp_mft', 'xcp_router'] },
  msft_exchange: { outName: 'msft_exchange', sets: ['presence_engine'] },
  msg_archiver: { outName: 'msg_archiver', sets: ['xcp_router'] },
  pe_core: { outName: 'pe_core', sets: ['presence_engine'] },
  presence_im_exchange: { outName: 'presence_im_exchange', sets: ['xcp_cm', 'xcp_router', 'presence_engine'] },
  pws: { outName: 'pws', sets: ['sip_proxy', 'cpa'] },
  remote_call_control: { outName: 'remote_call_control', sets: ['sip_proxy', 'presence_engine'] },
  sec_vulnerability: { outName: 'sec_vulnerability', sets: ['tomcat_security'] },
  serviceability_ui: { outName: 'serviceability_ui', sets: ['tomcat_security'] },
  sip_inter_federation: { outName: 'sip_inter_federation', sets: ['xcp_sip_fed', 'sip_proxy', 'presence_engine'] },
  sip_partitioned_federation: { outName: 'sip_partitioned_federation', sets: ['xcp_sip_fed', 'sip_proxy', 'presence_engine', 'xcp_router'] },
  sipd_core: { outName: 'sipd_core', sets: ['sip_proxy'] },
  tc_ha: { outName: 'tc_ha', sets: ['xcp_tc', 'srm'] },
  text_conference: { outName: 'text_conference', sets: ['xcp_tc'] },
  upgrade_issues: { outName: 'upgrade_issues', sets: ['cluster_manager', 'service_manager', 'data_monitor'] },
  user_connectivity: { outName: 'user_connectivity', sets: ['xcp_cm', 'xcp_auth', 'xcp_router'] },
  user_rosters: { outName: 'user_rosters', sets: ['xcp_router', 'presence_engine'] },
  xcp_core: { outName: 'xcp_core', sets: ['xcp_router'] },
  xmpp_inter_federation: { outName: 'xmpp_inter_federation', sets: ['xcp_xmpp_fed', 'xcp_router'] },
  deployment_info: { outName: 'deployment_info', sets: ['cluster_manager', 'service_manager'] },
};
