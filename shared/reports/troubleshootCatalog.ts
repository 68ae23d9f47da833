/**
 * The System Troubleshooter's words (issue 14; guide "运行系统故障诊断程序" L11224-11250, the result states L11269):
 * per category its title, per test its title, the guide's solution and where a person fixes it ("单击解决方案列中的修复
 * 链接以转至 … 该故障诊断程序在其中找到了问题", L11269), and per problem code a template with `{placeholders}`,
 * each in English and Chinese. Main fills TroubleshootTest.problem / solution / fixAt with the English; the renderer
 * shows the Chinese by problemCode + values. Chinese titles and menu paths are the guide's own words where it has them
 * (its category list L11228-11243, its menu paths cited per entry); the rest is ours in the same terms.
 * Menu paths: "CM IM&P Admin" = Cisco Unified CM IM and Presence Administration (Cisco Unified CM IM and Presence 管理),
 * "CM Admin" = Cisco Unified CM Administration (Cisco Unified CM 管理), "IM&P Serviceability" = Cisco Unified IM and
 * Presence Serviceability (Cisco Unified IM and Presence 功能配置).
 */
import type { TroubleshootCategory } from '../model/reports.js';

export type CatalogLanguage = 'en' | 'zh';
export interface CatalogText {
  readonly en: string;
  readonly zh: string;
}

/** The guide's fifteen categories (L11228-11243), in its words. */
export const TROUBLESHOOT_CATEGORY_TITLES: Readonly<Record<TroubleshootCategory, CatalogText>> = {
  system: { en: 'System problems', zh: '系统问题' },
  'sync-agent': { en: 'Sync Agent problems', zh: '同步代理问题' },
  'presence-engine': { en: 'Presence Engine problems', zh: 'Presence Engine 问题' },
  'sip-proxy': { en: 'SIP Proxy problems', zh: 'SIP 代理问题' },
  'microsoft-rcc': { en: 'Microsoft RCC problems', zh: 'Microsoft RCC 问题' },
  calendar: { en: 'Calendar problems', zh: '日历问题' },
  intercluster: { en: 'Intercluster problems', zh: '群集间问题' },
  topology: { en: 'Topology problems', zh: '拓扑问题' },
  'jabber-redundancy': { en: 'Cisco Jabber redundancy assignment', zh: 'Cisco Jabber 冗余分配' },
  'external-servers': { en: 'External server entries', zh: '外部服务器条目' },
  compliance: { en: 'Third-party compliance servers', zh: '第三方合规服务器' },
  'third-party-ldap': { en: 'Third-party LDAP connections', zh: '第三方 LDAP 连接' },
  ldap: { en: 'LDAP connections', zh: 'LDAP 连接' },
  'xcp-status': { en: 'XCP status', zh: 'XCP 状态' },
  'user-configuration': { en: 'User configuration', zh: '用户配置' },
};

/** One test: its title, the guide's solution and where the fix is made, and the guide lines they come from. */
export interface TroubleshootTestEntry {
  readonly category: TroubleshootCategory;
  readonly title: CatalogText;
  readonly solution: CatalogText;
  readonly fixAt: CatalogText;
  /** Where the words come from: guide lines, reference sections, or "ours". */
  readonly source: string;
}

const CONTROL_CENTER: CatalogText = {
  en: 'Cisco Unified IM and Presence Serviceability > Tools > Control Center - Network Services / Feature Services',
  zh: 'Cisco Unified IM and Presence 功能配置 > 工具 > 控制中心 - 网络服务 / 控制中心 - 功能服务',
};
const END_USER: CatalogText = {
  en: 'Cisco Unified CM Administration > User Management > End User (End User Configuration); in the LDAP directory when users are synchronised from it',
  zh: 'Cisco Unified CM 管理 > 用户管理 > 最终用户（最终用户配置窗口）；用户从 LDAP 目录同步时在 LDAP 目录中',
};
const REPLICATION_CLI: CatalogText = { en: 'Admin CLI on the IM and Presence database publisher: utils dbreplication', zh: 'IM and Presence 数据库发布方节点的 CLI：utils dbreplication' };
const PRESENCE_TOPOLOGY: CatalogText = { en: 'Cisco Unified CM IM and Presence Administration > System > Presence Topology', zh: 'Cisco Unified CM IM and Presence 管理 > 系统 > Presence 拓扑' };
const REDUNDANCY_GROUPS: CatalogText = { en: 'Cisco Unified CM Administration > System > Presence Redundancy Groups', zh: 'Cisco Unified CM 管理 > 系统 > Presence 冗余组' };

