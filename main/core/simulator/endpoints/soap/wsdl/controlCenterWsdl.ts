import type { WsdlService } from './wsdlDocument.js';

const S = 'xsd:string';

/**
 * ControlCenterServices (reference B.3, [V] ZEEP `schema/ControlCenterServices.wsdl`): every control
 * operation answers a ServiceInformationResponse {ReturnCode, ReasonCode, ReasonString, ServiceInfoList →
 * item* ServiceInformation}. ReturnCode is a simpleContent string in Cisco's WSDL, a string type here.
 */
export const controlCenterWsdlService: WsdlService = {
  serviceName: 'ControlCenterServices',
  portName: 'ControlCenterServicesPort',
  bindingName: 'ControlCenterServicesBinding',
  portTypeName: 'ControlCenterServicesPortType',
  simpleTypes: [
    { name: 'ReturnCode' },
    { name: 'ServiceStatus', values: ['Started', 'Stopped', 'Starting', 'Stopping', 'Unknown'] },
    { name: 'ServiceTypes', values: ['Service', 'Servlet'] },
    { name: 'ControlType', values: ['Start', 'Stop', 'Restart'] },
    { name: 'DeployType', values: ['Deploy', 'UnDeploy'] },
  ],
  complexTypes: [
    {
      name: 'ServiceInformation',
      fields: [['ServiceName', S], ['ServiceStatus', 'tns:ServiceStatus'], ['ReasonCode', 'xsd:integer'], ['ReasonCodeString', S], ['StartTime', S], ['UpTime', 'xsd:integer']],
    },
    { name: 'ArrayOfServiceInformation', fields: [['item', 'tns:ServiceInformation', true]] },
    {
      name: 'ServiceInformationResponse',
      fields: [['ReturnCode', 'tns:ReturnCode'], ['ReasonCode', 'xsd:integer'], ['ReasonString', S], ['ServiceInfoList', 'tns:ArrayOfServiceInformation']],
    },
    { name: 'ArrayOfServices', fields: [['item', S, true]] },
    { name: 'ControlServiceRequest', fields: [['NodeName', S], ['ControlType', 'tns:ControlType'], ['ServiceList', 'tns:ArrayOfServices']] },
    { name: 'DeploymentServiceRequest', fields: [['NodeName', S], ['DeployType', 'tns:DeployType'], ['ServiceList', 'tns:ArrayOfServices']] },
    { name: 'DependentServices', fields: [['Service', S, true]] },
    {
      name: 'ServiceSpecification',
      fields: [['ServiceName', S], ['ServiceType', 'tns:ServiceTypes'], ['Deployable', 'xsd:boolean'], ['GroupName', S], ['DependentServices', 'tns:DependentServices']],
    },
    { name: 'ArrayOfServiceSpecification', fields: [['item', 'tns:ServiceSpecification', true]] },
    { name: 'StaticServiceList', fields: [['Services', 'tns:ArrayOfServiceSpecification']] },
    { name: 'InstalledProduct', fields: [['ProductName', S], ['ProductVersion', S], ['ProductDescription', S], ['ProductID', S], ['ShortName', S]] },
    { name: 'ArrayOfInstalledProduct', fields: [['item', 'tns:InstalledProduct', true]] },
    {
      name: 'ProductServiceSpecification',
      fields: [
        ['ServiceName', S], ['ServiceType', 'tns:ServiceTypes'], ['Deployable', 'xsd:boolean'], ['GroupName', S], ['ProductID', S],
        ['DependentServices', 'tns:DependentServices'],
      ],
    },
    { name: 'ArrayOfProductServiceSpecification', fields: [['item', 'tns:ProductServiceSpecification', true]] },
    {
      name: 'GetProductInformationListResponse',
      fields: [
        ['ActiveServerVersion', S], ['PrimaryNode', S], ['SecondaryNode', S], ['Products', 'tns:ArrayOfInstalledProduct'],
        ['Services', 'tns:ArrayOfProductServiceSpecification'],
      ],
    },
  ],
  operations: [
    { name: 'soapGetServiceStatus', request: [['ServiceStatus', S, true]], response: [['soapGetServiceStatusReturn', 'tns:ServiceInformationResponse']] },
    { name: 'soapDoControlServices', request: [['ControlServiceRequest', 'tns:ControlServiceRequest']], response: [['soapDoControlServicesReturn', 'tns:ServiceInformationResponse']] },
    {
      name: 'soapDoServiceDeployment',
      request: [['DeploymentServiceRequest', 'tns:DeploymentServiceRequest']],
      response: [['soapDoServiceDeploymentReturn', 'tns:ServiceInformationResponse']],
    },
    { name: 'soapGetStaticServiceList', request: [['ServiceInformationResponse', S]], response: [['soapGetStaticServiceListReturn', 'tns:StaticServiceList']] },
    { name: 'getProductInformationList', request: [['ServiceInfo', S]], response: [['getProductInformationListReturn', 'tns:GetProductInformationListResponse']] },
  ],
};
