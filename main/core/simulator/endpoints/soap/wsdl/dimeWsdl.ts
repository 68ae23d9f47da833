import type { WsdlService } from './wsdlDocument.js';

/**
 * DimeGetFileService (reference B.5). The answer is multipart/related: GetOneFileReturn is empty and points
 * at the attachment that carries the file's bytes (`href="cid:…"`), so it is declared base64Binary.
 */
export const dimeWsdlService: WsdlService = {
  serviceName: 'DimeGetFileService',
  portName: 'DimeGetFileService',
  bindingName: 'DimeGetFileServiceSoapBinding',
  portTypeName: 'DimeGetFileService',
  operations: [{ name: 'GetOneFile', request: [['FileName', 'xsd:string']], response: [['GetOneFileReturn', 'xsd:base64Binary']] }],
};
