import { buildWsdl, type WsdlService } from './wsdlDocument.js';

const S = 'xsd:string';
const ANY = 'xsd:anyType';

/** PerfmonService (reference B.1 table). */
export const perfmonWsdlService: WsdlService = {
  serviceName: 'PerfmonService',
  portName: 'PerfmonPort',
  bindingName: 'PerfmonBinding',
  portTypeName: 'PerfmonPortType',
  operations: [
    { name: 'perfmonOpenSession', request: [], response: [['perfmonOpenSessionReturn', S]] },
    { name: 'perfmonCloseSession', request: [['SessionHandle', S]], response: [] },
    { name: 'perfmonAddCounter', request: [['SessionHandle', S], ['ArrayOfCounter', ANY]], response: [] },
    { name: 'perfmonRemoveCounter', request: [['SessionHandle', S], ['ArrayOfCounter', ANY]], response: [] },
    { name: 'perfmonCollectSessionData', request: [['SessionHandle', S]], response: [['perfmonCollectSessionDataReturn', ANY, true]] },
    { name: 'perfmonCollectCounterData', request: [['Host', S], ['Object', S]], response: [['perfmonCollectCounterDataReturn', ANY, true]] },
    { name: 'perfmonListCounter', request: [['Host', S]], response: [['perfmonListCounterReturn', ANY, true]] },
    { name: 'perfmonListInstance', request: [['Host', S], ['Object', S]], response: [['perfmonListInstanceReturn', ANY, true]] },
    { name: 'perfmonQueryCounterDescription', request: [['Counter', S]], response: [['perfmonQueryCounterDescriptionReturn', S]] },
  ],
};

/** ControlCenterServices (reference B.3). */
export const controlCenterWsdlService: WsdlService = {
  serviceName: 'ControlCenterServices',
  portName: 'ControlCenterServicesPort',
  bindingName: 'ControlCenterServicesBinding',
  portTypeName: 'ControlCenterServicesPortType',
  operations: [
    { name: 'soapGetServiceStatus', request: [['ServiceStatus', S, true]], response: [['soapGetServiceStatusReturn', ANY]] },
    { name: 'soapDoControlServices', request: [['ControlServiceRequest', ANY]], response: [['soapDoControlServicesReturn', ANY]] },
    { name: 'soapDoServiceDeployment', request: [['DeploymentServiceRequest', ANY]], response: [['soapDoServiceDeploymentReturn', ANY]] },
    { name: 'soapGetStaticServiceList', request: [['ServiceInformationResponse', S]], response: [['soapGetStaticServiceListReturn', ANY]] },
    { name: 'getProductInformationList', request: [['ServiceInfo', S]], response: [['getProductInformationListReturn', ANY]] },
  ],
};

/** LogCollectionPortTypeService (reference B.4). */
export const logCollectionWsdlService: WsdlService = {
  serviceName: 'LogCollectionPortTypeService',
  portName: 'LogCollectionPortTypeService',
  bindingName: 'LogCollectionPortSoapBinding',
  portTypeName: 'LogCollectionPortType',
  operations: [
    { name: 'listNodeServiceLogs', request: [['ListRequest', S]], response: [['listNodeServiceLogsReturn', ANY, true]] },
    { name: 'selectLogFiles', request: [['FileSelectionCriteria', ANY]], response: [['ResultSet', ANY]] },
    { name: 'GetOneFile', request: [['FileName', S]], response: [['GetOneFileReturn', 'xsd:base64Binary']] },
  ],
};

/** DimeGetFileService (reference B.5); the file comes back as a multipart/related attachment. */
export const dimeWsdlService: WsdlService = {
  serviceName: 'DimeGetFileService',
  portName: 'DimeGetFileService',
  bindingName: 'DimeGetFileServiceSoapBinding',
  portTypeName: 'DimeGetFileService',
  operations: [{ name: 'GetOneFile', request: [['FileName', S]], response: [['GetOneFileReturn', ANY]] }],
};

/** RISService70 (reference B.2). */
export const risWsdlService: WsdlService = {
  serviceName: 'RISService70',
  portName: 'RisPort70',
  bindingName: 'RisBinding',
  portTypeName: 'RisPortType',
  operations: [
    { name: 'selectCmDevice', request: [['StateInfo', S], ['CmSelectionCriteria', ANY]], response: [['selectCmDeviceReturn', ANY]] },
    { name: 'selectCtiItem', request: [['StateInfo', S], ['CtiSelectionCriteria', ANY]], response: [['selectCtiItemReturn', ANY]] },
  ],
};

/** WSDL of PerfmonService at `location`. */
export const perfmonWsdl = (location: string): string => buildWsdl(perfmonWsdlService, location);
/** WSDL of ControlCenterServices at `location`. */
export const controlCenterWsdl = (location: string): string => buildWsdl(controlCenterWsdlService, location);
/** WSDL of LogCollectionPortTypeService at `location`. */
export const logCollectionWsdl = (location: string): string => buildWsdl(logCollectionWsdlService, location);
/** WSDL of DimeGetFileService at `location`. */
export const dimeWsdl = (location: string): string => buildWsdl(dimeWsdlService, location);
/** WSDL of RISService70 at `location`. */
export const risWsdl = (location: string): string => buildWsdl(risWsdlService, location);
