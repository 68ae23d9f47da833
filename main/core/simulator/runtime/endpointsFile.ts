import { writeFileAtomic } from '../../base/jsonStateFile.js';

/** SSH-style access to one endpoint. */
export interface LoginEndpoint {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
}

/** One node in the endpoints file (issue 2 shape; later issues add snmp, soap, syslog). */
export interface NodeEndpoints {
  readonly name: string;
  readonly role: string;
  readonly cluster: string;
  readonly ssh: LoginEndpoint;
  readonly sftp: LoginEndpoint;
  readonly snmp?: {
    readonly host: string;
    readonly port: number;
    readonly community: string;
    readonly v3: { readonly user: string; readonly authProtocol: 'SHA'; readonly authKey: string; readonly privProtocol: 'AES'; readonly privKey: string };
  };
  readonly soap?: { readonly host: string; readonly port: number; readonly username: string; readonly password: string; readonly caFile: string };
  readonly hostKeyFingerprint?: string;
}

/** The `--endpoints-file` JSON: every node's endpoints and the DRS backup server. */
export interface EndpointsFile {
  readonly nodes: readonly NodeEndpoints[];
  readonly backupServer: LoginEndpoint;
}

/** Writes the endpoints file atomically and owner-only (it holds passwords), so a reader never sees half a file. */
export async function writeEndpointsFile(path: string, endpoints: EndpointsFile): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(endpoints, null, 2)}\n`);
}
