// A hand-written Aho-Corasick automaton over UTF-16 code units.
//
// Built once from a list of phrases (normalised by normalize.ts), then stored in flat typed arrays:
//   - root:      a dense 65 536-entry table of the root's transitions (most steps leave from the root);
//   - edges:     the other states' transitions in CSR form (edgeStart/edgeChar/edgeNext, sorted by char);
//   - fail:      failure links;
//   - outputs:   for each state, every pattern ending there *including* those reached through failure
//                links (outStart/outList), so matching reports overlapping hits without walking links.
// Matching normalises each code unit through the same table as compilation, and since that normaliser is
// one-unit-to-one-unit, reported offsets are offsets into the original text.

import { NORMALIZE_TABLE, normalizeText } from './normalize.js';

/** One occurrence: pattern index (into the compile input), [start, end) in UTF-16 units of the text. */
export interface AcMatch {
  pattern: number;
  start: number;
  end: number;
}

export type AcCallback = (pattern: number, start: number, end: number) => void;

/** Receives hits as a method call: a long-lived sink object spares the hot path a closure per text. */
export interface AcSink {
  hit(pattern: number, start: number, end: number): void;
}

const LINEAR_LIMIT = 8;

/** A compiled automaton as plain typed arrays: what a worker thread is handed instead of compiling again. */
export interface AcTables {
  patternCount: number;
  root: Int32Array;
  edgeStart: Int32Array;
  edgeChar: Uint16Array;
  edgeNext: Int32Array;
  fail: Int32Array;
  outStart: Int32Array;
  outList: Int32Array;
  patternLength: Int32Array;
}

export class AhoCorasick {
  /** Number of patterns given to compile (including empty ones, which never match). */
  readonly patternCount: number;
  /** Number of automaton states. */
  readonly stateCount: number;
  private readonly root: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeNext: Int32Array;
  private readonly fail: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  private readonly patternLength: Int32Array;

  private constructor(fields: AcTables) {
    this.patternCount = fields.patternCount;
    this.stateCount = fields.fail.length;
    this.root = fields.root;
    this.edgeStart = fields.edgeStart;
    this.edgeChar = fields.edgeChar;
    this.edgeNext = fields.edgeNext;
    this.fail = fields.fail;
    this.outStart = fields.outStart;
    this.outList = fields.outList;
    this.patternLength = fields.patternLength;
  }

  /** The automaton's tables (shared, not copied: never change them). */
  tables(): AcTables {
    return {
      patternCount: this.patternCount,
      root: this.root,
      edgeStart: this.edgeStart,
      edgeChar: this.edgeChar,
      edgeNext: this.edgeNext,
      fail: this.fail,
      outStart: this.outStart,
      outList: this.outList,
      patternLength: this.patternLength,
    };
  }

  /** An automaton from the tables of one compiled elsewhere (another thread), without compiling. */
  static fromTables(tables: AcTables): AhoCorasick {
    return new AhoCorasick(tables);
  }

  /** Compiles the phrases; a match reports the index of the phrase in this array. */
  static compile(patterns: readonly string[]): AhoCorasick {
    // 1. Trie with Map children while building.
    const children: Array<Map<number, number>> = [new Map()];
    const own: number[][] = [[]];
    const patternLength = new Int32Array(patterns.length);
    patterns.forEach((raw, id) => {
      const p = normalizeText(raw);
      patternLength[id] = p.length;
      if (p.length === 0) return;
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let t = children[s].get(c);
        if (t === undefined) {
          t = children.length;
          children.push(new Map());
          own.push([]);
          children[s].set(c, t);
        }
        s = t;
      }
      own[s].push(id);
    });
    const n = children.length;

