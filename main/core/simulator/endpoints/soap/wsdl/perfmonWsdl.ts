import type { WsdlService } from './wsdlDocument.js';

const S = 'xsd:string';

/**
 * PerfmonService (reference B.1 table, [V] ZEEP `schema/PerfmonService.wsdl`): counters answered as
 * CounterInfoType {Name, Value (long), CStatus (unsignedInt)}, objects as ObjectInfoType {Name, MultiInstance,
 * ArrayOfCounter → item*}. Cisco declares the name types as simpleContent extensions of string; here they are
 * string restrictions of the same names (same text on the wire, plain strings in a generated client).
 */
export const perfmonWsdlService: WsdlService = {
  serviceName: 'PerfmonService',
  portName: 'PerfmonPort',
  bindingName: 'PerfmonBinding',
  portTypeName: 'PerfmonPortType',
  simpleTypes: [{ name: 'SessionHandleType' }, { name: 'CounterNameType' }, { name: 'ObjectNameType' }, { name: 'InstanceNameType' }],
  complexTypes: [
    { name: 'CounterType', fields: [['Name', 'tns:CounterNameType']] },
    { name: 'RequestArrayOfCounterType', fields: [['Counter', 'tns:CounterType', true]] },
    { name: 'ArrayOfCounterType', fields: [['item', 'tns:CounterType', true]] },
    { name: 'CounterInfoType', fields: [['Name', 'tns:CounterNameType'], ['Value', 'xsd:long'], ['CStatus', 'xsd:unsignedInt']] },
    { name: 'ObjectInfoType', fields: [['Name', 'tns:ObjectNameType'], ['MultiInstance', 'xsd:boolean'], ['ArrayOfCounter', 'tns:ArrayOfCounterType']] },
    { name: 'InstanceType', fields: [['Name', 'tns:InstanceNameType']] },
  ],
  operations: [
    { name: 'perfmonOpenSession', request: [], response: [['perfmonOpenSessionReturn', 'tns:SessionHandleType']] },
    { name: 'perfmonCloseSession', request: [['SessionHandle', 'tns:SessionHandleType']], response: [] },
    { name: 'perfmonAddCounter', request: [['SessionHandle', 'tns:SessionHandleType'], ['ArrayOfCounter', 'tns:RequestArrayOfCounterType']], response: [] },
    { name: 'perfmonRemoveCounter', request: [['SessionHandle', 'tns:SessionHandleType'], ['ArrayOfCounter', 'tns:RequestArrayOfCounterType']], response: [] },
    { name: 'perfmonCollectSessionData', request: [['SessionHandle', 'tns:SessionHandleType']], response: [['perfmonCollectSessionDataReturn', 'tns:CounterInfoType', true]] },
    { name: 'perfmonCollectCounterData', request: [['Host', S], ['Object', 'tns:ObjectNameType']], response: [['perfmonCollectCounterDataReturn', 'tns:CounterInfoType', true]] },
    { name: 'perfmonListCounter', request: [['Host', S]], response: [['perfmonListCounterReturn', 'tns:ObjectInfoType', true]] },
    { name: 'perfmonListInstance', request: [['Host', S], ['Object', 'tns:ObjectNameType']], response: [['perfmonListInstanceReturn', 'tns:InstanceType', true]] },
    { name: 'perfmonQueryCounterDescription', request: [['Counter', 'tns:CounterNameType']], response: [['perfmonQueryCounterDescriptionReturn', S]] },
  ],
};
