/**
 * Free text of a scenario (titles, descriptions, notes, labels, zones): any characters but the ones that act on a
 * terminal or break a document. A title of "\e[2J\e]0;x\a" was printed raw at the head of `run`'s report (the
 * terminal cleared, its window retitled) and made `--plot`'s SVG malformed XML (XML 1.0 forbids C0 controls even
 * as escapes). Tab and newline are text; CR is refused with the rest (a CRLF file's line breaks reach a scalar as LF).
 */
import * as z from 'zod';
import { STEERING_RANGES } from './scenario-issue.ts';

/** The characters that act on a terminal (scenario-issue.ts `STEERING_RANGES`). */
const STEERING = new RegExp(`[${STEERING_RANGES}]`);

/** The first character of `text` that would steer a terminal, as `U+001B at character 3`, or undefined. */
export function steeringCharacter(text: string): string | undefined {
  const at = text.search(STEERING);
  if (at < 0) return undefined;
  return `U+${text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')} at character ${at + 1}`;
}

/** A free-text string of at most `max` characters without steering characters. */
export function freeText(max: number, min = 0) {
  return (min > 0 ? z.string().min(min) : z.string())
    .max(max)
    .superRefine((text, ctx) => {
      const found = steeringCharacter(text);
      if (found !== undefined) ctx.addIssue({ code: 'custom', input: text, message: `contains the control character ${found}: control characters, escape sequences and bidirectional overrides would act on a terminal (or break the SVG chart); remove it` });
    });
}
