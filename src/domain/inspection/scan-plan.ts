// What the scanner does on each phrase hit, laid out flat for the hot path: the presence bits to set as
// (word, bits) pairs — those set whatever surrounds the hit (regex triggers) and those set only when the hit
// stands clear of ASCII letters (phrase and presence-only groups) — and flags for the rest. The automaton
// reports ~8 hits per message on the default rulebook; looping over small arrays of group ids per hit, and
// testing each bit before setting it, was a fifth of the engine's pass.

/** The hit must not be glued to an ASCII letter on the left. */
export const ASCII_LEFT = 1;
/** … nor on the right. */
export const ASCII_RIGHT = 2;
/** The pattern belongs to a group whose spans are kept. */
export const KEEPS_SPANS = 4;
/** The pattern plays a role in the negativity detector. */
export const SENTIMENT = 8;

export interface ScanPlan {
  /** Pattern p's trigger pairs are marks[triggerStart[p] … boundedStart[p]), its bounded pairs marks[boundedStart[p] … triggerStart[p + 1]). */
  readonly triggerStart: Int32Array;
  readonly boundedStart: Int32Array;
  /** (word, bits) pairs: presence[messageBase + word] |= bits. */
  readonly marks: Int32Array;
  readonly flags: Uint8Array;
}

export function planScan(input: {
  patternCount: number;
  /**
   * pattern → regex trigger groups. Unlike phrase groups these ignore the ASCII word boundaries: a regex matches
   * `vx` inside `addvx123` too, so its trigger must not be stricter.
   */
  triggerGroups: readonly (readonly number[])[];
  /** pattern → phrase groups (spans kept). */
  spanGroups: readonly (readonly number[])[];
  /** pattern → groups whose presence alone matters (the negativity trigger, on every sentiment word). */
  presenceGroups: readonly (readonly number[])[];
  /** pattern → 1 when it must not be glued to an ASCII letter on the left / right. */
  asciiLeft: Uint8Array;
  asciiRight: Uint8Array;
  /** pattern → its roles in the negativity detector, if any. */
  sentiment: ReadonlyArray<unknown>;
}): ScanPlan {
  const n = input.patternCount;
  const triggerStart = new Int32Array(n + 1);
  const boundedStart = new Int32Array(n);
  const flags = new Uint8Array(n);
  const marks: number[] = [];
  for (let p = 0; p < n; p++) {
    triggerStart[p] = marks.length;
    pushPairs(marks, input.triggerGroups[p]);
    boundedStart[p] = marks.length;
    pushPairs(marks, [...input.spanGroups[p], ...input.presenceGroups[p]]);
    flags[p] =
      (input.asciiLeft[p] ? ASCII_LEFT : 0) |
      (input.asciiRight[p] ? ASCII_RIGHT : 0) |
      (input.spanGroups[p].length > 0 ? KEEPS_SPANS : 0) |
      (input.sentiment[p] ? SENTIMENT : 0);
  }
  triggerStart[n] = marks.length;
  return { triggerStart, boundedStart, marks: Int32Array.from(marks), flags };
}

/** The groups as (word, bits) pairs, one pair per 32-bit word they fall in. */
function pushPairs(out: number[], groups: readonly number[]): void {
  const byWord = new Map<number, number>();
  for (const g of groups) byWord.set(g >>> 5, (byWord.get(g >>> 5) ?? 0) | (1 << (g & 31)));
  for (const [word, bits] of [...byWord].sort((a, b) => a[0] - b[0])) out.push(word, bits);
}