    // 2. Breadth-first failure links and merged outputs.
    const fail = new Int32Array(n);
    const order: number[] = [0];
    const outputs: number[][] = new Array(n);
    outputs[0] = own[0];
    for (let head = 0; head < order.length; head++) {
      const s = order[head];
      for (const [c, t] of children[s]) {
        if (s === 0) {
          fail[t] = 0;
        } else {
          let f = fail[s];
          while (f !== 0 && !children[f].has(c)) f = fail[f];
          const g = children[f].get(c);
          fail[t] = g !== undefined && g !== t ? g : 0;
        }
        const inherited = outputs[fail[t]];
        outputs[t] = inherited.length === 0 ? own[t] : own[t].concat(inherited);
        order.push(t);
      }
    }

    // 3. Flatten.
    const root = new Int32Array(65536);
    for (const [c, t] of children[0]) root[c] = t;
    const edgeStart = new Int32Array(n + 1);
    let edgeCount = 0;
    for (let s = 0; s < n; s++) {
      edgeStart[s] = edgeCount;
      if (s !== 0) edgeCount += children[s].size;
    }
    edgeStart[n] = edgeCount;
    const edgeChar = new Uint16Array(edgeCount);
    const edgeNext = new Int32Array(edgeCount);
    for (let s = 1; s < n; s++) {
      const sorted = [...children[s]].sort((a, b) => a[0] - b[0]);
      let k = edgeStart[s];
      for (const [c, t] of sorted) {
        edgeChar[k] = c;
        edgeNext[k] = t;
        k++;
      }
    }
    const outStart = new Int32Array(n + 1);
    let outCount = 0;
    for (let s = 0; s < n; s++) {
      outStart[s] = outCount;
      outCount += outputs[s].length;
    }
    outStart[n] = outCount;
    const outList = new Int32Array(outCount);
    for (let s = 0; s < n; s++) outList.set(outputs[s], outStart[s]);

    return new AhoCorasick({
      patternCount: patterns.length,
      root,
      edgeStart,
      edgeChar,
      edgeNext,
      fail,
      outStart,
      outList,
      patternLength,
    });
  }

  private step(s: number, c: number): number {
    const edgeStart = this.edgeStart;
    const edgeChar = this.edgeChar;
    const fail = this.fail;
    while (s !== 0) {
      let lo = edgeStart[s];
      let hi = edgeStart[s + 1];
      if (hi - lo <= LINEAR_LIMIT) {
        for (; lo < hi; lo++) {
          if (edgeChar[lo] === c) return this.edgeNext[lo];
        }
      } else {
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          const m = edgeChar[mid];
          if (m === c) return this.edgeNext[mid];
          if (m < c) lo = mid + 1;
          else hi = mid;
        }
      }
      s = fail[s];
    }
    return this.root[c];
  }

  /** Calls back for every occurrence (overlapping ones included), in order of end offset. */
  forEach(text: string, callback: AcCallback): void {
    this.scan(text, { hit: callback });
  }

  /** Reports every occurrence (overlapping ones included) to `sink.hit`, in order of end offset. */
  scan(text: string, sink: AcSink): void {
    const table = NORMALIZE_TABLE;
    const outStart = this.outStart;
    const outList = this.outList;
    const lengths = this.patternLength;
    const root = this.root;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = table[text.charCodeAt(i)];
      s = s === 0 ? root[c] : this.step(s, c);
      if (s === 0) continue;
      const a = outStart[s];
      const b = outStart[s + 1];
      for (let k = a; k < b; k++) {
        const p = outList[k];
        sink.hit(p, i + 1 - lengths[p], i + 1);
      }
    }
  }

  /** Every occurrence, overlapping ones included, ordered by end then by pattern registration. */
  findAll(text: string): AcMatch[] {
    const out: AcMatch[] = [];
    this.forEach(text, (pattern, start, end) => {
      out.push({ pattern, start, end });
    });
    return out;
  }

  /** Number of occurrences; allocation-free (for benchmarks and cheap tests). */
  count(text: string): number {
    const table = NORMALIZE_TABLE;
    const outStart = this.outStart;
    const root = this.root;
    let s = 0;
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = table[text.charCodeAt(i)];
      s = s === 0 ? root[c] : this.step(s, c);
      if (s !== 0) n += outStart[s + 1] - outStart[s];
    }
    return n;
  }
}
