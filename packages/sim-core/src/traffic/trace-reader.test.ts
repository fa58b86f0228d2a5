import { describe, expect, it } from 'vitest';
import { TraceFormatError, TraceRows, type TraceChunkReader, type TraceFormat } from './trace-reader.ts';

/** A reader over `text` in chunks of `size` characters (1: every line and number cut at every place). */
function chunks(text: string, size = 1 << 16): TraceChunkReader {
  let pos = 0;
  return { read: () => (pos >= text.length ? null : text.slice(pos, (pos += size))) };
}

function readAll(text: string, format: TraceFormat, size?: number): number[][] {
  const rows = new TraceRows(chunks(text, size), format, 'trace.csv');
  const out: number[][] = [];
  while (rows.next()) out.push([rows.t, rows.inputTokens, rows.outputTokens]);
  return out;
}

function errorOf(text: string, format: TraceFormat): string {
  try {
    readAll(text, format);
  } catch (e) {
    if (e instanceof TraceFormatError) return e.message;
    throw e;
  }
  return 'no error';
}

const AZURE = `TIMESTAMP,ContextTokens,GeneratedTokens
2023-11-16 18:15:46.6805900,374,44
2023-11-16 18:15:50.9493240,396,109
2023-11-16 18:16:01.0000000,879,0
`;

