// The inspection engine's pure domain: compile a rulebook once, inspect sessions, score them.

export { type AcMatch, type AcTables, AhoCorasick } from './aho-corasick.js';
export { type CompiledRule, type CompiledRulebook, compileRulebook, deductionFor } from './compile.js';
export { describeExample, type ExampleResult, exampleToSession, runRuleExamples } from './examples.js';
export { ENGINE_VERSION } from './engine-version.js';
export { inspectSession } from './inspect.js';
export { parseLexicon } from './lexicon.js';
export { createNegativityDetector, type NegativityResult, scoreNegativity } from './negativity.js';
export { normalizeCode, normalizeText } from './normalize.js';
export { fromPortable, type PortableRulebook, toPortable } from './portable-rulebook.js';
export { type ResponseRun, walkResponseRuns } from './response-runs.js';
export { averageScore, scoreSession } from './score.js';
export * from './types.js';
