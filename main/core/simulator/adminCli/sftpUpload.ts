import { Client, type SFTPWrapper } from 'ssh2';
import { AppError } from '../../base/errors.js';

/** Where `file get` pushes files: the answers to its prompts. */
export interface SftpTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly directory: string;
  /** The node's own address the upload leaves from (the simulator's nodes each have one in 127/8). */
  readonly localAddress?: string;
}

/** One file to push, with its path below the target directory. */
export interface UploadFile {
  readonly remotePath: string;
  readonly data: Buffer;
}

/** Pushes files to an SFTP server; rejects with a message the CLI prints. */
export type SftpUploader = (target: SftpTarget, files: readonly UploadFile[]) => Promise<void>;

/** Seconds to wait for the SFTP server's handshake (ours). */
const READY_TIMEOUT_MS = 10_000;

/**
 * The default {@link SftpUploader}: an ssh2 Client with password (or keyboard-interactive) authentication that
 * creates the directories and writes every file, then ends the connection on every path (success or failure).
 */
export const ssh2SftpUpload: SftpUploader = (target, files) =>
  new Promise<void>((resolve, reject) => {
    const client = new Client();
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      client.end();
      if (err === undefined) resolve();
      else reject(err instanceof AppError ? err : new AppError('POLL_CONNECT', err instanceof Error ? err.message : String(err), { cause: err }));
    };
    client.on('error', (err) => finish(err));
    client.on('close', () => finish(new Error('connection closed by the SFTP server')));
    client.on('keyboard-interactive', (_name, _instr, _lang, prompts, answer) => answer(prompts.map(() => target.password)));
    client.on('ready', () => {
      client.sftp((err, sftp) => {
        if (err) return finish(err);
        writeAll(sftp, target.directory, files).then(
          () => finish(),
          (e: unknown) => finish(e),
        );
      });
    });
    client.connect({
      host: target.host,
      port: target.port,
      ...(target.localAddress ? { localAddress: target.localAddress } : {}),
      username: target.username,
      password: target.password,
      tryKeyboard: true,
      readyTimeout: READY_TIMEOUT_MS,
      hostVerifier: () => true,
    });
  });

async function writeAll(sftp: SFTPWrapper, root: string, files: readonly UploadFile[]): Promise<void> {
  const made = new Set<string>();
  for (const f of files) {
    const full = `${root.replace(/\/+$/, '')}/${f.remotePath.replace(/^\/+/, '')}`;
    const parts = full.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!dir || made.has(dir)) continue;
      made.add(dir);
      await new Promise<void>((res) => sftp.mkdir(dir, () => res()));
    }
    await new Promise<void>((res, rej) => sftp.writeFile(full, f.data, (e) => (e ? rej(new Error(`${full}: ${e.message}`)) : res())));
  }
}
