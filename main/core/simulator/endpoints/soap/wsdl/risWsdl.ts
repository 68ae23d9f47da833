import type { WsdlService } from './wsdlDocument.js';

const S = 'xsd:string';
const U = 'xsd:unsignedInt';

/**
 * RISService70 (reference B.2, [V] ZEEP `schema/RISService70.wsdl`): selectCmDeviceReturn {SelectCmDeviceResult
 * {TotalDevicesFound, CmNodes → item* CmNode {ReturnCode, Name, NoChange, CmDevices → item* CmDevice}},
 * StateInfo}, and the same shape for CTI items. Fields in the order the node writes them.
 */
export const risWsdlService: WsdlService = {
  serviceName: 'RISService70',
  portName: 'RisPort70',
  bindingName: 'RisBinding',
  portTypeName: 'RisPortType',
  simpleTypes: [
    { name: 'CmSelectBy', values: ['Name', 'IPV4Address', 'IPV6Address', 'DirNumber', 'Description'] },
    { name: 'ProtocolType', values: ['Any', 'SCCP', 'SIP', 'Unknown'] },
    { name: 'DeviceDownloadStatus', values: ['Any', 'Upgrading', 'Successful', 'Failed', 'Unknown'] },
    { name: 'RisReturnCode', values: ['Ok', 'NotFound', 'InvalidRequest', 'InternalError', 'NodeNotResponding', 'InvalidNodeName'] },
    { name: 'DeviceClass', values: ['Any', 'Phone', 'Gateway', 'H323', 'Cti', 'VoiceMail', 'MediaResources', 'SIPTrunk', 'HuntList', 'Unknown'] },
    { name: 'CmDevHttpd', values: ['Yes', 'No', 'Unknown'] },
    { name: 'CmDevRegStat', values: ['Any', 'Registered', 'UnRegistered', 'Rejected', 'PartiallyRegistered', 'Unknown'] },
    { name: 'CmSingleLineStatus', values: ['Any', 'Registered', 'UnRegistered', 'Rejected', 'Unknown'] },
    { name: 'IPAddrType', values: ['ipv4', 'ipv6'] },
    // "Adminstrative" is Cisco's spelling.
    { name: 'AttributeType', values: ['Unknown', 'Adminstrative', 'Signaling', 'AdministrativeAndSignaling'] },
    { name: 'CtiMgrClass', values: ['Provider', 'Device', 'Line'] },
    { name: 'CtiStatus', values: ['Any', 'Open', 'Closed', 'OpenFailed', 'Unknown'] },
    { name: 'CtiSelectAppBy', values: ['AppId', 'AppIPV4Address', 'AppIPV6Address', 'UserId'] },
  ],
  complexTypes: [
    { name: 'SelectItem', fields: [['Item', S]] },
    { name: 'ArrayOfSelectItem', fields: [['item', 'tns:SelectItem', true]] },
    {
      name: 'CmSelectionCriteria',
      fields: [
        ['MaxReturnedDevices', U], ['DeviceClass', S], ['Model', U], ['Status', S], ['NodeName', S], ['SelectBy', 'tns:CmSelectBy'],
        ['SelectItems', 'tns:ArrayOfSelectItem'], ['Protocol', 'tns:ProtocolType'], ['DownloadStatus', 'tns:DeviceDownloadStatus'],
      ],
    },
    { name: 'CmDevSingleLineStatus', fields: [['DirectoryNumber', S], ['Status', 'tns:CmSingleLineStatus']] },
    { name: 'ArrayOfCmDevSingleLineStatus', fields: [['item', 'tns:CmDevSingleLineStatus', true]] },
    { name: 'IPAddressArrayType', fields: [['IP', S], ['IPAddrType', 'tns:IPAddrType'], ['Attribute', 'tns:AttributeType']] },
    { name: 'ArrayOfIPAddressArrayType', fields: [['item', 'tns:IPAddressArrayType', true]] },
    {
      name: 'H323Trunk',
      fields: [
        ['ConfigName', S], ['TechPrefix', S], ['Zone', S], ['RemoteCmServer1', S], ['RemoteCmServer2', S], ['RemoteCmServer3', S],
        ['AltGkList', S], ['ActiveGk', S], ['CallSignalAddr', S], ['RasAddr', S],
      ],
    },
    {
      name: 'CmDevice',
      fields: [
        ['Name', S], ['DirNumber', S], ['DeviceClass', 'tns:DeviceClass'], ['Model', U], ['Product', U], ['BoxProduct', U],
        ['Httpd', 'tns:CmDevHttpd'], ['RegistrationAttempts', U], ['IsCtiControllable', 'xsd:boolean'], ['LoginUserId', S],
        ['Status', 'tns:CmDevRegStat'], ['StatusReason', U], ['PerfMonObject', U], ['DChannel', U], ['Description', S],
        ['H323Trunk', 'tns:H323Trunk'], ['TimeStamp', U], ['Protocol', 'tns:ProtocolType'], ['NumOfLines', U],
        ['LinesStatus', 'tns:ArrayOfCmDevSingleLineStatus'], ['ActiveLoadID', S], ['InactiveLoadID', S],
        ['DownloadStatus', 'tns:DeviceDownloadStatus'], ['DownloadFailureReason', S], ['DownloadServer', S],
        ['IPAddress', 'tns:ArrayOfIPAddressArrayType'],
      ],
    },
    { name: 'ArrayOfCmDevice', fields: [['item', 'tns:CmDevice', true]] },
    { name: 'CmNode', fields: [['ReturnCode', 'tns:RisReturnCode'], ['Name', S], ['NoChange', 'xsd:boolean'], ['CmDevices', 'tns:ArrayOfCmDevice']] },
    { name: 'ArrayOfCmNode', fields: [['item', 'tns:CmNode', true]] },
    { name: 'SelectCmDeviceResult', fields: [['TotalDevicesFound', U], ['CmNodes', 'tns:ArrayOfCmNode']] },
    { name: 'selectCmDeviceReturn', fields: [['SelectCmDeviceResult', 'tns:SelectCmDeviceResult'], ['StateInfo', S]] },
    { name: 'SelectAppItem', fields: [['AppItem', S]] },
    { name: 'ArrayOfSelectAppItem', fields: [['item', 'tns:SelectAppItem', true]] },
    { name: 'SelectDevName', fields: [['DevName', S]] },
    { name: 'ArrayOfSelectDevName', fields: [['item', 'tns:SelectDevName', true]] },
    { name: 'SelectDirNumber', fields: [['DirNumber', S]] },
    { name: 'ArrayOfSelectDirNumber', fields: [['item', 'tns:SelectDirNumber', true]] },
    {
      name: 'CtiSelectionCriteria',
      fields: [
        ['MaxReturnedItems', U], ['CtiMgrClass', 'tns:CtiMgrClass'], ['Status', 'tns:CtiStatus'], ['NodeName', S],
        ['SelectAppBy', 'tns:CtiSelectAppBy'], ['AppItems', 'tns:ArrayOfSelectAppItem'], ['DevNames', 'tns:ArrayOfSelectDevName'],
        ['DirNumbers', 'tns:ArrayOfSelectDirNumber'],
      ],
    },
    {
      name: 'CtiItem',
      fields: [['AppId', S], ['UserId', S], ['AppIpAddr', S], ['AppIpv6Addr', S], ['AppStatus', 'tns:CtiStatus'], ['AppStatusReason', U], ['AppTimeStamp', U]],
    },
    { name: 'ArrayOfCtiItem', fields: [['item', 'tns:CtiItem', true]] },
    { name: 'CtiNode', fields: [['ReturnCode', 'tns:RisReturnCode'], ['Name', S], ['NoChange', 'xsd:boolean'], ['CtiItems', 'tns:ArrayOfCtiItem']] },
    { name: 'ArrayOfCtiNode', fields: [['item', 'tns:CtiNode', true]] },
    { name: 'SelectCtiItemResult', fields: [['TotalItemsFound', U], ['CtiNodes', 'tns:ArrayOfCtiNode']] },
    { name: 'selectCtiItemReturn', fields: [['SelectCtiItemResult', 'tns:SelectCtiItemResult'], ['StateInfo', S]] },
  ],
  operations: [
    { name: 'selectCmDevice', request: [['StateInfo', S], ['CmSelectionCriteria', 'tns:CmSelectionCriteria']], response: [['selectCmDeviceReturn', 'tns:selectCmDeviceReturn']] },
    { name: 'selectCtiItem', request: [['StateInfo', S], ['CtiSelectionCriteria', 'tns:CtiSelectionCriteria']], response: [['selectCtiItemReturn', 'tns:selectCtiItemReturn']] },
  ],
};
