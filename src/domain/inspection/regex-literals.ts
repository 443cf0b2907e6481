// What text must a message contain for a regex to match in it? A conservative reading of the pattern's
// source: a set of literal strings such that every text the regex matches in contains at least one of them,
// or null when the pattern does not promise any (a `.`, a class such as \p{…}, an optional part…). The
// engine feeds these strings to its phrase automaton and evaluates the regex only on messages that contain
// one: rulebook authors may add regexes freely without every message paying for every regex.
//
// Understood: literal characters and escapes, groups (capturing, named, non-capturing), alternation,
// quantifiers (a minimum of 0 drops the element's promise), simple character classes ([说讲], [2-9]),
// anchors, and lookarounds (they consume nothing; what a positive one looks for must still be in the text).
// Anything else gives null for that element, never a wrong promise.
//
// Where a stretch of the pattern can only match a few strings (买|拍|下单 then 的), those strings are the
// promise rather than the one character they share: 的 is in every third message, 买的 or 拍的 in few.

/** What a piece of a pattern promises, and every string it can match when those are few (else null). */
interface Reading {
  /** The promises this piece keeps, most selective first (none: it promises nothing). */
  options: string[][];
  /** Every string the piece can match, while they are few (else null). */
  exact: string[] | null;
}

const MAX_CLASS_CHARS = 32;
const MAX_ALTERNATIVES = 64;
/** The longest string a stretch is spelled out to (a longer stretch gives two promises, each still kept). */
const MAX_SPELLED = 12;

/** Readings by flags and pattern: a rulebook is compiled more than once in a process (examples, the inspection). */
const readings = new Map<string, string[] | null>();

export function requiredLiterals(pattern: string, flags = ''): string[] | null {
  const key = `${flags}/${pattern}`;
  let literals = readings.get(key);
  if (literals === undefined) {
    literals = readLiterals(pattern, flags);
    if (readings.size >= 4096) readings.clear();
    readings.set(key, literals);
  }
  return literals && [...literals];
}

function readLiterals(pattern: string, flags: string): string[] | null {
  // A case-insensitive pattern may match letters its literals spell in one case only: such literals are
  // no promise (the normalised text is lower-case, so lower-case literals of other patterns are exact).
  try {
    const parser = new Parser(pattern, flags.includes('i'));
    const { options } = parser.disjunction();
    if (parser.pos !== pattern.length) return null;
    return options[0] ?? null;
  } catch {
    return null;
  }
}

class Unsupported extends Error {}

type Atom =
  | { kind: 'zero-width'; options: string[][] }
  | { kind: 'req'; options: string[][]; exact: string[] | null; char?: string };

