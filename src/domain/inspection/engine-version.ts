// The engine's version. It is part of every rulebook fingerprint (src/rulebook/load-rulebook.ts), so a change
// to how the engine judges messages re-inspects every session, exactly like a rulebook change does.
// Bump it whenever a change here can alter findings on the same rulebook.
//   2: a refund record created after a later conversation with the buyer is left to that conversation
//      (refund_after_claim); a bare "？"/"??" (punctuation only, with a question mark) is no longer a closing pleasantry (unanswered).
//   3: repetition compares texts without punctuation and emoji (好的呢，马上安排~ = 好的呢 马上安排！); unanswered
//      takes fillers (谢谢客服小姐姐 is a closing, 小姐姐？ is not).
export const ENGINE_VERSION = '3';
