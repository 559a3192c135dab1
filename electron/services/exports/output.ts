import { once } from 'node:events';
import { Writable } from 'node:stream';

/** Writes and, when the stream's buffer is full, waits for it to drain: memory stays bounded. */
export async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Ends the stream and resolves once everything reached its destination (the file is on disk). */
export async function end(out: Writable): Promise<void> {
  if (out.writableFinished) return;
  const finished = once(out, 'finish');
  out.end();
  await finished;
}

/** A stream that keeps what it is given, for exports returned through the API as one buffer. */
export function memoryOutput(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}
