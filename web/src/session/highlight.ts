// Cuts a message's text into pieces at the finding evidence spans (UTF-16 offsets), so each piece can be
// rendered as a React text node, inside a <mark> when some finding covers it. Never builds HTML.

export interface Span {
  start: number;
  end: number;
  findingId: string;
  severity: string;
  /** The rule's name, shown on hover. */
  label: string;
}

export interface Piece {
  text: string;
  start: number;
  findings: Span[];
}

export function splitBySpans(text: string, spans: readonly Span[]): Piece[] {
  const valid = spans
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(text.length, s.end) }))
    .filter((s) => s.end > s.start);
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (b <= a) continue;
    pieces.push({
      text: text.slice(a, b),
      start: a,
      findings: valid.filter((s) => s.start <= a && s.end >= b),
    });
  }
  return pieces;
}
