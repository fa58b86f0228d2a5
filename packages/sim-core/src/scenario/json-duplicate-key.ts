/**
 * The first key repeated in one object of a JSON text, found in one pass. `import k8s` reads `kubectl get -o json`
 * output with JSON.parse for speed, and JSON.parse keeps the last of two equal keys without a word:
 * `"replicas": 3, "replicas": 30` imported 30 replicas, exit 0, where the same manifest in YAML is refused at the
 * second key. A JSON Lines trace row (`{"t":0,"t":5}`) is read the same way and checked by the same rule.
 * Only called on text JSON.parse has accepted, so the scan need not validate anything.
 */

/** Where the repeated key starts (a character offset of its opening quote), and the key. */
export interface DuplicateJsonKey {
  offset: number;
  key: string;
}

/** The first repeated key of an object in `text` (valid JSON), or null. */
export function jsonDuplicateKey(text: string): DuplicateJsonKey | null {
  // One frame per open container: the keys seen in an object (null in an array), and whether a key comes next.
  const frames: { keys: Set<string> | null; keyNext: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) frames.push({ keys: new Set(), keyNext: true });
    else if (c === 0x5b /* [ */) frames.push({ keys: null, keyNext: false });
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) frames.pop();
    else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1];
      if (top?.keys) top.keyNext = true;
    } else if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c /* \ */) {
          escaped = true;
          i++;
        }
      }
      const top = frames[frames.length - 1];
      if (top?.keys && top.keyNext) {
        // Escapes are decoded, so "\u0072eplicas" is the same key as "replicas", as JSON.parse reads it.
        const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
        if (top.keys.has(key)) return { offset: start, key };
        top.keys.add(key);
        top.keyNext = false;
      }
    }
  }
  return null;
}

/**
 * False when `parsed` (JSON.parse of `text`) cannot hide a repeated key, found without the scan: every key is followed by one
 * colon, so an object with as many keys as the text has colons kept them all. True otherwise (a key lost to a repeat, or
 * colons in strings or nested objects: then `jsonDuplicateKey` decides). A trace row is a flat object of three numbers,
 * and the full scan cost more than JSON.parse itself (0.40 against 0.38 µs a row); this test costs about a quarter of it.
 */
export function mayRepeatKey(text: string, parsed: object): boolean {
  let colons = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) colons++;
  let keys = 0;
  for (const _ in parsed) keys++;
  return colons !== keys;
}
