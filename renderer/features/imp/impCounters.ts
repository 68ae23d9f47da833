/**
 * Counters behind the IM and Presence views (serviceability-reference.md A.8 "IM and Presence Summary" and
 * "Cisco Jabber Summary"; seed-inventory.md 3.3 MDM, 3.5 MFT) and the JSM session capacity rule
 * (seed-inventory.md 4.1, guide L6977-7017).
 */
import type { MessageKey } from '../../i18n/messages.js';

/** One counter shown by the IM&P views (single-instance objects: instance ''). */
export interface ImpCounter {
  readonly object: string;
  readonly counter: string;
  /** Label key; counters without one show their Cisco name (MDM/MFT counters are named, not translated). */
  readonly label?: MessageKey;
}

/** RTMT IM and Presence Summary. */
export const IMP_SUMMARY: readonly ImpCounter[] = [
  { object: 'Cisco Presence Engine', counter: 'ActiveJsmSessions', label: 'imp.activeJsm' },
  { object: 'Cisco XCP JSM', counter: 'JsmIMSessions', label: 'imp.imSessions' },
  { object: 'Cisco XCP JSM', counter: 'JsmTotalMessagePackets', label: 'imp.imsHandled' },
  { object: 'Cisco XCP CM', counter: 'CmConnectedSockets', label: 'imp.xmppClients' },
  { object: 'Cisco XCP TC', counter: 'TcAdHocRooms', label: 'imp.adhocRooms' },
  { object: 'Cisco XCP TC', counter: 'TcPersistentRooms', label: 'imp.persistentRooms' },
];

/** RTMT Cisco Jabber Summary (the counters the nodes expose). */
export const JABBER_SUMMARY: readonly ImpCounter[] = [
  { object: 'Cisco SIP Proxy', counter: 'SIPClientRegisteredUsers', label: 'imp.sipRegistered' },
  { object: 'Cisco XCP Web CM', counter: 'WebConnectedSockets', label: 'imp.webClients' },
];

/** Cisco XCP MDM counter group (guide L6943-6955). */
export const MDM_COUNTERS: readonly ImpCounter[] = [
  'MDMSessions',
  'MDMSilentModeSessions',
  'MDMQuietModeSessions',
  'MDMBufferFlushes',
  'MDMBufferFlushesLimitReached',
  'MDMBufferFlushPacketCount',
  'MDMBufferAvgQueuedTime',
].map((counter) => ({ object: 'Cisco XCP MDM', counter }));

/** Cisco XCP MFT counters (guide Table 31, L8221-8233; "Upoaded" is Cisco's spelling). */
export const MFT_COUNTERS: readonly ImpCounter[] = [
  'MFTBytesDownloadedLastTimeslice',
  'MFTBytesUpoadedLastTimeslice',
  'MFTFilesDownloaded',
  'MFTFilesDownloadedLastTimeslice',
  'MFTFilesUploaded',
  'MFTFilesUploadedLastTimeslice',
].map((counter) => ({ object: 'Cisco XCP MFT', counter }));

/** Every counter the IM&P view reads. */
export const ALL_IMP_COUNTERS: readonly ImpCounter[] = [...IMP_SUMMARY, ...JABBER_SUMMARY, ...MDM_COUNTERS, ...MFT_COUNTERS];

/** OVA sizes (users) with a tested JSM session figure in the guide. */
export const OVA_SIZES = [5000, 15000, 25000] as const;

/**
 * Returns the supported JSM sessions of a node: 1.5 × the OVA's users (5K → 7.5K, 15K → 22.5K, 25K → 37.5K),
 * halved for HA active/active "because the custom alert can only be configured per node" (guide L6977-7017).
 */
export function supportedJsmSessions(ovaUsers: number, activeActive: boolean): number {
  const full = ovaUsers * 1.5;
  return activeActive ? full / 2 : full;
}

/** Returns used/supported in percent (undefined when either is unknown or supported is 0). */
export function capacityPercent(used: number | undefined, supported: number): number | undefined {
  if (used === undefined || !(supported > 0)) return undefined;
  return (used / supported) * 100;
}