describe('TraceRows', () => {
  it('reads the Azure LLM trace format: times from the first row, tokens as published', () => {
    const rows = readAll(AZURE, 'azure-llm');
    expect(rows.map((r) => r[1])).toEqual([374, 396, 879]);
    expect(rows.map((r) => r[2])).toEqual([44, 109, 0]);
    expect(rows[0]![0]).toBe(0);
    expect(rows[1]![0]).toBeCloseTo(4.268734, 6);
    expect(rows[2]![0]).toBeCloseTo(14.31941, 6);
  });

  it('gives the same rows whatever the chunk size (lines and numbers cut anywhere), with CRLF line ends', () => {
    const crlf = AZURE.replace(/\n/g, '\r\n');
    expect(readAll(crlf, 'azure-llm', 1)).toEqual(readAll(AZURE, 'azure-llm'));
    expect(readAll(AZURE, 'azure-llm', 7)).toEqual(readAll(AZURE, 'azure-llm'));
  });

  it('crosses midnight and month ends, and applies a time zone suffix', () => {
    const text = 'TIMESTAMP,ContextTokens,GeneratedTokens\n2024-02-29 23:59:59.5,1,1\n2024-03-01T00:00:00.25Z,1,1\n2024-03-01 02:00:01+02:00,1,1\n';
    expect(readAll(text, 'azure-llm').map((r) => r[0])).toEqual([0, 0.75, 1.5]);
  });

  it('reads csv by header names (any order, extra columns ignored) and jsonl with an optional session', () => {
    expect(readAll('outputTokens,t,inputTokens,note\n10,0,100,a\n20,1.5,200,b\n', 'csv')).toEqual([[0, 100, 10], [1.5, 200, 20]]);
    expect(readAll('{"t":0,"inputTokens":5,"outputTokens":6,"session":"s1"}\n\n{"t":2.5,"inputTokens":7,"outputTokens":8}\n', 'jsonl')).toEqual([[0, 5, 6], [2.5, 7, 8]]);
  });

  it('locates bad rows: file, line, column, field, what was expected', () => {
    expect(errorOf('TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.68,37x,44\n', 'azure-llm')).toMatchInlineSnapshot(`"trace.csv:2:24 ContextTokens: expected a whole number of tokens from 0 to 10000000, got "37x""`);
    expect(errorOf('TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.68,1,2\n16/11/2023 18:15,1,2\n', 'azure-llm')).toMatchInlineSnapshot(`"trace.csv:3:1 TIMESTAMP: expected a date-time like 2023-11-16 18:15:46.6805900, got "16/11/2023 18:15""`);
    expect(errorOf('t,inputTokens\n0,1\n', 'csv')).toMatchInlineSnapshot(`"trace.csv:1:1 header: expected a header row with t,inputTokens,outputTokens (the csv format), got "t,inputTokens""`);
    expect(errorOf('t,inputTokens,outputTokens\n0,1,2\n3,4\n', 'csv')).toMatchInlineSnapshot(`"trace.csv:3:1 row: expected 3 comma-separated fields (as in the header), got 2 in "3,4""`);
    expect(errorOf('t,inputTokens,outputTokens\n5,1,2\n4,1,2\n', 'csv')).toMatchInlineSnapshot(`"trace.csv:3:1 t: expected a time not before the previous row's (5 s after the first row), got 4 s"`);
    expect(errorOf('{"t":0,"inputTokens":1.5,"outputTokens":2}\n', 'jsonl')).toMatchInlineSnapshot(`"trace.csv:1:8 inputTokens: expected a whole number of tokens from 0 to 10000000, got 1.5"`);
    expect(errorOf('{"t":0,"inputTokens":1,"outputTokens":2,"prompt":"hi"}\n', 'jsonl')).toMatchInlineSnapshot(`"trace.csv:1:41 prompt: expected only t, inputTokens, outputTokens and session, got an unknown field "prompt""`);
    expect(errorOf('{"t":0,"inputTokens":1\n', 'jsonl')).toMatchInlineSnapshot(`"trace.csv:1:1 row: expected one JSON object per line, got "{\\"t\\":0,\\"inputTokens\\":1""`);
  });

  it('refuses a day its month does not have, and a column named twice, instead of reading a guess', () => {
    // 2023-02-30 was read as 2 March (two days after 2023-02-28, a silent jump); 2024 is a leap year, 2100 is not.
    expect(errorOf('TIMESTAMP,ContextTokens,GeneratedTokens\n2023-02-28 10:00:00,1,1\n2023-02-30 10:00:00,1,1\n', 'azure-llm')).toBe('trace.csv:3:1 TIMESTAMP: expected a date-time like 2023-11-16 18:15:46.6805900, got "2023-02-30 10:00:00"');
    expect(errorOf('TIMESTAMP,ContextTokens,GeneratedTokens\n2023-04-31 10:00:00,1,1\n', 'azure-llm')).toBe('trace.csv:2:1 TIMESTAMP: expected a date-time like 2023-11-16 18:15:46.6805900, got "2023-04-31 10:00:00"');
    expect(errorOf('TIMESTAMP,ContextTokens,GeneratedTokens\n2100-02-29 10:00:00,1,1\n', 'azure-llm')).toBe('trace.csv:2:1 TIMESTAMP: expected a date-time like 2023-11-16 18:15:46.6805900, got "2100-02-29 10:00:00"');
    expect(readAll('TIMESTAMP,ContextTokens,GeneratedTokens\n2000-02-29 23:00:00,1,1\n2000-03-01 00:00:00,1,1\n', 'azure-llm').map((r) => r[0])).toEqual([0, 3600]);
    // t,t,...: the first t was read and the second ignored.
    expect(errorOf('t,t,inputTokens,outputTokens\n0,9,1,1\n', 'csv')).toBe('trace.csv:1:1 header: expected each of t,inputTokens,outputTokens once, got "t" twice in "t,t,inputTokens,outputTokens"');
  });

  it('refuses a JSON line with a key twice, at the second (JSON.parse kept the last: {"t":0,"t":5} ran at 5 s)', () => {
    expect(errorOf('{"t":0,"t":5,"inputTokens":1,"outputTokens":2}\n', 'jsonl')).toBe('trace.csv:1:8 t: expected each key once in a JSON line (JSON.parse would keep the last silently), got "t" again');
    // Line 2, its second inputTokens (after 7 + 16 + 17 = 40 characters: column 41), written with an escape JSON.parse decodes.
    expect(errorOf('{"t":0,"inputTokens":1,"outputTokens":2}\n{"t":1,"inputTokens":1,"outputTokens":2,"\\u0069nputTokens":3}\n', 'jsonl')).toBe('trace.csv:2:41 inputTokens: expected each key once in a JSON line (JSON.parse would keep the last silently), got "inputTokens" again');
  });

  it('refuses a time past a double (Infinity), an empty CSV trace and a line without end, each located', () => {
    // A 5 MB run of 9s read as Infinity, and a header-less empty file as a trace of no requests: both ran, exit 1.
    expect(errorOf(`t,inputTokens,outputTokens\n${'9'.repeat(400)},1,1\n`, 'csv')).toBe(`trace.csv:2:1 t: expected seconds, a finite number ≥ 0, got "${'9'.repeat(77)}..."`);
    // 1e400 parses to Infinity, which JSON.stringify names "null": the value is named as written.
    expect(errorOf('{"t":1e400,"inputTokens":1,"outputTokens":2}\n', 'jsonl')).toBe('trace.csv:1:2 t: expected seconds, a finite number ≥ 0, got 1e400');
    expect(errorOf('{"t":0,"inputTokens":1e400,"outputTokens":2}\n', 'jsonl')).toBe('trace.csv:1:8 inputTokens: expected a whole number of tokens from 0 to 10000000, got 1e400');
    expect(errorOf('{"t":0,"inputTokens":1,"outputTokens": -2.50}\n', 'jsonl')).toBe('trace.csv:1:24 outputTokens: expected a whole number of tokens from 0 to 10000000, got -2.50');
    expect(errorOf('', 'csv')).toBe('trace.csv:1:1 header: expected a header row with t,inputTokens,outputTokens (the csv format), got an empty file');
    expect(errorOf('\n\n', 'azure-llm')).toBe('trace.csv:1:1 header: expected a header row with TIMESTAMP,ContextTokens,GeneratedTokens (the azure-llm format), got an empty file');
    // A header and no rows (or an empty JSON Lines file) ran as a design offered nothing, and passed on its bill.
    expect(errorOf('t,inputTokens,outputTokens\n', 'csv')).toBe('trace.csv:2:1 row: expected at least one row after the header (a request): a trace of no requests offers nothing to judge, got the end of the file');
    expect(errorOf('TIMESTAMP,ContextTokens,GeneratedTokens\r\n\r\n', 'azure-llm')).toBe('trace.csv:2:1 row: expected at least one row after the header (a request): a trace of no requests offers nothing to judge, got the end of the file');
    expect(errorOf('', 'jsonl')).toBe('trace.csv:1:1 row: expected at least one JSON line (a request): a trace of no requests offers nothing to judge, got the end of the file');
    expect(errorOf('\n \n', 'jsonl')).toBe('trace.csv:1:1 row: expected at least one JSON line (a request): a trace of no requests offers nothing to judge, got the end of the file');
    expect(readAll('t,inputTokens,outputTokens\n0,1,1\n', 'csv')).toEqual([[0, 1, 1]]);
    // 60 MB without a line break took 13 s and 300 MB: now it stops after the first MiB past the limit.
    let served = 0;
    const endless: TraceChunkReader = { read: () => (served++ === 0 ? 't,inputTokens,outputTokens\n' : served > 60 ? null : '1'.repeat(1 << 20)) };
    const start = performance.now();
    expect(() => new TraceRows(endless, 'csv', 'long.csv').next()).toThrow(new TraceFormatError('long.csv', 2, 1, 'row', 'a line of at most 1,048,576 bytes (1 MiB; a trace row is tens of bytes)', 'more than 1,048,576 bytes without a line break'));
    expect(served).toBeLessThan(5);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('streams: a million rows pass through a fixed-size buffer (memory does not grow with the trace)', () => {
    const n = 1_000_000;
    let sent = -1;
    const reader: TraceChunkReader = {
      // Each chunk is 1,000 rows, made when asked for: 1 ms apart, continuing the previous chunk's times.
      read: () => {
        sent++;
        if (sent === 0) return 't,inputTokens,outputTokens\n';
        if (sent > n / 1000) return null;
        let text = '';
        for (let i = 0; i < 1000; i++) text += `${sent - 1 + i * 0.001},${100 + (i % 7)},${10 + (i % 5)}\n`;
        return text;
      },
    };
    const rows = new TraceRows(reader, 'csv', 'big.csv');
    let count = 0;
    let tokens = 0;
    while (rows.next()) {
      count++;
      tokens += rows.inputTokens;
    }
    expect(count).toBe(n);
    expect(rows.t).toBeCloseTo(n / 1000 - 0.001, 6);
    let perBlock = 0;
    for (let i = 0; i < 1000; i++) perBlock += 100 + (i % 7);
    expect(tokens).toBe(perBlock * (n / 1000));
  });
});
