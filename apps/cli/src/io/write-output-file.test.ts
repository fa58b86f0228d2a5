import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.ts';
import { refuseInputAsOutput } from './write-output-file.ts';

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