class Parser {
  pos = 0;

  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
  ) {}

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  disjunction(): Reading {
    const alternatives: Reading[] = [this.alternative()];
    while (this.peek() === '|') {
      this.pos++;
      alternatives.push(this.alternative());
    }
    if (alternatives.length === 1) return alternatives[0];
    const united = unite(alternatives.map((a) => a.options));
    return { options: united ? [united] : [], exact: unionOf(alternatives.map((a) => a.exact)) };
  }

  /**
   * A sequence: every non-optional element is required, every run of plain characters, and every run of
   * adjacent elements of few strings, spelled out (买|拍 then 的: 买的, 拍的).
   */
  private alternative(): Reading {
    const promises: string[][] = [];
    /** The current run of plain characters. */
    let chars = '';
    /** The strings the current run of adjacent few-string elements can spell ('' before any). */
    let run: string[] = [''];
    /** Every string the whole sequence can match, while that is few. */
    let whole: string[] | null = [''];
    const endChars = () => {
      if (chars) promises.push([chars]);
      chars = '';
    };
    const endRun = (next: string[] = ['']) => {
      if (!run.includes('')) promises.push(run);
      run = next;
    };
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      const q = this.quantifier();
      if (atom.kind === 'zero-width') {
        // Consumes nothing: runs go on across it; a positive lookaround's text is still required.
        if (q === null || q.min > 0) promises.push(...atom.options);
        continue;
      }
      if (atom.char !== undefined && q === null) chars += atom.char;
      else {
        endChars();
        if (q === null || q.min > 0) promises.push(...atom.options);
      }
      const exact = atom.exact;
      if (exact && q === null) {
        const longer = productOf(run, exact);
        if (longer) run = longer;
        else endRun(exact);
        whole = whole && productOf(whole, exact);
      } else if (exact && q !== null && q.min === 0 && q.max === 1) {
        // Optional once: one more choice, the empty string among them.
        const choices = exact.includes('') ? exact : [...exact, ''];
        const longer = productOf(run, choices);
        if (longer) run = longer;
        else endRun();
        whole = whole && productOf(whole, choices);
      } else if (exact && q !== null && q.min >= 1) {
        // Repeated: the first repetition follows the run, the last leads the next one.
        const longer = productOf(run, exact);
        if (longer) run = longer;
        endRun(exact);
        whole = null;
      } else {
        endRun();
        whole = null;
      }
    }
    endChars();
    endRun();
    const options: string[][] = [];
    for (const p of promises) {
      const safe = p.filter((l) => isSafeLiteral(l) && !(this.ignoreCase && /[a-z]/.test(l)));
      if (safe.length !== p.length) continue; // one unusable alternative spoils the whole promise
      options.push(withoutRedundant(safe));
    }
    options.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    return { options, exact: whole };
  }

  private atom(): Atom {
    const c = this.peek();
    if (c === '^' || c === '$') {
      this.pos++;
      return { kind: 'zero-width', options: [] };
    }
    if (c === '.') {
      this.pos++;
      return { kind: 'req', options: [], exact: null };
    }
    if (c === '(') return this.group();
    if (c === '[') {
      const chars = this.charClass();
      return { kind: 'req', options: chars ? [chars] : [], exact: chars };
    }
    if (c === '\\') return this.escape();
    if ('*+?{'.includes(c) && c !== '') {
      if (c === '{' && !/^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos))) {
        this.pos++;
        return char(c);
      }
      throw new Unsupported('quantifier without an atom');
    }
    this.pos++;
    return char(c);
  }

  private group(): Atom {
    this.pos++; // (
    let look: 'positive' | 'negative' | null = null;
    if (this.peek() === '?') {
      const rest = this.src.slice(this.pos, this.pos + 3);
      if (rest.startsWith('?:')) this.pos += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        look = rest[1] === '=' ? 'positive' : 'negative';
        this.pos += 2;
      } else if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
        look = rest[2] === '=' ? 'positive' : 'negative';
        this.pos += 3;
      } else if (rest.startsWith('?<')) {
        const close = this.src.indexOf('>', this.pos);
        if (close < 0) throw new Unsupported('named group');
        this.pos = close + 1;
      } else throw new Unsupported('group modifier');
    }
    const reading = this.disjunction();
    if (this.peek() !== ')') throw new Unsupported('unclosed group');
    this.pos++;
    if (look === 'positive') return { kind: 'zero-width', options: reading.options };
    if (look === 'negative') return { kind: 'zero-width', options: [] };
    return { kind: 'req', options: reading.options, exact: reading.exact };
  }

  private charClass(): string[] | null {
    this.pos++; // [
    if (this.peek() === '^') {
      this.skipClass();
      return null;
    }
    const chars = new Set<string>();
    let plain = true;
    while (this.pos < this.src.length && this.peek() !== ']') {
      let c = this.peek();
      if (c === '\\') {
        const e = this.peek(1);
        if (/[\\\][\-^.*+?(){}|/]/.test(e)) {
          c = e;
          this.pos += 2;
        } else {
          plain = false; // \s, \p{…}, \d…: not a finite list we spell out
          this.pos += 2;
          if ((e === 'p' || e === 'P') && this.peek() === '{') this.pos = this.src.indexOf('}', this.pos) + 1;
          continue;
        }
      } else this.pos++;
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        const to = this.peek(1) === '\\' ? this.peek(2) : this.peek(1);
        this.pos += this.peek(1) === '\\' ? 3 : 2;
        const a = c.charCodeAt(0);
        const b = to.charCodeAt(0);
        if (b < a || b - a >= MAX_CLASS_CHARS) plain = false;
        else for (let x = a; x <= b; x++) chars.add(String.fromCharCode(x));
        continue;
      }
      chars.add(c);
    }
    if (this.peek() !== ']') throw new Unsupported('unclosed class');
    this.pos++;
    if (!plain || chars.size === 0 || chars.size > MAX_CLASS_CHARS) return null;
    return [...chars];
  }

  private skipClass(): void {
    while (this.pos < this.src.length && this.peek() !== ']') this.pos += this.peek() === '\\' ? 2 : 1;
    if (this.peek() !== ']') throw new Unsupported('unclosed class');
    this.pos++;
  }

  private escape(): Atom {
    const e = this.peek(1);
    this.pos += 2;
    if (e === 'b' || e === 'B') return { kind: 'zero-width', options: [] };
    if (/[\\\][\-^$.*+?(){}|/]/.test(e)) return char(e);
    if (e === 'p' || e === 'P') {
      if (this.peek() === '{') this.pos = this.src.indexOf('}', this.pos) + 1;
      return { kind: 'req', options: [], exact: null };
    }
    if (e === 'k' && this.peek() === '<') {
      this.pos = this.src.indexOf('>', this.pos) + 1;
      return { kind: 'req', options: [], exact: null };
    }
    if (e === 'u' && /^[0-9a-fA-F]{4}/.test(this.src.slice(this.pos))) {
      const c = String.fromCharCode(Number.parseInt(this.src.slice(this.pos, this.pos + 4), 16));
      this.pos += 4;
      return char(c);
    }
    // \d \s \w \S \n \1 \x41 \u{…} and the rest: promise nothing.
    return { kind: 'req', options: [], exact: null };
  }

  /** Parses a quantifier after an atom, if any: its fewest and most repetitions (max Infinity: no limit). */
  private quantifier(): { min: number; max: number } | null {
    const c = this.peek();
    let min: number;
    let max = Number.POSITIVE_INFINITY;
    if (c === '?' || c === '*') {
      min = 0;
      if (c === '?') max = 1;
      this.pos++;
    } else if (c === '+') {
      min = 1;
      this.pos++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) return null;
      min = Number(m[1]);
      if (m[2] === undefined) max = min;
      else if (m[3]) max = Number(m[3]);
      this.pos += m[0].length;
    } else return null;
    if (this.peek() === '?') this.pos++; // lazy
    return { min, max };
  }
}

