/**
 * One reusable admin CLI session to a node for DRS (the publisher's Master Agent is asked every ~2 s while a job
 * runs): opened on first use, opened again after the node closed it, disposed with its owner. Commands queue on the
 * session itself (SshCliSession runs one at a time). A session that cannot be opened is the PollError the SSH code
 * gave, or PRECONDITION when the owner is disposed.
 */
import type { Disposable } from '../base/disposable.js';
import { AppError } from '../base/errors.js';
import type { SshCliSession } from '../polling/ssh/sshCliSession.js';
import type { DrsClusterAccess } from './drsAccess.js';

export class DrsSession implements Disposable {
  #session: Promise<SshCliSession> | undefined;
  /** The session once open (undefined while opening). */
  #open: SshCliSession | undefined;
  #disposed = false;

  constructor(
    private readonly access: Pick<DrsClusterAccess, 'openCli' | 'cluster'>,
    readonly node: string,
  ) {}

  /** The open session (opened now when there is none or it closed; callers at once share one opening). */
  get(): Promise<SshCliSession> {
    if (this.#disposed) return Promise.reject(new AppError('PRECONDITION', `DRS of cluster ${this.access.cluster} is closed`));
    if (this.#session && !(this.#open?.isClosed ?? false)) return this.#session;
    this.#open?.dispose();
    this.#open = undefined;
    const opening = this.access.openCli(this.node).then((r) => {
      if (!r.ok) throw r.error;
      if (this.#disposed) {
        r.session.dispose();
        throw new AppError('PRECONDITION', `DRS of cluster ${this.access.cluster} is closed`);
      }
      if (this.#session === opening) this.#open = r.session;
      return r.session;
    });
    this.#session = opening;
    opening.catch(() => {
      if (this.#session === opening) this.#session = undefined;
    });
    return opening;
  }

  dispose(): void {
    this.#disposed = true;
    void this.#session?.then((s) => s.dispose(), () => undefined);
    this.#open?.dispose();
    this.#session = undefined;
    this.#open = undefined;
  }
}
