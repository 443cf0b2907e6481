// What text must a regex's every match contain? A conservative reading of the pattern's source: a set of
// literal strings such that any match contains at least one of them, or null when the pattern does not
// promise any (a `.`, a class such as \p{…}, an optional part…). The engine feeds these strings to its
// phrase automaton and evaluates the regex only on messages that contain one: rulebook authors may add
// regexes freely without every message paying for every regex.
//
// Understood: literal characters and escapes, groups (capturing, named, non-capturing), alternation,
// quantifiers (a minimum of 0 drops the element's promise), simple character classes ([说讲], [2-9]),
// lookarounds and anchors (they consume nothing, so they promise nothing). Anything else gives null for
// that element, never a wrong promise.

/** One of these strings occurs in every match; null: no such promise. */
type Req = string[] | null;

const MAX_CLASS_CHARS = 32;
const MAX_ALTERNATIVES = 64;

export function requiredLiterals(pattern: string, flags = ''): string[] | null {
  // A case-insensitive pattern may match letters its literals spell in one case only: such literals are
  // no promise (the normalised text is lower-case, so lower-case literals of other patterns are exact).
  try {
    const parser = new Parser(pattern, flags.includes('i'));
    const req = parser.disjunction();
    if (parser.pos !== pattern.length) return null;
    return req && req.length > 0 ? req : null;
  } catch {
    return null;
  }
}

class Unsupported extends Error {}

class Parser {
  pos = 0;

  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
  ) {}

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  disjunction(): Req {
    const alternatives: Req[] = [this.alternative()];
    while (this.peek() === '|') {
      this.pos++;
      alternatives.push(this.alternative());
    }
    if (alternatives.length === 1) return alternatives[0];
    const union = new Set<string>();
    for (const a of alternatives) {
      if (a === null) return null;
      for (const s of a) union.add(s);
    }
    return union.size > MAX_ALTERNATIVES ? null : [...union];
  }

  /** A sequence: every non-optional element is required; the most selective promise wins. */
  private alternative(): Req {
    const promises: string[][] = [];
    let run = '';
    const endRun = () => {
      if (run) promises.push([run]);
      run = '';
    };
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      const q = this.quantifier();
      if (atom.kind === 'zero-width') continue;
      if (atom.kind === 'char' && q === null) {
        run += atom.char;
        continue;
      }
      endRun();
      if (q !== null && q.min === 0) continue;
      if (atom.kind === 'char') promises.push([atom.char]);
      else if (atom.req) promises.push(atom.req);
    }
    endRun();
    let best: string[] | null = null;
    for (const p of promises) {
      const safe = p.filter((l) => isSafeLiteral(l) && !(this.ignoreCase && /[a-z]/.test(l)));
      if (safe.length !== p.length) continue; // one unusable alternative spoils the whole promise
      if (best === null || better(safe, best)) best = safe;
    }
    return best;
  }

  private atom(): { kind: 'char'; char: string } | { kind: 'zero-width' } | { kind: 'req'; req: Req } {
    const c = this.peek();
    if (c === '^' || c === '$') {
      this.pos++;
      return { kind: 'zero-width' };
    }
    if (c === '.') {
      this.pos++;
      return { kind: 'req', req: null };
    }
    if (c === '(') return this.group();
    if (c === '[') return { kind: 'req', req: this.charClass() };
    if (c === '\\') return this.escape();
    if ('*+?{'.includes(c) && c !== '') {
      if (c === '{' && !/^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos))) {
        this.pos++;
        return { kind: 'char', char: c };
      }
      throw new Unsupported('quantifier without an atom');
    }
    this.pos++;
    return { kind: 'char', char: c };
  }

  private group(): { kind: 'zero-width' } | { kind: 'req'; req: Req } {
    this.pos++; // (
    let lookaround = false;
    if (this.peek() === '?') {
      const rest = this.src.slice(this.pos, this.pos + 3);
      if (rest.startsWith('?:')) this.pos += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.pos += 2;
        lookaround = true;
      } else if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
        this.pos += 3;
        lookaround = true;
      } else if (rest.startsWith('?<')) {
        const close = this.src.indexOf('>', this.pos);
        if (close < 0) throw new Unsupported('named group');
        this.pos = close + 1;
      } else throw new Unsupported('group modifier');
    }
    const req = this.disjunction();
    if (this.peek() !== ')') throw new Unsupported('unclosed group');
    this.pos++;
    return lookaround ? { kind: 'zero-width' } : { kind: 'req', req };
  }

  private charClass(): Req {
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

  private escape(): { kind: 'char'; char: string } | { kind: 'zero-width' } | { kind: 'req'; req: Req } {
    const e = this.peek(1);
    this.pos += 2;
    if (e === 'b' || e === 'B') return { kind: 'zero-width' };
    if (/[\\\][\-^$.*+?(){}|/]/.test(e)) return { kind: 'char', char: e };
    if (e === 'p' || e === 'P') {
      if (this.peek() === '{') this.pos = this.src.indexOf('}', this.pos) + 1;
      return { kind: 'req', req: null };
    }
    if (e === 'k' && this.peek() === '<') {
      this.pos = this.src.indexOf('>', this.pos) + 1;
      return { kind: 'req', req: null };
    }
    if (e === 'u' && /^[0-9a-fA-F]{4}/.test(this.src.slice(this.pos))) {
      const char = String.fromCharCode(Number.parseInt(this.src.slice(this.pos, this.pos + 4), 16));
      this.pos += 4;
      return { kind: 'char', char };
    }
    // \d \s \w \S \n \1 \x41 \u{…} and the rest: promise nothing.
    return { kind: 'req', req: null };
  }

  /** Parses a quantifier after an atom, if any: its minimum repetitions. */
  private quantifier(): { min: number } | null {
    const c = this.peek();
    let min: number;
    if (c === '?' || c === '*') {
      min = 0;
      this.pos++;
    } else if (c === '+') {
      min = 1;
      this.pos++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.pos));
      if (!m) return null;
      min = Number(m[1]);
      this.pos += m[0].length;
    } else return null;
    if (this.peek() === '?') this.pos++; // lazy
    return { min };
  }
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
  const minA = Math.min(...a.map((s) => s.length));
  const minB = Math.min(...b.map((s) => s.length));
  if (minA !== minB) return minA > minB;
  return a.length < b.length;
}
