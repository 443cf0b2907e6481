// The engine's version. It is part of every rulebook fingerprint (src/rulebook/load-rulebook.ts), so a change
// to how the engine judges messages re-inspects every session, exactly like a rulebook change does.
// Bump it whenever a change here can alter findings on the same rulebook.
//   2: a refund record created after a later conversation with the buyer is left to that conversation
//      (refund_after_claim); a bare "？"/"??" (punctuation only, with a question mark) is no longer a closing pleasantry (unanswered).
//   3: repetition compares texts without punctuation and emoji (好的呢，马上安排~ = 好的呢 马上安排！); unanswered
//      takes fillers (谢谢客服小姐姐 is a closing, 小姐姐？ is not).
//   4: closings may carry netspeak and dialect particles (好的捏, 得嘞); repetition ignores emoticon codes
//      ([玫瑰]); repeats_previous ignores trailing particles (…发啊 repeats …发).
//   5: repeats_previous reads an A-not-A question as A (能不能发顺丰 repeats 能发顺丰吗) and drops a final 吗.
//   6: refund_after_claim takes a photo or video the buyer sent with the claim (in the claim itself or just before
//      it, in the same run of buyer messages) as evidence.
//   7: an emoji's invisible parts (the variation selector of ❤️, zero-width joiners, the keycap mark) count as the
//      emoji: 好的❤️ is a closing (unanswered), and 很好 / 很好❤️ are one text (repetition, repeats_previous);
//      repeats_previous drops emoticon codes as repetition does (包邮吗[微笑] asks 包邮吗 again).
//   8: the book-title marks 《…》 quote (ignore_quoted): 《白痴》有的 names a novel, it insults nobody.
//   9: refund_after_claim takes a claim in the agent's own words (the agent owning up to a missing item): the
//      confirmation may be that same message, and a check anywhere before it clears it.
//  10: straight single quotes '…' quote too (ignore_quoted), a ' between ASCII letters being an apostrophe; a keyword's
//      negated_by may take spaces_break (a space ends the clause once a word follows the negator) and unless (phrases
//      voiding a negator they overlap: 是不是); in a closing (unanswered) an emoticon code such as [偷笑] reads as an emoji,
//      an export's placeholder ([图片]) does not; in refund_after_claim a check asked for after the refund in the same message
//      (已经退了 您有空拍张照给我们) no longer clears it.
//  11: the normaliser reads traditional Chinese characters as simplified (你們這樣 as 你们这样), in messages, phrases and
//      regular expressions alike.
export const ENGINE_VERSION = '11';
