/**
 * Everything a command touches outside its arguments: output streams, terminal facts, environment,
 * working directory and clock. Commands take a CliContext instead of reaching for `process`, so unit
 * tests capture output without console.* (which the shared test setup forbids) and fake the terminal.
 */
import { availableParallelism } from 'node:os';
import pc from 'picocolors';

/** The colour functions the formatters use (picocolors' shape); identity functions when colour is off. */
export type Colors = Pick<typeof pc, 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan'>;

/** A writable text stream; `isTTY` decides colours and the progress bar. */
export interface TextSink {
  write(text: string): void;
  isTTY: boolean;
}

export interface CliContext {
  stdout: TextSink;
  stderr: TextSink;
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Colours for stdout text (off when NO_COLOR is set or stdout is not a terminal). */
  colors: Colors;
  /** Colours for stderr text (same rule, judged on stderr). */
  errColors: Colors;
  /** Wall clock in ms, only for deciding when to show the progress bar. */
  now: () => number;
  /** URL of the bundled CLI file, which doubles as the sweep worker; undefined = run sweeps in-process. */
  workerUrl: URL | undefined;
  /** Upper bound on sweep worker threads. */
  maxWorkers: number;
}

/** NO_COLOR (https://no-color.org): any non-empty value turns colour off; otherwise colour only on a terminal. */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

/** picocolors' functions, or identity functions when `enabled` is false. */
export function createColors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

/** A context over the real process, for the bundled binary. */
export function processContext(workerUrl: URL | undefined): CliContext {
  const sink = (s: NodeJS.WriteStream): TextSink => ({ write: (t) => void s.write(t), isTTY: s.isTTY === true });
  return {
    stdout: sink(process.stdout),
    stderr: sink(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    colors: createColors(colorEnabled(process.env, process.stdout.isTTY === true)),
    errColors: createColors(colorEnabled(process.env, process.stderr.isTTY === true)),
    now: () => performance.now(),
    workerUrl,
    maxWorkers: availableParallelism(),
  };
}
