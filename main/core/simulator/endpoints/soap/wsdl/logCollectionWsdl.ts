import type { WsdlService } from './wsdlDocument.js';

const S = 'xsd:string';

/**
 * LogCollectionPortTypeService (reference B.4, [V] ZEEP `schema/LogCollectionPortTypeService.wsdl`):
 * listNodeServiceLogs answers NodeServiceLogList*, selectLogFiles a ResultSet → SchemaFileSelectionResult →
 * Node → ServiceList → ServiceLogs* → SetOfFiles → File*; GetOneFile is document/literal bare (FileName in,
 * GetOneFileReturn base64 out).
 */
export const logCollectionWsdlService: WsdlService = {
  serviceName: 'LogCollectionPortTypeService',
  portName: 'LogCollectionPortTypeService',
  bindingName: 'LogCollectionPortSoapBinding',
  portTypeName: 'LogCollectionPortType',
  simpleTypes: [
    { name: 'ListRequest' },
    { name: 'Frequency', values: ['OnDemand', 'Weekly', 'Monthly', 'Daily'] },
    { name: 'JobType', values: ['DownloadtoClient', 'PushtoSFTPServer'] },
    { name: 'RelText', values: ['None', 'Minutes', 'Hours', 'Weeks', 'Months', 'Days'] },
  ],
  complexTypes: [
    { name: 'ArrayOfServiceLog', fields: [['item', S, true]] },
    { name: 'ArrayOfSystemLog', fields: [['item', S, true]] },
    { name: 'NodeServiceLogList', fields: [['name', S], ['ServiceLog', 'tns:ArrayOfServiceLog'], ['SystemLog', 'tns:ArrayOfSystemLog']] },
    {
      name: 'SchemaFileSelectionCriteria',
      fields: [
        ['ServiceLogs', 'tns:ArrayOfServiceLog'], ['SystemLogs', 'tns:ArrayOfSystemLog'], ['SearchStr', S], ['Frequency', 'tns:Frequency'],
        ['JobType', 'tns:JobType'], ['ToDate', S], ['FromDate', S], ['TimeZone', S], ['RelText', 'tns:RelText'], ['RelTime', 'xsd:byte'],
        ['Port', 'xsd:byte'], ['IPAddress', S], ['UserName', S], ['Password', S], ['ZipInfo', 'xsd:boolean'], ['RemoteFolder', S],
      ],
    },
    { name: 'File', fields: [['name', S], ['absolutepath', S], ['filesize', S], ['modifiedDate', S]] },
    { name: 'ArrayOfFile', fields: [['File', 'tns:File', true]] },
    { name: 'ServiceLogs', fields: [['name', S], ['SetOfFiles', 'tns:ArrayOfFile']] },
    { name: 'ArrayOfServiceLogs', fields: [['ServiceLogs', 'tns:ServiceLogs', true]] },
    { name: 'Node', fields: [['name', S], ['ServiceList', 'tns:ArrayOfServiceLogs']] },
    { name: 'SchemaFileSelectionResult', fields: [['Node', 'tns:Node']] },
    { name: 'ResultSet', fields: [['SchemaFileSelectionResult', 'tns:SchemaFileSelectionResult']] },
  ],
  operations: [
    { name: 'listNodeServiceLogs', request: [['ListRequest', 'tns:ListRequest']], response: [['listNodeServiceLogsReturn', 'tns:NodeServiceLogList', true]] },
    { name: 'selectLogFiles', request: [['FileSelectionCriteria', 'tns:SchemaFileSelectionCriteria']], response: [['ResultSet', 'tns:ResultSet']] },
    { name: 'GetOneFile', request: [], response: [], bare: { request: ['FileName', S], response: ['GetOneFileReturn', 'xsd:base64Binary'] } },
  ],
};
