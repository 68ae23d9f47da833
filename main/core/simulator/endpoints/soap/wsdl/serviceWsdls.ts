import { controlCenterWsdlService } from './controlCenterWsdl.js';
import { dimeWsdlService } from './dimeWsdl.js';
import { logCollectionWsdlService } from './logCollectionWsdl.js';
import { perfmonWsdlService } from './perfmonWsdl.js';
import { risWsdlService } from './risWsdl.js';
import { buildWsdl } from './wsdlDocument.js';

export { controlCenterWsdlService, dimeWsdlService, logCollectionWsdlService, perfmonWsdlService, risWsdlService };

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
