import type { JobText } from '../../../shared/model/views.js';

/**
 * Notes the guide gives when a service is restarted (seed-inventory.md 1.4 and section 13, guide L9968,
 * L1402-1430, L12503-12582), shown with the Control Center job result. Each note has a key the renderer words
 * per language (`jobText.note.<key>` in renderer/i18n/messages.ts); the English text stays for logs.
 */
const NOTES: Readonly<Record<string, { readonly key: string; readonly en: string }>> = {
  'cisco xcp router': {
    key: 'xcpRouter',
    en: 'Restarting Cisco XCP Router restarts the XCP feature services that depend on it (guide L1788, L8072). Do not restart Cisco Presence Engine right after it: wait until every JSM session is recreated (ActiveJsmSessions back to the assigned users; guide L9968).',
  },
  'cisco presence engine': {
    key: 'presenceEngine',
    en: 'After a Presence Engine restart, watch "Cisco Presence Engine" ActiveJsmSessions until it equals the users assigned to the node (guide L1443-1453); with HA, wait before re-enabling it.',
  },
  'cisco sip proxy': { key: 'sipProxy', en: 'Alarm PWSSCInitFailed asks for a Cisco SIP Proxy restart (guide L12559).' },
  'cisco xcp file transfer manager': { key: 'xcpFileTransfer', en: 'It starts only when the external database and file server are reachable; after changing its thresholds restart Cisco XCP Router (guide L8160).' },
  'cisco oamagent': { key: 'oamAgent', en: 'After TLS peer/context changes, restart Cisco OAMAgent on all nodes, then Cisco Presence Engine (guide L3306-3312).' },
  'cisco intercluster sync agent': { key: 'intercluster', en: 'Intercluster sync retries every 5 minutes; expect a sync status alarm within 5-10 minutes (guide L9627-9638).' },
};

/** The guide's note for a service, if any (English). */
export function serviceRestartNote(service: string): string | undefined {
  return NOTES[service.trim().toLowerCase()]?.en;
}

/** The guide's note for a service as a translatable text, if any. */
export function serviceRestartNoteText(service: string): JobText | undefined {
  const n = NOTES[service.trim().toLowerCase()];
  return n ? { key: `note.${n.key}` } : undefined;
}
