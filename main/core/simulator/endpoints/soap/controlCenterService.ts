import type { ControlCenterBackend, ServiceControlResult, ServiceStatusInfo } from './serviceabilityBackend.js';
import { child, childText, stringList, type XmlValue } from './soapEnvelope.js';
import { clientFault } from './soapFault.js';
import { dispatchOperation, xmlReply, type SoapService } from './soapService.js';
import { el, leaf, responseElement } from './xmlText.js';
import { controlCenterWsdl } from './wsdl/serviceWsdls.js';

/** The path of ControlCenterServices (reference B.3). */
export const CONTROL_CENTER_PATH = '/controlcenterservice2/services/ControlCenterServices';

const CONTROL_TYPES = ['Start', 'Stop', 'Restart'] as const;
const DEPLOY_TYPES = ['Deploy', 'UnDeploy'] as const;

/** `2024-01-01T12:00:00` in UTC, the StartTime form of the CT-MCP fixture (reference B.3, [T]). */
function formatStartTime(d: Date | undefined): string {
  return d ? d.toISOString().slice(0, 19) : '';
}

function serviceItem(s: ServiceStatusInfo): string {
  return el(
    'item',
    leaf('ServiceName', s.name) +
      leaf('ServiceStatus', s.status) +
      leaf('ReasonCode', s.reasonCode) +
      leaf('ReasonCodeString', s.reasonString) +
      leaf('StartTime', formatStartTime(s.startTime)) +
      leaf('UpTime', s.upTimeSeconds),
  );
}

/** A ServiceInformationResponse (ReturnCode, ReasonCode, ReasonString, ServiceInfoList/item*), [V] ZEEP WSDL. */
function serviceInformationResponse(tag: string, r: ServiceControlResult): string {
  return el(
    tag,
    leaf('ReturnCode', r.returnCode) +
      leaf('ReasonCode', r.reasonCode) +
      leaf('ReasonString', r.reasonString) +
      el('ServiceInfoList', r.services.map(serviceItem).join('')),
  );
}

function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw clientFault(`Invalid ${field}: '${value}' (expected ${allowed.join(' | ')})`);
}

/**
 * ControlCenterServices: soapGetServiceStatus, soapDoControlServices, soapDoServiceDeployment,
 * soapGetStaticServiceList and getProductInformationList (reference B.3, shapes of the [V] ZEEP WSDL).
 */
export function createControlCenterService(backend: ControlCenterBackend, nodeName: string): SoapService {
  const operations: Record<string, (body: XmlValue) => string> = {
    soapGetServiceStatus: (body) => {
      const wanted = stringList(body, 'ServiceStatus');
      const all = backend.serviceStatuses();
      // A name the node does not have is answered as Unknown ([I]: Cisco's reason text is not captured).
      const services = wanted.length === 0
        ? all
        : wanted.map((name): ServiceStatusInfo =>
            all.find((s) => s.name === name) ?? { name, status: 'Unknown', reasonCode: -1, reasonString: 'Service Not Found', upTimeSeconds: -1 },
          );
      return serviceInformationResponse('soapGetServiceStatusReturn', { returnCode: '0', reasonCode: -1, reasonString: '', services });
    },
    soapDoControlServices: (body) => {
      const req = child(body, 'ControlServiceRequest');
      const type = oneOf(childText(req, 'ControlType'), CONTROL_TYPES, 'ControlType');
      const result = backend.controlServices(childText(req, 'NodeName') || nodeName, type, stringList(req, 'ServiceList'));
      return serviceInformationResponse('soapDoControlServicesReturn', result);
    },
    soapDoServiceDeployment: (body) => {
      const req = child(body, 'DeploymentServiceRequest');
      const type = oneOf(childText(req, 'DeployType'), DEPLOY_TYPES, 'DeployType');
      const result = backend.deployServices(childText(req, 'NodeName') || nodeName, type, stringList(req, 'ServiceList'));
      return serviceInformationResponse('soapDoServiceDeploymentReturn', result);
    },
    soapGetStaticServiceList: () => {
      const items = backend.staticServices().map((s) =>
        el(
          'item',
          leaf('ServiceName', s.name) +
            leaf('ServiceType', s.type) +
            leaf('Deployable', s.deployable) +
            leaf('GroupName', s.groupName) +
            el('DependentServices', s.dependentServices.map((d) => leaf('Service', d)).join('')),
        ),
      );
      return el('soapGetStaticServiceListReturn', el('Services', items.join('')));
    },
    getProductInformationList: () => {
      const info = backend.productInformation();
      const products = info.products.map((p) =>
        el(
          'item',
          leaf('ProductName', p.name) +
            leaf('ProductVersion', p.version) +
            leaf('ProductDescription', p.description) +
            leaf('ProductID', p.productId) +
            leaf('ShortName', p.shortName),
        ),
      );
      const services = backend.staticServices().map((s) =>
        el(
          'item',
          leaf('ServiceName', s.name) +
            leaf('ServiceType', s.type) +
            leaf('Deployable', s.deployable) +
            leaf('GroupName', s.groupName) +
            leaf('ProductID', info.products[0]?.productId ?? '') +
            el('DependentServices', s.dependentServices.map((d) => leaf('Service', d)).join('')),
        ),
      );
      return el(
        'getProductInformationListReturn',
        leaf('ActiveServerVersion', info.activeServerVersion) +
          leaf('PrimaryNode', info.primaryNode) +
          leaf('SecondaryNode', info.secondaryNode) +
          el('Products', products.join('')) +
          el('Services', services.join('')),
      );
    },
  };
  return {
    path: CONTROL_CENTER_PATH,
    wsdl: controlCenterWsdl,
    handle: (request) => xmlReply(responseElement(request.operation, dispatchOperation(operations, request))),
  };
}
