// The engine's version. It is part of every rulebook fingerprint (src/rulebook/load-rulebook.ts), so a change
// to how the engine judges messages re-inspects every session, exactly like a rulebook change does.
// Bump it whenever a change here can alter findings on the same rulebook.
//   2: a refund record created after a later conversation with the buyer is left to that conversation
//      (refund_after_claim); a bare "？"/"??" (punctuation only, with a question mark) is no longer a closing pleasantry (unanswered).
export const ENGINE_VERSION = '2';
