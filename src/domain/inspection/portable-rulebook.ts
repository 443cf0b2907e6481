// A compiled rulebook as data a worker thread can be handed (structured clone: plain objects, Maps, Sets,
// RegExps and typed arrays, shared references kept), so that a worker starts inspecting without compiling the
// rulebook again. A cold compile in a new thread cost ~0.3 s of its own and ~0.6 s of the JIT's background
// threads (the pattern reader and the compiler run once, yet hot enough to be optimised); handing it over costs
// ~50 ms of cloning.
import { type AcTables, AhoCorasick } from './aho-corasick.js';
import type { CompiledRulebook } from './compile.js';

/** The compiled rulebook with its automaton as plain tables (the one class instance in it). */
export type PortableRulebook = Omit<CompiledRulebook, 'automaton'> & { automaton: AcTables };

export function toPortable(compiled: CompiledRulebook): PortableRulebook {
  return { ...compiled, automaton: compiled.automaton.tables() };
}

export function fromPortable(portable: PortableRulebook): CompiledRulebook {
  return { ...portable, automaton: AhoCorasick.fromTables(portable.automaton) };
}
