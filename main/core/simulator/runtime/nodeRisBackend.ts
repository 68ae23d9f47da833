import type { RisBackend, RisCtiItem, RisDevice } from '../endpoints/soap/serviceabilityBackend.js';
import type { DeviceKind } from '../profile/profileSchema.js';
import type { ClusterModel } from '../model/clusterModel.js';

/**
 * Jabber device types on CUCM: name prefix and TypeModel / TypeProduct enums. Prefixes are Cisco's device
 * naming rules (CSF desktop, TCT iPhone, TAB tablet, BOT Android); model numbers are CUCM's TypeModel values
 * ([I]: not in the reference); product 390 for CSF as in the SOAP fixture.
 */
const DEVICE_TYPES: Readonly<Record<DeviceKind, { prefix: string; model: number; product: number; description: string }>> = {
  Desktop: { prefix: 'CSF', model: 503, product: 390, description: 'Jabber for Desktop' },
  iPhone: { prefix: 'TCT', model: 562, product: 562, description: 'Jabber for iPhone' },
  iPad: { prefix: 'TAB', model: 652, product: 652, description: 'Jabber for iPad' },
  Android: { prefix: 'BOT', model: 575, product: 575, description: 'Jabber for Android' },
};

/** CUCM device names: prefix + up to 12 upper-case characters of the user ID ([I] Cisco's 15-character limit). */
export function jabberDeviceName(kind: DeviceKind, userid: string): string {
  return `${DEVICE_TYPES[kind].prefix}${userid.toUpperCase().replace(/[^A-Z0-9._-]/g, '').slice(0, 12)}`;
}

/**
 * RisPort70 data of the CUCM publisher: every user's Jabber devices, registered to the publisher while the
 * device is logged in (the user's login mask in the model), unregistered otherwise; CTI providers are the
 * IM&P nodes' CTI gateway connections while their SIP Proxy runs ([I]). Rebuilt at most once per virtual ms.
 */
export function createNodeRisBackend(model: ClusterModel, cucmNodeName: string): RisBackend {
  const cucm = model.node(cucmNodeName);
  let cachedAt = Number.NaN;
  let cached: RisDevice[] = [];
  const devices = (): RisDevice[] => {
    const now = model.now();
    if (now === cachedAt) return cached;
    const up = cucm.reachable && cucm.services.isRunning('Cisco CallManager');
    const out: RisDevice[] = [];
    for (const u of model.users.users) {
      u.devices.forEach((kind, d) => {
        const t = DEVICE_TYPES[kind];
        const registered = up && (u.loggedIn & (1 << d)) !== 0;
        out.push({
          name: jabberDeviceName(kind, u.userid),
          nodeName: cucm.name,
          // Client addresses stay in 127.0.0.0/8 too, away from node addresses (127.0.x): nothing reported leaves loopback.
          ipAddress: `127.${20 + d}.${Math.floor(u.index / 250) % 256}.${(u.index % 250) + 1}`,
          dirNumber: String(100_000 + u.index),
          deviceClass: 'Phone',
          model: t.model,
          product: t.product,
          protocol: 'SIP',
          status: registered ? 'Registered' : 'UnRegistered',
          statusReason: registered ? 0 : 8,
          description: `${u.userid} ${t.description}`,
          loginUserId: u.userid,
          activeLoadId: 'Jabber_14.1',
          timeStamp: Math.floor(cucm.bootedAtMs / 1000) + ((u.index * 37 + d * 11) % 86_400),
        });
      });
    }
    cachedAt = now;
    cached = out;
    return out;
  };
  const ctiItems = (): RisCtiItem[] =>
    model.impNodes().map((n) => {
      const open = cucm.reachable && n.reachable && n.services.isRunning('Cisco SIP Proxy');
      return {
        nodeName: cucm.name,
        appId: `CUPS-CTIGW-${n.name}`,
        userId: 'impctigw',
        appIpAddr: n.ipAddress,
        appStatus: open ? 'Open' : 'Closed',
        appStatusReason: 0,
        appTimeStamp: Math.floor(n.bootedAtMs / 1000),
      };
    });
  return { cmNodes: () => [cucm.name], devices, ctiItems };
}