function char(c: string): Atom {
  return { kind: 'req', options: [[c]], exact: [c], char: c };
}

/**
 * One promise for an alternation: one of each alternative's promises, united. The most selective of each
 * first; while the union is too long, the alternative with the most strings gives way to its next promise
 * of fewer strings. Null when an alternative promises nothing or no choice is short enough.
 */
function unite(alternatives: string[][][]): string[] | null {
  if (alternatives.some((o) => o.length === 0)) return null;
  const choice = alternatives.map(() => 0);
  for (;;) {
    const union = unionOf(alternatives.map((o, i) => o[choice[i]]));
    if (union) return withoutRedundant(union);
    let widest = -1;
    let next = -1;
    alternatives.forEach((o, i) => {
      const size = o[choice[i]].length;
      const j = o.findIndex((p, k) => k > choice[i] && p.length < size);
      if (j >= 0 && (widest < 0 || size > alternatives[widest][choice[widest]].length)) {
        widest = i;
        next = j;
      }
    });
    if (widest < 0) return null;
    choice[widest] = next;
  }
}

/** The union of the alternatives' lists; null when one has none or the union is too long to be worth it. */
function unionOf(lists: Array<string[] | null>): string[] | null {
  const union = new Set<string>();
  for (const l of lists) {
    if (l === null) return null;
    for (const s of l) union.add(s);
  }
  return union.size > MAX_ALTERNATIVES ? null : [...union];
}

/** Drops every string that contains another of the list: a text with 说了 has 说 (the automaton's work). */
function withoutRedundant(list: string[]): string[] {
  if (list.length < 2) return list;
  const shortest = minLength(list);
  // Only a string longer than the shortest can hold another.
  return list.filter((s) => s.length === shortest || !list.some((t) => t.length < s.length && s.includes(t)));
}

function maxLength(list: readonly string[]): number {
  let max = 0;
  for (const s of list) if (s.length > max) max = s.length;
  return max;
}

function minLength(list: readonly string[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const s of list) if (s.length < min) min = s.length;
  return min;
}

/** Every a followed by every b; null when that makes too many strings. */
function productOf(a: readonly string[], b: readonly string[]): string[] | null {
  if (a.length * b.length > MAX_ALTERNATIVES) return null;
  // Strings this long are rare enough already; spelling them longer costs the reading, not the matching.
  if (maxLength(a) + maxLength(b) > MAX_SPELLED) return null;
  // One character after each string (most of a pattern): no duplicates can arise, so no set is needed.
  if (b.length === 1) return a.map((x) => x + b[0]);
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return [...out];
}

/**
 * Literals the phrase automaton finds exactly as the regex sees them: no upper-case ASCII (the normalised
 * text has none, so such a literal could only come from a case-insensitive pattern), no surrogate halves,
 * no whitespace (normalisation turns some spaces into others).
 */
function isSafeLiteral(s: string): boolean {
  return s.length > 0 && !/[A-Z\uD800-\uDFFF\s]/.test(s);
}

/** Longer literals first (rarer), then fewer alternatives. */
function better(a: string[], b: string[]): boolean {
  const minA = minLength(a);
  const minB = minLength(b);
  if (minA !== minB) return minA > minB;
  return a.length < b.length;
}
