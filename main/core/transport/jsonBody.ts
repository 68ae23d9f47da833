/** Reads a request body with a size cap and parses it as JSON; problems come back as data (413 / 400). */
import type { IncomingMessage } from 'node:http';

/** The parsed body, or the status and message to answer. */
export type JsonBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly status: 400 | 413; readonly message: string };

/** Reads at most `maxBytes` bytes; a longer body (by Content-Length or as it streams) is refused without buffering it. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  const tooLarge: JsonBody = { ok: false, status: 413, message: `Request body larger than ${maxBytes} bytes` };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return tooLarge;
  }
  const chunks: Buffer[] = [];
  const outcome = await new Promise<'ok' | 'large' | 'aborted'>((resolve) => {
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Stop buffering but keep draining, so the 413 answer can still be written on this connection.
      req.off('data', onData);
      req.resume();
      resolve('large');
    };
    req.on('data', onData);
    req.once('end', () => resolve('ok'));
    req.once('aborted', () => resolve('aborted'));
    req.once('error', () => resolve('aborted'));
  });
  if (outcome === 'large') return tooLarge;
  if (outcome === 'aborted') return { ok: false, status: 400, message: 'Request body was cut off' };
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: false, status: 400, message: 'Request body must be a JSON array of arguments' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, status: 400, message: `Request body is not JSON: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300) };
  }
}
