import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.ts';
import { checkOutputPath, refuseInputAsOutput } from './write-output-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'design-sim-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('refuseInputAsOutput', () => {
  it('refuses an output that names an input, however the path is written or linked', async () => {
    writeFileSync(join(dir, 's.yaml'), 'x');
    symlinkSync(join(dir, 's.yaml'), join(dir, 'link.yaml'));
    const message = (out: string) => new CliError(`--plot: ${out} is an input of this command (s.yaml); writing it would replace it: name another file (nothing was run or written)`);
    await expect(refuseInputAsOutput(dir, 's.yaml', ['other.yaml', 's.yaml'], '--plot')).rejects.toThrow(message('s.yaml'));
    await expect(refuseInputAsOutput(dir, join(dir, 'link.yaml'), ['s.yaml'], '--plot')).rejects.toThrow(message(join(dir, 'link.yaml')));
    await expect(refuseInputAsOutput(dir, 'plot.svg', ['s.yaml'], '--plot')).resolves.toBeUndefined();
  });
});

describe('checkOutputPath', () => {
  it('refuses a file path ending in "/": it names a folder (`--plot plots/` wrote a file named plots)', async () => {
    await expect(checkOutputPath(dir, 'new-folder/', '--plot')).rejects.toThrow(new CliError('--plot: new-folder/ names a folder (it ends in "/"): name a file in it, e.g. new-folder/out'));
    await expect(checkOutputPath(dir, 'new-folder/plot.svg', '--plot')).resolves.toBeUndefined();
    // A folder output (--csv) may end in a slash.
    await expect(checkOutputPath(dir, 'csv-out/', '--csv', { directory: true })).resolves.toBeUndefined();
  });
});
