import type { RisBackend, RisCtiItem, RisDevice } from './serviceabilityBackend.js';
import { child, childText, children, type XmlValue } from './soapEnvelope.js';
import { risRateFaultText } from './soapFault.js';
import { limitItems } from './soapLimits.js';
import { dispatchOperation, xmlReply, type SoapService } from './soapService.js';
import type { SlidingWindowRateLimiter } from './rateLimiter.js';
import { el, leaf, responseElement } from './xmlText.js';
import { risWsdl } from './wsdl/serviceWsdls.js';

/** The path of RISService70 (reference B.2). */
export const RIS_PATH = '/realtimeservice2/services/RISService70';

/** Most devices one selectCmDevice returns (reference B.2, [T] MAXRETURNEDDEVICES_SCH_9_1 = 1000). */
export const RIS_MAX_RETURNED = 1000;

/** The items of `<SelectItems><item><Item>x</Item></item></SelectItems>` (also `<item>x</item>`). */
function selectItems(node: XmlValue | undefined, listName: string, itemName: string): string[] {
  return limitItems(children(child(node, listName), 'item'), listName)
    .map((i) => (typeof i === 'string' ? i : childText(i, itemName)))
    .filter((s) => s !== '');
}

/** Case-insensitive match with `*` as wildcard (the Cisco sample selects `{ 'Item': '*' }`). */
function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(value);
}

const anyOr = (want: string, actual: string): boolean => want === '' || want === 'Any' || want === actual;

function deviceXml(d: RisDevice): string {
  return el(
    'item',
    leaf('Name', d.name) + leaf('DirNumber', d.dirNumber) + leaf('DeviceClass', d.deviceClass) + leaf('Model', d.model) +
      leaf('Product', d.product) + leaf('BoxProduct', 0) + leaf('Httpd', 'Yes') + leaf('RegistrationAttempts', 0) +
      leaf('IsCtiControllable', true) + leaf('LoginUserId', d.loginUserId ?? '') + leaf('Status', d.status) +
      leaf('StatusReason', d.statusReason) + leaf('PerfMonObject', 2) + leaf('DChannel', 0) + leaf('Description', d.description) +
      leaf('H323Trunk', '') + leaf('TimeStamp', d.timeStamp) + leaf('Protocol', d.protocol) + leaf('NumOfLines', d.dirNumber ? 1 : 0) +
      el('LinesStatus', d.dirNumber ? el('item', leaf('DirectoryNumber', d.dirNumber) + leaf('Status', d.status)) : '') +
      leaf('ActiveLoadID', d.activeLoadId ?? '') + leaf('InactiveLoadID', '') + leaf('DownloadStatus', 'Unknown') +
      leaf('DownloadFailureReason', '') + leaf('DownloadServer', '') +
      el('IPAddress', el('item', leaf('IP', d.ipAddress) + leaf('IPAddrType', 'ipv4') + leaf('Attribute', 'Unknown'))),
  );
}

function ctiXml(c: RisCtiItem): string {
  return el(
    'item',
    leaf('AppId', c.appId) + leaf('UserId', c.userId) + leaf('AppIpAddr', c.appIpAddr) + leaf('AppIpv6Addr', '') +
      leaf('AppStatus', c.appStatus) + leaf('AppStatusReason', c.appStatusReason) + leaf('AppTimeStamp', c.appTimeStamp),
  );
}

/** Groups `items` per CM node: ReturnCode Ok with items, NotFound without ([V] WSDL return codes). */
function nodesXml<T extends { nodeName: string }>(nodes: readonly string[], items: readonly T[], listTag: string, render: (t: T) => string): string {
  return nodes
    .map((name) => {
      const mine = items.filter((i) => i.nodeName === name);
      return el(
        'item',
        leaf('ReturnCode', mine.length > 0 ? 'Ok' : 'NotFound') + leaf('Name', name) + leaf('NoChange', false) + el(listTag, mine.map(render).join('')),
      );
    })
    .join('');
}

function maxReturned(text: string): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? Math.min(n, RIS_MAX_RETURNED) : RIS_MAX_RETURNED;
}

/** RISService70 selectCmDevice and selectCtiItem (reference B.2), throttled by `limiter` with Cisco's fault text. */
export function createRisService(backend: RisBackend, limiter: SlidingWindowRateLimiter | undefined): SoapService {
  const nodesFor = (wanted: string): string[] => backend.cmNodes().filter((n) => wanted === '' || n === wanted);
  const operations: Record<string, (body: XmlValue) => string> = {
    selectCmDevice: (body) => {
      const c = child(body, 'CmSelectionCriteria');
      const selectBy = childText(c, 'SelectBy') || 'Name';
      const items = selectItems(c, 'SelectItems', 'Item');
      const model = Number(childText(c, 'Model') || 255);
      const keyOf = (d: RisDevice): string =>
        selectBy === 'IPV4Address' ? d.ipAddress : selectBy === 'DirNumber' ? d.dirNumber : selectBy === 'Description' ? d.description : d.name;
      const nodes = nodesFor(childText(c, 'NodeName'));
      const found = backend
        .devices()
        .filter(
          (d) =>
            nodes.includes(d.nodeName) &&
            anyOr(childText(c, 'DeviceClass'), d.deviceClass) &&
            anyOr(childText(c, 'Status'), d.status) &&
            anyOr(childText(c, 'Protocol'), d.protocol) &&
            (model === 255 || model === d.model) &&
            (items.length === 0 || items.some((p) => globMatch(p, keyOf(d)))),
        )
        .slice(0, maxReturned(childText(c, 'MaxReturnedDevices')));
      return el(
        'selectCmDeviceReturn',
        el('SelectCmDeviceResult', leaf('TotalDevicesFound', found.length) + el('CmNodes', nodesXml(nodes, found, 'CmDevices', deviceXml))) +
          leaf('StateInfo', ''),
      );
    },
    selectCtiItem: (body) => {
      const c = child(body, 'CtiSelectionCriteria');
      const selectBy = childText(c, 'SelectAppBy') || 'AppId';
      const items = selectItems(c, 'AppItems', 'AppItem');
      const keyOf = (i: RisCtiItem): string => (selectBy === 'UserId' ? i.userId : selectBy === 'AppIPV4Address' ? i.appIpAddr : i.appId);
      const nodes = nodesFor(childText(c, 'NodeName'));
      // Only the Provider class is modelled: Device and Line selections find nothing ([I]).
      const providers = (childText(c, 'CtiMgrClass') || 'Provider') === 'Provider';
      const found = backend
        .ctiItems()
        .filter(
          (i) => providers && nodes.includes(i.nodeName) && anyOr(childText(c, 'Status'), i.appStatus) && (items.length === 0 || items.some((p) => globMatch(p, keyOf(i)))),
        )
        .slice(0, maxReturned(childText(c, 'MaxReturnedItems')));
      return el(
        'selectCtiItemReturn',
        el('SelectCtiItemResult', leaf('TotalItemsFound', found.length) + el('CtiNodes', nodesXml(nodes, found, 'CtiItems', ctiXml))) + leaf('StateInfo', ''),
      );
    },
  };
  return {
    path: RIS_PATH,
    wsdl: risWsdl,
    rateLimit: limiter ? { limiter, faultText: risRateFaultText(limiter.options.limit) } : undefined,
    handle: (request) => xmlReply(responseElement(request.operation, dispatchOperation(operations, request))),
  };
}
