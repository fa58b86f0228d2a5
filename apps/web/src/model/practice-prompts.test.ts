import { describe, expect, it } from 'vitest';
import { CONTENT_FILES, PRACTICE_FILES } from './content-files.ts';
import { practicePrompts } from './practice-prompts.ts';

describe('practice prompts (content/practice/*.md)', () => {
  it('lists every prompt file with its numbered prompts and a model answer that is in the library', () => {
    const prompts = practicePrompts(PRACTICE_FILES);
    expect(prompts.length).toBe(Object.keys(PRACTICE_FILES).length);
    expect(prompts.length).toBeGreaterThan(0);
    for (const p of prompts) {
      expect(p.prompts.length, p.file).toBeGreaterThan(0);
      expect(p.answerFile, p.file).not.toBeNull();
      expect(CONTENT_FILES[p.answerFile!], `${p.file} → ${p.answerFile}`).toBeDefined();
    }
    const tracker = prompts.find((p) => p.file === 'experiment-tracking-and-rate-limiter.md')!;
    expect(tracker.title).toBe('experiment tracking system and a token-bucket rate limiter');
    expect(tracker.answerFile).toBe('experiment-tracker-bill.yaml');
    expect(tracker.prompts[0]).toMatch(/^1\. Design an experiment tracking system\./);
    expect(prompts.find((p) => p.file === 'gpu-scheduling-10x8-a100.md')!.prompts).toEqual([expect.stringMatching(/^You have a Kubernetes cluster with 10 GPU nodes .* blocking GPU nodes\.$/)]);
  });

  it('copes with a file without prompts or answer', () => {
    expect(practicePrompts({ 'x.md': 'no heading' })).toEqual([{ file: 'x.md', title: 'x.md', prompts: [], answerFile: null, markdown: 'no heading' }]);
  });
});
