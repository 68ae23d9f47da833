import type { SFTPWrapper } from 'ssh2';

/** Options of {@link pipelinedRead}. */
export interface PipelinedReadOptions {
  /** First byte to read. */
  readonly offset: number;
  /** Bytes per READ request (at most what the SFTP channel accepts in one answer). */
  readonly chunkSize: number;
  /** READ requests in flight at once (OpenSSH `sftp -R`, default 64). */
  readonly maxInFlight: number;
  readonly signal?: AbortSignal;
  /** Called with each piece's length as it is handed to the sink, in order. */
  readonly onBytes?: (n: number) => void;
  /** Fails with reason 'stalled' when requests are out and no answer came for this long (ms; default none). */
  readonly stallMs?: number;
}

interface Slot {
  readonly pos: number;
  readonly len: number;
  done: boolean;
  data?: Buffer;
  eof?: boolean;
}

/** Why a pipelined read stopped early. */
export class PipelinedReadError extends Error {
  constructor(
    message: string,
    readonly reason: 'sftp' | 'sink' | 'aborted' | 'stalled',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Reads an open SFTP file handle from `offset` to EOF with up to `maxInFlight` READ requests outstanding (as
 * OpenSSH `sftp` and ssh2's fastGet do: sftp-client.c keeps 64 requests of 32 KiB in flight), and writes the
 * answers into `sink` strictly in file order. A short answer (the server may return less than asked, OpenSSH's
 * sftp-server does above its read limit) gets a follow-up request for the rest, delivered before later pieces.
 * The first EOF in file order ends the read, so a file that grew while it was read is read to its new end.
 * Backpressure: no new request is sent while the sink wants draining, so memory stays within
 * maxInFlight × chunkSize plus the sink's high-water mark. Resolves with the bytes written and the end position;
 * rejects with a PipelinedReadError (sftp status, sink error, or abort). The sink is never ended.
 */
export function pipelinedRead(sftp: SFTPWrapper, handle: Buffer, sink: NodeJS.WritableStream, options: PipelinedReadOptions): Promise<{ bytes: number; end: number }> {
  const { chunkSize, maxInFlight, signal, onBytes } = options;
  return new Promise((resolve, reject) => {
    const slots: Slot[] = [];
    let nextPos = options.offset;
    let inFlight = 0;
    let eofSeen = false;
    let waitingDrain = false;
    let settled = false;
    let bytes = 0;

    let stallTimer: NodeJS.Timeout | undefined;
    let lastProgress = Date.now();
    /**
     * Notes progress and keeps one timer armed while answers are awaited (waiting for the sink to drain is not a
     * stall); the timer re-checks the time of the last answer instead of being reset for every answer.
     */
    const watch = (): void => {
      lastProgress = Date.now();
      const stallMs = options.stallMs;
      if (!stallMs || stallTimer || settled) return;
      const check = (): void => {
        stallTimer = undefined;
        if (settled) return;
        if (inFlight === 0 || waitingDrain) return;
        const left = lastProgress + stallMs - Date.now();
        if (left <= 0) return fail(new PipelinedReadError(`no answer from the SFTP server in ${stallMs} ms`, 'stalled'));
        stallTimer = setTimeout(check, left);
      };
      stallTimer = setTimeout(check, stallMs);
    };
    const cleanup = (): void => {
      if (stallTimer) clearTimeout(stallTimer);
      signal?.removeEventListener('abort', onAbort);
      sink.removeListener('error', onSinkError);
      sink.removeListener('drain', onDrain);
    };
    const fail = (err: PipelinedReadError): void => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(err);
    };
    const finish = (end: number): void => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve({ bytes, end });
    };
    const onAbort = (): void => fail(new PipelinedReadError('the download was cancelled', 'aborted'));
    const onSinkError = (err: unknown): void => fail(new PipelinedReadError(`cannot write the download: ${err instanceof Error ? err.message : String(err)}`, 'sink', { cause: err }));
    const onDrain = (): void => {
      waitingDrain = false;
      flush();
      pump();
      watch();
    };

    const request = (slot: Slot): void => {
      inFlight++;
      const buf = Buffer.allocUnsafe(slot.len);
      sftp.read(handle, buf, 0, slot.len, slot.pos, (err, nb) => {
        inFlight--;
        if (settled) return;
        if (err) return fail(new PipelinedReadError(`SFTP read at ${slot.pos}: ${err.message}`, 'sftp', { cause: err }));
        slot.done = true;
        if (!nb) {
          slot.eof = true;
          eofSeen = true;
        } else {
          slot.data = nb === buf.length ? buf : buf.subarray(0, nb);
          if (nb < slot.len) {
            // Short read: ask for the rest right behind this piece, before any later one.
            const rest: Slot = { pos: slot.pos + nb, len: slot.len - nb, done: false };
            const index = slots.indexOf(slot);
            slots.splice(index + 1, 0, rest);
            request(rest);
          }
        }
        flush();
        pump();
        watch();
      });
    };

    const pump = (): void => {
      while (!settled && !eofSeen && !waitingDrain && inFlight < maxInFlight) {
        const slot: Slot = { pos: nextPos, len: chunkSize, done: false };
        nextPos += chunkSize;
        slots.push(slot);
        request(slot);
      }
    };

    const flush = (): void => {
      while (!settled && slots.length > 0 && slots[0]!.done) {
        const head = slots[0]!;
        if (head.eof) return finish(head.pos);
        slots.shift();
        const data = head.data!;
        bytes += data.length;
        const more = sink.write(data);
        onBytes?.(data.length);
        if (!more && !waitingDrain) {
          waitingDrain = true;
          sink.once('drain', onDrain);
        }
      }
    };

    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    sink.on('error', onSinkError);
    pump();
    watch();
  });
}
