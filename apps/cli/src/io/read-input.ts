/**
 * The bytes of one input file, for every command that reads one (scenarios, manifests, shard files). A
 * regular file is sized with fs.stat before it is read, so a 50 MB file costs one system call. Anything
 * else that can be opened is read as a stream up to the same limit: a pipe (`<(envsubst < x.yaml)`,
 * `cat x.yaml | design-sim run /dev/stdin`), a named pipe, /dev/zero. A pipe that nobody writes to would
 * block a plain read forever, so it is opened non-blocking and polled: after INPUT_NOTICE_MS of silence
 * the user is told what design-sim is waiting for, and after the silence limit it gives up (exit 2).
 * Never throws.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { isatty } from 'node:tty';
import { printableName } from '@design-sim/sim-core';
import type { CliContext } from '../context.ts';

/** How long a silent pipe is waited on before design-sim says so on stderr, ms. */
export const INPUT_NOTICE_MS = 2000;

/**
 * How long a pipe may stay silent (nothing written, not closed) before design-sim gives up, seconds:
 * a generator that has not written a byte in 30 s is stuck or was never started. DESIGN_SIM_INPUT_TIMEOUT
 * (seconds) changes it for a slow producer.
 */
export const INPUT_SILENCE_SECONDS = 30;

/** How often a silent pipe is polled, ms: short enough that a pipe's data is read at once. */
const POLL_MS = 20;

const CHUNK_BYTES = 1 << 16;

/** What reading may need from the command: where to say it is waiting, and how long to wait. */
export interface InputOptions {
  /** Largest input accepted, bytes. */
  maxBytes: number;
  /** Longest silence of a pipe, ms (default INPUT_SILENCE_SECONDS). */
  silenceMs?: number;
  /** Told once when a pipe has been silent for INPUT_NOTICE_MS (a line for stderr, without a newline). */
  onWait?: (message: string) => void;
}

/** Why an input could not be read; each command words the file-level ones its own way. */
export type InputFailure =
  | { kind: 'stat'; error: unknown }
  | { kind: 'directory' }
  /** `size` is known for a regular file; null when a stream passed the limit. */
  | { kind: 'too-large'; size: number | null }
  /** A message that is the same for every command (a terminal, a silent pipe, a socket, a read error). */
  | { kind: 'stream'; message: string };

export type InputRead = { ok: true; bytes: Uint8Array } | ({ ok: false } & InputFailure);

/** The error code of a failed system call (ENOENT, EAGAIN…), if it has one. */
export function errnoOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/** A system error's message without its code prefix ("ENOENT: no such file…" → "no such file…"). */
export const reasonOf = (e: unknown): string =>
  // ELOOP's own text names the absolute path ("too many symbolic links encountered, stat '/home/…'").
  errnoOf(e) === 'ELOOP' ? SYMLINK_LOOP : e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e);

/** Why a path whose symbolic links loop cannot be read (Linux gives up after 40 links). */
export const SYMLINK_LOOP = 'its symbolic links form a loop (or a chain of more than 40)';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * A command's reading options: the notice goes to stderr, and the silence limit is DESIGN_SIM_INPUT_TIMEOUT
 * (seconds) when that is a positive number.
 */
export function inputOptions(ctx: Pick<CliContext, 'env' | 'stderr'>): Omit<InputOptions, 'maxBytes'> {
  const s = Number(ctx.env.DESIGN_SIM_INPUT_TIMEOUT);
  const silenceMs = ctx.env.DESIGN_SIM_INPUT_TIMEOUT !== undefined && Number.isFinite(s) && s > 0 ? s * 1000 : INPUT_SILENCE_SECONDS * 1000;
  return { silenceMs, onWait: (message) => ctx.stderr.write(`design-sim: ${message}\n`) };
}

const seconds = (ms: number) => `${Number((ms / 1000).toPrecision(3))} s`;

/** Reads `absolute` (named `file` in messages). */
export async function readInput(file: string, absolute: string, options: InputOptions): Promise<InputRead> {
  let info;
  try {
    info = await stat(absolute);
  } catch (error) {
    return { ok: false, kind: 'stat', error };
  }
  if (info.isDirectory()) return { ok: false, kind: 'directory' };
  if (info.isFile()) {
    if (info.size > options.maxBytes) return { ok: false, kind: 'too-large', size: info.size };
    // A regular file can grow between stat and read: the stream below still caps it.
  }
  if (info.isSocket()) return { ok: false, kind: 'stream', message: 'is a socket, not a file' };
  return readStream(file, absolute, info.isFIFO(), options);
}

async function readStream(file: string, absolute: string, isPipe: boolean, options: InputOptions): Promise<InputRead> {
  let handle;
  try {
    // Non-blocking: opening a named pipe for reading would otherwise wait for a writer, out of reach of any timer.
    handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, kind: 'stream', message: `cannot read: ${reasonOf(e)}` };
  }
  try {
    if (isatty(handle.fd)) return { ok: false, kind: 'stream', message: 'is a terminal: redirect a file into it (< file.yaml) or name the file' };
    const silenceMs = options.silenceMs ?? INPUT_SILENCE_SECONDS * 1000;
    const chunks: Uint8Array[] = [];
    let size = 0;
    // On a pipe, end-of-file before any writer has been seen means no writer yet, not an empty input.
    let writerSeen = !isPipe;
    let lastData = performance.now();
    let told = false;
    for (;;) {
      const buffer = new Uint8Array(CHUNK_BYTES);
      let n: number;
      try {
        n = (await handle.read(buffer, 0, CHUNK_BYTES, null)).bytesRead;
      } catch (e) {
        if (errnoOf(e) !== 'EAGAIN') return { ok: false, kind: 'stream', message: `cannot read: ${reasonOf(e)}` };
        n = -1; // a writer is there, with nothing to say yet
        writerSeen = true;
      }
      if (n > 0) {
        size += n;
        if (size > options.maxBytes) return { ok: false, kind: 'too-large', size: null };
        // A pipe hands over a few KB at a time: keep only what was read, not the whole buffer behind it.
        chunks.push(n === CHUNK_BYTES ? buffer : buffer.slice(0, n));
        writerSeen = true;
        lastData = performance.now();
        continue;
      }
      if (n === 0 && writerSeen) break;
      const silent = performance.now() - lastData;
      if (silent >= silenceMs) {
        const what = size === 0 ? `nothing was written to this pipe in ${seconds(silenceMs)} (is anything writing to it?)` : `the pipe sent ${size} bytes, then nothing for ${seconds(silenceMs)} without closing`;
        return { ok: false, kind: 'stream', message: `no input: ${what}; design-sim gives up on a silent pipe, DESIGN_SIM_INPUT_TIMEOUT=SECONDS waits longer (docs/limits.md)` };
      }
      if (!told && silent >= INPUT_NOTICE_MS) {
        told = true;
        options.onWait?.(`${printableName(file)}: waiting for input: ${size === 0 ? 'nothing has been written to this pipe yet' : 'the pipe has gone quiet'} (giving up after ${seconds(silenceMs)} of silence)`);
      }
      await sleep(POLL_MS);
    }
    return { ok: true, bytes: Buffer.concat(chunks) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