const SERVICE_SOLUTION = (service: string, zhService: string): CatalogText => ({
  en: `Start ${service} on the node (Control Center), and find out why it stopped (its traces; Alert Central). Services the guide lists as critical must run before HA is enabled (L2068-2098, L2174-2180).`,
  zh: `在该节点上启动 ${zhService}（控制中心），并查明其停止的原因（跟踪、警报中心）。启用高可用性之前，指南列出的关键服务必须运行（L2068-2098、L2174-2180）。`,
});

const DIAGNOSE = (module: string): CatalogText => ({
  en: `Correct the entries the test names and run the troubleshooter again (L11269); the node's own check: utils diagnose module ${module}.`,
  zh: `请更正测试指出的条目，然后返回该故障诊断程序（L11269）；节点自身的检查：utils diagnose module ${module}。`,
});

/** Every test, keyed `<category>/<test>` (TroubleshootTest.category / .test). */
export const TROUBLESHOOT_TESTS: Readonly<Record<string, TroubleshootTestEntry>> = {
  'system/services-running': {
    category: 'system',
    title: { en: 'Every activated service is running on every node', zh: '所有节点上所有已激活的服务均在运行' },
    solution: {
      en: 'Start the stopped services (Control Center) and find out why they stopped; with services down, enabling HA fails over at once (L2174-2180).',
      zh: '启动已停止的服务（控制中心）并查明停止原因；若关键服务未运行，启用高可用性后会立即发生故障转移（L2174-2180）。',
    },
    fixAt: CONTROL_CENTER,
    source: 'guide L2068-2098, L2174-2180; reference D.2',
  },
  'system/ntp-synchronised': {
    category: 'system',
    title: { en: 'NTP synchronised (stratum ≤ 3 on a publisher, ≤ 4 on a subscriber)', zh: 'NTP 已同步（发布方层级 ≤ 3，订阅方层级 ≤ 4）' },
    solution: {
      en: 'Make the publisher reach a good NTP server (stratum 3 at most) and let the subscribers synchronise with the publisher; check with utils ntp status.',
      zh: '使发布方节点连接到良好的 NTP 服务器（层级最多为 3），并让订阅方节点同发布方节点同步时间（L12022）；使用 utils ntp status 检查。',
    },
    fixAt: { en: 'Cisco Unified OS Administration on the publisher > Settings > NTP Servers; admin CLI utils ntp', zh: '发布方节点的 Cisco Unified 操作系统管理 > 设置 > NTP 服务器；CLI utils ntp' },
    source: 'guide L12022 (subscribers synchronise with the publisher); reference D.9 (stratum 3 publisher / 4 subscriber)',
  },
  'system/replication': {
    category: 'system',
    title: { en: 'Database replication set up on every node (state 2)', zh: '所有节点上已设置数据库复制（复制设置值为 2）' },
    solution: {
      en: 'Every node must show replication setup 2 (utils dbreplication runtimestate). If not, clear the errors first: utils dbreplication reset all; if setup failed or reset does not help, utils dbreplication rebuild.',
      zh: '如果数据库复制已设置且处于良好状态，每个节点的复制设置值为 2。如果返回的值不是 2，则必须先消除错误（L2062）：使用 utils dbreplication reset（L10618）；如果复制未正确设置，使用 utils dbreplication rebuild（L10555）。',
    },
    fixAt: REPLICATION_CLI,
    source: 'guide L2045-2066, L10551-10555, L10616-10618; reference D.3',
  },
  'system/certificates-valid': {
    category: 'system',
    title: { en: 'No certificate of any node expired or about to expire', zh: '所有节点的证书均未过期或即将过期' },
    solution: {
      en: 'Renew the certificate before it expires (regenerate a self-signed one, or have the CA sign a new request) and upload the new trust certificate where peers need it; the Certificate Expiry Monitor warns in advance (L4833-4858).',
      zh: '在证书到期之前更新证书（重新生成自签名证书，或由 CA 签署新的请求），并在对等方需要时上传新的信任证书；系统会定期检查证书状态并在证书即将到期时发出通知（L4833-4858）。',
    },
    fixAt: { en: 'Cisco Unified IM and Presence OS Administration > Security > Certificate Management', zh: 'Cisco Unified IM and Presence 操作系统管理 > 安全性 > 证书管理' },
    source: 'guide L4395 (Certificate Management), L4833-4858; the test in this category is ours',
  },
  'sync-agent/service-running': {
    category: 'sync-agent',
    title: { en: 'Cisco Sync Agent runs on the IM and Presence database publisher', zh: '思科同步代理在 IM and Presence 数据库发布方节点上运行' },
    solution: {
      en: 'Start Cisco Sync Agent on the IM and Presence database publisher: database synchronisation from Cisco Unified Communications Manager needs it (L861), and feature services wait for it (L895).',
      zh: '在 IM and Presence 数据库发布方节点上启动思科同步代理：要激活数据库同步，必须运行思科同步代理网络服务（L861）；相关服务在同步完成后才可启动（L895）。',
    },
    fixAt: CONTROL_CENTER,
    source: 'guide L861, L895, L910',
  },
  'sync-agent/sync-status': {
    category: 'sync-agent',
    title: { en: 'Sync Agent has synchronised from Cisco Unified Communications Manager', zh: '同步代理已从 Cisco Unified Communications Manager 完成同步' },
    solution: {
      en: 'Check the Sync Agent status on the System Dashboard (Cisco Unified CM publisher address and sync status, L910); restart Cisco Sync Agent once the publisher is reachable.',
      zh: '要检查思科同步代理的状态，请选择“诊断”>“系统控制板”，您会找到 Cisco Unified Communications Manager 发布方节点 IP 地址以及同步状态（L910）；发布方可访问后重新启动思科同步代理。',
    },
    fixAt: { en: 'Cisco Unified CM IM and Presence Administration > Diagnostics > System Dashboard', zh: 'Cisco Unified CM IM and Presence 管理 > 诊断 > 系统控制板' },
    source: 'guide L895, L910; reference D.9 (utils diagnose)',
  },
  'presence-engine/service-running': {
    category: 'presence-engine',
    title: { en: 'Cisco Presence Engine runs on every IM and Presence node', zh: 'Cisco Presence Engine 在每个 IM and Presence 节点上运行' },
    solution: SERVICE_SOLUTION('Cisco Presence Engine', 'Cisco Presence Engine'),
    fixAt: CONTROL_CENTER,
    source: 'guide L2068-2098 (critical services), L12554-12559',
  },
  'sip-proxy/service-running': {
    category: 'sip-proxy',
    title: { en: 'Cisco SIP Proxy runs on every IM and Presence node', zh: 'Cisco SIP 代理在每个 IM and Presence 节点上运行' },
    solution: SERVICE_SOLUTION('Cisco SIP Proxy', 'Cisco SIP 代理'),
    fixAt: CONTROL_CENTER,
    source: 'guide L2068-2098 (critical services), L12554-12559',
  },
  'microsoft-rcc/msrcc': {
    category: 'microsoft-rcc',
    title: { en: 'Microsoft Remote Call Control integration', zh: 'Microsoft 远程呼叫控制 (RCC) 集成' },
    solution: {
      en: 'Run the Microsoft RCC Troubleshooter: it checks the users and the connections between Microsoft Lync/LCS/OCS and IM and Presence (L11270).',
      zh: '使用 Microsoft 远程呼叫控制 (RCC) 故障诊断程序：它验证 Microsoft Lync、LCS 或 OCS 服务器与 IM and Presence Service 之间的用户相关和连接相关问题（L11270）。',
    },
    fixAt: { en: 'Cisco Unified CM IM and Presence Administration > Diagnostics > Microsoft RCC Troubleshooter', zh: 'Cisco Unified CM IM and Presence 管理 > 诊断 > Microsoft RCC 故障诊断程序' },
    source: 'guide L11270; module designed (reports-design)',
  },
  'calendar/calendar': {
    category: 'calendar',
    title: { en: 'Calendar (Microsoft Exchange / Office 365) servers reachable', zh: '日历（Microsoft Exchange / Office 365）服务器可访问' },
    solution: {
      en: 'Correct the Exchange presence gateway the test names (address, certificate, credentials) so that Presence Engine reaches it (L1059, L5049).',
      zh: '更正测试指出的 Exchange Presence 网关（地址、证书、凭据），使 Presence Engine 能连接到 Exchange 服务器（L1059、L5049）。',
    },
    fixAt: { en: 'Cisco Unified CM IM and Presence Administration > Presence > Gateways', zh: 'Cisco Unified CM IM and Presence 管理 > Presence > 网关' },
    source: 'guide L1059, L3214, L5049; module designed',
  },
  'intercluster/peers': {
    category: 'intercluster',
    title: { en: 'Every intercluster peer connected and its certificates exchanged', zh: '每个群集间对等成员均已连接并已成功交换安全证书' },
    solution: {
      en: 'Verify that each TLS-enabled intercluster peer exchanged security certificates and that each peer connection has its check mark; open the peer named here and correct it (L4512-4515, L5277-5280).',
      zh: '在群集间故障诊断程序中，查找测试验证每个启用 TLS 的群集间对等成员是否已成功交换安全证书（L4512）；验证每个群集间对等连接条目的状态旁边是否有复选标记（L5280）；选择 Presence > 群集间，然后单击相关对等节点的链接（L4515）。',
    },
    fixAt: { en: 'Cisco Unified CM IM and Presence Administration > Presence > Inter-Clustering', zh: 'Cisco Unified CM IM and Presence 管理 > Presence > 群集间' },
    source: 'guide L4512-4515, L4606-4612, L5277-5280',
  },
  'topology/nodes-in-groups': {
    category: 'topology',
    title: { en: 'Every IM and Presence node is in a presence redundancy group', zh: '每个 IM and Presence 节点都在 Presence 冗余组中' },
    solution: {
      en: 'Add the node to a presence redundancy group: a node in no group serves no users (L2100-2133).',
      zh: '将节点添加到 Presence 冗余组：不在任何组中的节点不为用户提供服务（L2100-2133）。',
    },
    fixAt: REDUNDANCY_GROUPS,
    source: 'guide L2100-2133',
  },
  'topology/users-assigned': {
    category: 'topology',
    title: { en: 'Every user is assigned to a node', zh: '所有用户均已分配到节点' },
    solution: {
      en: 'Assign the users to nodes (or set the user assignment mode so that the Sync Agent assigns them, L863, L2200-2214); an unassigned user cannot log in.',
      zh: '将用户分配到节点（或配置用户分配模式，让同步代理分配用户，L863、L2200-2214）；未分配的用户无法登录。',
    },
    fixAt: PRESENCE_TOPOLOGY,
    source: 'guide L863, L2200-2214, L9176',
  },
  'topology/groups-balanced': {
    category: 'topology',
    title: { en: 'Users balanced within each presence redundancy group', zh: '每个 Presence 冗余组内的用户分配均衡' },
    solution: {
      en: 'IM and Presence never rebalances users by itself: reassign users between the nodes of the group (Presence Topology shows assigned users per node, L1223, L9950); a node above its capacity needs users moved off it.',
      zh: 'IM and Presence 不会自动重新平衡用户：请在组内节点之间重新分配用户（Presence 拓扑窗口显示每个节点的已分配用户数，L1223、L9950）；可能必须在 Presence 冗余组中重新分配用户（L1003）。',
    },
    fixAt: PRESENCE_TOPOLOGY,
    source: 'guide L1003, L1219-1223, L9950; 20 % imbalance threshold ours',
  },
  'jabber-redundancy/groups-redundant': {
    category: 'jabber-redundancy',
    title: { en: 'Every presence redundancy group has two nodes and HA enabled', zh: '每个 Presence 冗余组均有两个节点并已启用高可用性' },
    solution: {
      en: 'Add a second node to the group and enable high availability once replication is set up and the critical services run (L1003, L2174-2198).',
      zh: '要提供平衡的高可用性，必须向 Presence 冗余组添加第二个节点（L1003）；在设置复制并确保所有关键服务运行后启用高可用性（L2174-2198）。',
    },
    fixAt: REDUNDANCY_GROUPS,
    source: 'guide L1003, L2174-2198',
  },
  'jabber-redundancy/users-redundant': {
    category: 'jabber-redundancy',
    title: { en: 'Users are assigned only to redundant groups', zh: '用户仅分配到具有冗余的组' },
    solution: {
      en: 'Users on a group without a second node or with HA disabled have no backup node for Cisco Jabber: make the group redundant or move the users (L1003, L2174-2198).',
      zh: '分配到没有第二个节点或未启用高可用性的组的用户，Cisco Jabber 没有备份节点：使该组具有冗余，或移动这些用户（L1003、L2174-2198）。',
    },
    fixAt: PRESENCE_TOPOLOGY,
    source: 'guide L1003, L2174-2198',
  },
  'external-servers/entries': {
    category: 'external-servers',
    title: { en: 'External database and external file server entries work', zh: '外部数据库和外部文件服务器条目正常' },
    solution: {
      en: 'Verify that the external database and external file server settings have no problem (their status areas, L6780-6798); correct the entry the test names.',
      zh: '验证并确保外部数据库设置和外部文件服务器设置不存在任何问题（L6780-6798）；更正测试指出的条目。',
    },
    fixAt: { en: 'Cisco Unified CM IM and Presence Administration > Messaging > External Server Setup', zh: 'Cisco Unified CM IM and Presence 管理 > 消息 > 外部服务器设置' },
    source: 'guide L5773, L6780-6798, Table 30 L8145-8219',
  },
  'compliance/servers': {
    category: 'compliance',
    title: { en: 'Third-party compliance servers reachable', zh: '第三方合规服务器可访问' },
    solution: DIAGNOSE('compliance'),
    fixAt: { en: 'Cisco Unified CM IM and Presence Administration > Messaging > Compliance > Compliance Settings', zh: 'Cisco Unified CM IM and Presence 管理 > 消息 > 合规性 > 合规性设置' },
    source: 'guide L12517; module designed',
  },
  'third-party-ldap/servers': {
    category: 'third-party-ldap',
    title: { en: 'Third-party LDAP servers reachable', zh: '第三方 LDAP 服务器可访问' },
    solution: DIAGNOSE('third_party_ldap'),
    fixAt: { en: 'Cisco Unified CM IM and Presence Administration > Application > Third-Party Clients > Third-Party LDAP Servers', zh: 'Cisco Unified CM IM and Presence 管理 > 应用程序 > 第三方客户端 > 第三方 LDAP 服务器' },
    source: 'guide L2930, L12538; module designed',
  },
  'ldap/servers': {
    category: 'ldap',
    title: { en: 'LDAP directory servers reachable', zh: 'LDAP 目录服务器可访问' },
    solution: DIAGNOSE('ldap'),
    fixAt: { en: 'Cisco Unified CM Administration > System > LDAP > LDAP Directory', zh: 'Cisco Unified CM 管理 > 系统 > LDAP > LDAP 目录' },
    source: 'guide L1941, L2683; module designed',
  },
  'xcp-status/services-running': {
    category: 'xcp-status',
    title: { en: 'XCP services running on every IM and Presence node', zh: '所有 IM and Presence 节点上的 XCP 服务均在运行' },
    solution: {
      en: 'Start the stopped XCP services; if Cisco XCP Router is down every XCP service stops with it (L1788): start the router first.',
      zh: '启动已停止的 XCP 服务；Cisco XCP 路由器停止时，所有 XCP 服务随之停止（L1788）：请先启动路由器。',
    },
    fixAt: CONTROL_CENTER,
    source: 'guide L1788, L2068-2098',
  },
  'user-configuration/unique-userid': {
    category: 'user-configuration',
    title: { en: 'Every user has a unique user ID', zh: '验证所有用户均已配置唯一的用户 ID' },
    solution: {
      en: 'Act at once: every user in an intercluster deployment must have a unique user ID (Table 32, DuplicateUserid).',
      zh: '如果系统发出 DuplicateUserid 警报，请立即采取措施并纠正问题。群集间部署中的每位用户必须有唯一的用户 ID（表 32）。',
    },
    fixAt: END_USER,
    source: 'guide L8456, L8466, Table 32 L8576',
  },
  'user-configuration/directory-uri-configured': {
    category: 'user-configuration',
    title: { en: 'Every user has a directory URI', zh: '验证所有用户均已配置目录 URI' },
    solution: {
      en: 'Give every user a directory URI in the user@domain form (an empty URI is invalid; InvalidDirectoryURI, Table 32).',
      zh: '为每位用户配置 user@domain 格式的目录 URI（空的目录 URI 无效；InvalidDirectoryURI，表 32）。',
    },
    fixAt: END_USER,
    source: 'guide L8457, L8466, Table 32',
  },
  'user-configuration/unique-directory-uri': {
    category: 'user-configuration',
    title: { en: 'Every user has a unique directory URI', zh: '验证所有用户均已配置唯一的目录 URI' },
    solution: {
      en: 'Every user must be assigned a unique directory URI (DuplicateDirectoryURI: act at once with the directory URI IM address scheme; recommended with userID@Default_Domain).',
      zh: '每位用户必须分配唯一的目录 URI（使用目录 URI IM 地址方案且发出 DuplicateDirectoryURI 警报时，请立即采取措施；使用 userID@Default_Domain 方案时，思科建议您解决该问题）（表 32）。',
    },
    fixAt: END_USER,
    source: 'guide L8458, L8466, Table 32',
  },
  'user-configuration/valid-directory-uri': {
    category: 'user-configuration',
    title: { en: 'Every user has a valid directory URI', zh: '验证所有用户均已配置有效的目录 URI' },
    solution: {
      en: 'A URI not in the user@domain form is not a valid directory URI: correct it (InvalidDirectoryURI, Table 32).',
      zh: '非 user@domain 格式的 URI 不是有效的目录 URI：请更正（InvalidDirectoryURI，表 32）。',
    },
    fixAt: END_USER,
    source: 'guide L8459, L8466, Table 32',
  },
  'user-configuration/unique-mail-id': {
    category: 'user-configuration',
    title: { en: 'Every user has a unique mail ID', zh: '验证所有用户均已配置唯一的邮件 ID' },
    solution: {
      en: 'Give each user their own mail ID: duplicate mail IDs affect the e-mail addresses of federation and Exchange calendar integration (L8462).',
      zh: '为每位用户配置自己的邮件 ID：重复的邮件 ID 将影响联合和 Exchange 日历集成功能的电子邮件地址（L8462）。',
    },
    fixAt: END_USER,
    source: 'guide L8460-8462',
  },
  'user-configuration/mail-id-configured': {
    category: 'user-configuration',
    title: { en: 'Every user has a mail ID', zh: '所有用户均已配置邮件 ID' },
    solution: {
      en: 'Set the mail ID of these users (federation and Exchange calendar integration use it, L8462).',
      zh: '为这些用户配置邮件 ID（联合和 Exchange 日历集成功能使用该地址，L8462）。',
    },
    fixAt: END_USER,
    source: 'guide L8462; a missing mail ID as its own test is ours',
  },
};

/** Problem templates by TroubleshootTest.problemCode; `{name}` is filled from TroubleshootTest.values. */
export const TROUBLESHOOT_PROBLEMS: Readonly<Record<string, CatalogText>> = {
  'not-checked-command': { en: 'Not checked: {source} could not be read on {node}: {error}', zh: '未检查：无法在 {node} 上读取 {source}：{error}' },
  'not-checked-nodes': { en: 'Not checked on {count} node(s) that could not be read: {nodes}', zh: '未检查：无法读取 {count} 个节点：{nodes}' },
  'not-checked-nothing-configured': { en: 'Not checked: nothing configured ({detail})', zh: '未检查：未配置任何内容（{detail}）' },
  'not-checked-no-node': { en: 'Not checked: the cluster has no {role} to ask', zh: '未检查：群集中没有可查询的 {role}' },
  'not-checked-layout': { en: 'Not checked: the presence redundancy groups and user assignment could not be read', zh: '未检查：无法读取 Presence 冗余组和用户分配' },
  'services-not-running': { en: '{count} activated service(s) not running: {list}', zh: '{count} 个已激活的服务未运行：{list}' },
  'service-not-running': { en: '{service} is not running on {nodes}', zh: '{service} 未在 {nodes} 上运行' },
  'service-not-activated': { en: '{service} is not activated on {nodes}', zh: '{service} 未在 {nodes} 上激活' },
  'ntp-not-synchronised': { en: 'NTP not synchronised on {nodes}', zh: '{nodes} 的 NTP 未同步' },
  'ntp-stratum-high': { en: 'NTP stratum too high: {list}', zh: 'NTP 层级过高：{list}' },
  'replication-not-set-up': { en: 'Replication setup is not 2 on {nodes}', zh: '{nodes} 的复制设置值不是 2' },
  'replication-unreported': { en: 'utils dbreplication runtimestate lists no replication state for {nodes}', zh: 'utils dbreplication runtimestate 未列出 {nodes} 的复制状态' },
  'certificates-expired': { en: '{count} certificate(s) expired: {list}', zh: '{count} 个证书已过期：{list}' },
  'certificates-expiring': { en: '{count} certificate(s) expire within {days} days: {list}', zh: '{count} 个证书将在 {days} 天内过期：{list}' },
  'diagnose-failed': { en: '{module} failed: {detail}', zh: '{module} 测试失败：{detail}' },
  'diagnose-warning': { en: '{module} warning: {detail}', zh: '{module} 测试预警：{detail}' },
  'nodes-not-in-group': { en: '{count} IM and Presence node(s) in no presence redundancy group: {nodes}', zh: '{count} 个 IM and Presence 节点不在任何 Presence 冗余组中：{nodes}' },
  'users-unassigned': { en: '{count} of {total} users are assigned to no node', zh: '{total} 位用户中有 {count} 位未分配到任何节点' },
  'groups-unbalanced': { en: 'Unbalanced groups: {list}', zh: '用户分配不均衡的组：{list}' },
  'groups-not-redundant': { en: 'Groups without redundancy: {list}', zh: '没有冗余的组：{list}' },
  'users-not-redundant': { en: '{count} users are assigned to groups without redundancy: {groups}', zh: '{count} 位用户分配到没有冗余的组：{groups}' },
  'duplicate-userid': { en: '{count} duplicate user ID(s): {users}', zh: '{count} 个重复的用户 ID：{users}' },
  'no-directory-uri': { en: '{count} user(s) without a directory URI: {users}', zh: '{count} 位用户未配置目录 URI：{users}' },
  'duplicate-directory-uri': { en: '{count} directory URI(s) assigned to more than one user: {users}', zh: '{count} 个目录 URI 分配给了多位用户：{users}' },
  'invalid-directory-uri': { en: '{count} user(s) with an invalid directory URI: {users}', zh: '{count} 位用户的目录 URI 无效：{users}' },
  'duplicate-mail-id': { en: '{count} mail ID(s) shared by more than one user: {users}', zh: '{count} 个邮件 ID 由多位用户共用：{users}' },
  'no-mail-id': { en: '{count} user(s) without a mail ID: {users}', zh: '{count} 位用户未配置邮件 ID：{users}' },
};

/** Fills a template's `{name}` placeholders; unknown ones stay visible. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A problem's text in a language, or undefined for an unknown code. */
export function troubleshootProblemText(code: string, values: Readonly<Record<string, string | number>> | undefined, language: CatalogLanguage): string | undefined {
  const t = TROUBLESHOOT_PROBLEMS[code];
  return t ? fillTemplate(t[language], values) : undefined;
}

/** A test's catalogue entry (`category/test`), or undefined. */
export function troubleshootTestEntry(category: TroubleshootCategory, test: string): TroubleshootTestEntry | undefined {
  return TROUBLESHOOT_TESTS[`${category}/${test}`];
}
