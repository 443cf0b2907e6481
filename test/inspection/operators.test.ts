import { describe, expect, it } from 'vitest';
import { compileRulebook } from '../../src/domain/inspection/compile.js';
import { inspectSession } from '../../src/domain/inspection/inspect.js';
import type { Condition, Finding, RefundAfterClaimSpec } from '../../src/domain/inspection/types.js';
import type { Order } from '../../src/domain/types.js';
import { buildRulebook, buildSession, compileOne, T0 } from './helpers.js';

type Msgs = Parameters<typeof buildSession>[0];

function run(
  when: Condition,
  msgs: Msgs,
  opts: Parameters<typeof compileOne>[1] = {},
  extra = {},
): Finding | undefined {
  return inspectSession(compileOne(when, opts), buildSession(msgs, extra))[0];
}
const agentSays = (text: string): Msgs => [['agent', 0, text]];
const spans = (f: Finding | undefined) => f?.evidence.map((e) => [e.messageId, e.start, e.end, e.text]);

describe('traditional characters', () => {
  it('a simplified phrase or pattern matches traditional text, and a traditional pattern matches simplified text', () => {
    const phrase: Condition = { keyword: { any: ['爱买不买'] } };
    expect(spans(run(phrase, agentSays('親，愛買不買')))).toEqual([['m0', 2, 6, '愛買不買']]);
    const pattern: Condition = { regex: { pattern: '自己(?:看|查)(?:详情|說明)' } };
    expect(spans(run(pattern, agentSays('自己看詳情頁')))).toEqual([['m0', 0, 5, '自己看詳情']]);
    expect(spans(run(pattern, agentSays('自己查说明书')))).toEqual([['m0', 0, 5, '自己查说明']]);
  });
});

describe('keyword', () => {
  const lex = { bad: '# comment\n爱买不买\n自己看 # trailing comment\n\n烦死了' };

  it('any: hits a lexicon entry or an inline phrase, evidence at the exact words', () => {
    const when: Condition = { keyword: { any: ['@bad', '随便你'] } };
    expect(spans(run(when, agentSays('亲，爱买不买'), { lexicons: lex }))).toEqual([
      ['m0', 2, 6, '爱买不买'],
    ]);
    expect(spans(run(when, agentSays('那随便你吧'), { lexicons: lex }))).toEqual([['m0', 1, 4, '随便你']]);
    expect(run(when, agentSays('您好，欢迎光临'), { lexicons: lex })).toBeUndefined();
  });

  it('all: every entry must occur; window bounds their distance', () => {
    const when: Condition = { keyword: { all: ['加', '微信'] } };
    expect(run(when, agentSays('加我微信'))).toBeDefined();
    expect(run(when, agentSays('微信'))).toBeUndefined();
    const near: Condition = { keyword: { all: ['加', '微信'], window: 4 } };
    expect(spans(run(near, agentSays('可以加我微信')))).toEqual([
      ['m0', 2, 3, '加'],
      ['m0', 4, 6, '微信'],
    ]);
    expect(run(near, agentSays('加购物车以后，微信'))).toBeUndefined();
  });

  it('none: no entry occurs (combined with any)', () => {
    const when: Condition = { keyword: { any: ['退款'], none: ['核实'] } };
    expect(run(when, agentSays('已退款'))).toBeDefined();
    expect(run(when, agentSays('核实后退款'))).toBeUndefined();
    expect(run({ keyword: { none: ['您好'] } }, agentSays('在的'))).toBeDefined();
  });

  it('exclude: a phrase overlapping or surrounding the hit cancels only that hit', () => {
    const when: Condition = { keyword: { any: ['第一'], exclude: ['第一次', '第一时间'] } };
    expect(run(when, agentSays('第一次购买'))).toBeUndefined();
    expect(run(when, agentSays('我们会第一时间发货'))).toBeUndefined();
    expect(spans(run(when, agentSays('第一次买就买销量第一的')))).toEqual([['m0', 8, 10, '第一']]);
  });

  it('negated_by: a negator just before the hit in the same clause cancels it', () => {
    const when: Condition = { keyword: { any: ['加微信'], negated_by: { any: ['不能', '不'], window: 2 } } };
    expect(run(when, agentSays('不能加微信哦'))).toBeUndefined();
    expect(run(when, agentSays('不可以私下加微信'))).toBeDefined(); // 不 is 4 chars away
    expect(run(when, agentSays('不能，加微信吧'))).toBeDefined(); // clause break
    expect(run(when, agentSays('加微信吧'))).toBeDefined();
  });

  it('negated_by.spaces_break: a space after the negated word ends the clause; one right after the negator does not', () => {
    const plain: Condition = { keyword: { any: ['死哪去了'], negated_by: { any: ['不'], window: 2 } } };
    const spaced: Condition = {
      keyword: { any: ['死哪去了'], negated_by: { any: ['不'], window: 2, spaces_break: true } },
    };
    expect(run(plain, agentSays('半天不回 死哪去了'))).toBeUndefined(); // without the option a space is no break
    expect(run(spaced, agentSays('半天不回 死哪去了'))).toBeDefined();
    expect(run(spaced, agentSays('半天不 死哪去了'))).toBeUndefined(); // a space straight after the negator
    expect(run(spaced, agentSays('半天不死哪去了'))).toBeUndefined();
  });

  it('negated_by.unless: a phrase overlapping the negator voids it (是不是 asks)', () => {
    const when: Condition = {
      keyword: { any: ['有病'], negated_by: { any: ['不是', '不'], window: 2, unless: ['是不是'] } },
    };
    expect(run(when, agentSays('你们是不是有病'))).toBeDefined();
    expect(run(when, agentSays('不是有病'))).toBeUndefined();
    expect(run(when, agentSays('是不是不有病'))).toBeUndefined(); // the second 不 is a negator of its own
  });

  it('keeps ASCII-letter phrases from matching inside longer ASCII words', () => {
    const when: Condition = { keyword: { any: ['sb', 'vx'] } };
    expect(run(when, agentSays('USB 充电'))).toBeUndefined();
    expect(run(when, agentSays('你是SB吗'))).toBeDefined();
    expect(run(when, agentSays('vx123456'))).toBeDefined(); // digits are not letters
  });

  it('rejects unknown lexicons at compile time', () => {
    expect(() => compileOne({ keyword: { any: ['@missing'] } })).toThrow(/unknown lexicon @missing/);
  });
});

describe('regex and message predicates', () => {
  it('regex: matches the normalised text, all occurrences, original offsets', () => {
    const when: Condition = { regex: { pattern: '1[3-9]\\d{9}' } };
    const f = run(when, agentSays('打１３８１２３４５６７８或13900000000'));
    expect(spans(f)).toEqual([
      ['m0', 1, 12, '１３８１２３４５６７８'],
      ['m0', 13, 24, '13900000000'],
    ]);
    expect(() => compileOne({ regex: { pattern: '(' } })).toThrow(/bad regex/);
    // Sign-offs without what keeps a last word open would close every chatty question with a thanks in it.
    expect(() => compileOne({ unanswered: { pleasantries: ['好的'], signoffs: ['谢谢'] } })).toThrow(
      /signoffs need open/,
    );
  });

  it('from / kind / min_length', () => {
    const msgs: Msgs = [
      ['buyer', 0, '图片', 'image'],
      ['agent', 1, '好'],
      ['agent', 2, '这是一条长消息'],
    ];
    const all = ['buyer', 'agent'] as const;
    expect(run({ kind: ['image'] }, msgs, { scope: [...all] })?.messageIds).toEqual(['m0']);
    expect(run({ from: ['agent'] }, msgs, { scope: [...all] })?.messageIds).toEqual(['m1', 'm2']);
    expect(run({ min_length: 5 }, msgs, { scope: [...all] })?.messageIds).toEqual(['m2']);
  });

  it('position: first / last message of its sender; evidence is the whole message', () => {
    const msgs: Msgs = [
      ['buyer', 0, '在吗'],
      ['agent', 1, '在'],
      ['agent', 2, '您好'],
    ];
    expect(spans(run({ position: 'first' }, msgs))).toEqual([['m1', 0, 1, '在']]);
    expect(run({ position: 'last' }, msgs)?.messageIds).toEqual(['m2']);
  });

  it('not and all at message level: first agent message without a greeting', () => {
    const when: Condition = { all: [{ position: 'first' }, { not: { keyword: { any: ['您好'] } } }] };
    expect(
      run(when, [
        ['agent', 0, '有事吗'],
        ['agent', 1, '您好'],
      ])?.messageIds,
    ).toEqual(['m0']);
    expect(
      run(when, [
        ['agent', 0, '您好'],
        ['agent', 1, '有事吗'],
      ]),
    ).toBeUndefined();
  });

  it('any at message level unions the evidence of the branches that hold', () => {
    const when: Condition = { any: [{ keyword: { any: ['差'] } }, { regex: { pattern: '!!+' } }] };
    expect(spans(run(when, agentSays('太差了!!')))).toEqual([
      ['m0', 1, 2, '差'],
      ['m0', 3, 5, '!!'],
    ]);
  });

  it("nearby: the condition holds on a neighbour in the same sender's run, before or after, and gives no spans", () => {
    // A buyer's strong words are shielded when a message next to them names another target.
    const when: Condition = {
      all: [
        { keyword: { any: ['气死'] } },
        { not: { nearby: { when: { keyword: { any: ['婆婆'] } }, before: 2, after: 1 } } },
      ],
    };
    const buyer = { scope: ['buyer' as const] };
    const buyerSays = (...texts: string[]): Msgs => texts.map((text, i) => ['buyer', i, text]);
    /** The ids of the messages hit, or undefined when the rule does not fire. */
    const hitIds = (msgs: Msgs) => run(when, msgs, buyer)?.messageIds;
    // Two messages before, in the same run: shielded.
    expect(hitIds(buyerSays('我婆婆又来了', '说了不听', '气死'))).toBeUndefined();
    // Three before is beyond `before: 2`.
    expect(hitIds(buyerSays('我婆婆', '唉', '说了不听', '气死'))).toEqual(['m3']);
    // Another sender between ends the run: the agent's message stands between.
    expect(
      hitIds([
        ['buyer', 0, '我婆婆又来了'],
        ['agent', 1, '您好'],
        ['buyer', 2, '气死'],
      ]),
    ).toEqual(['m2']);
    // One after counts; two after does not.
    expect(hitIds(buyerSays('气死', '我婆婆又来了'))).toBeUndefined();
    expect(hitIds(buyerSays('气死', '唉', '我婆婆又来了'))).toEqual(['m0']);
    // The message itself is not its own neighbour.
    expect(hitIds(buyerSays('婆婆气死'))).toEqual(['m0']);
    // As a hit of its own it marks this message, with no spans taken from the neighbour.
    const f = run({ nearby: { when: { keyword: { any: ['婆婆'] } } } }, buyerSays('我婆婆', '唉'), buyer);
    expect(f?.messageIds).toEqual(['m1']);
    expect(spans(f)).toEqual([['m1', 0, 1, '唉']]); // the message itself: nothing of the neighbour's
    expect(() => compileOne({ nearby: { when: { first_response_over: 30 } } })).toThrow(/message-level/);
  });

  it('repeats_previous: same sender said (nearly) the same before', () => {
    const when: Condition = { repeats_previous: { min_chars: 4, min_similarity: 0.8 } };
    const f = run(
      when,
      [
        ['buyer', 0, '红枣是今年的新货吗'],
        ['bot', 1, '您好'],
        ['buyer', 2, '红枣是今年的新货吗？'],
        ['buyer', 3, '好的'],
      ],
      { scope: ['buyer'] },
    );
    expect(f?.messageIds).toEqual(['m2']);
    expect(
      run(
        when,
        [
          ['buyer', 0, '好的'],
          ['buyer', 1, '好的'],
        ],
        { scope: ['buyer'] },
      ),
    ).toBeUndefined();
    // A buyer's question, the bot's reply, and the buyer again: does the last message repeat the first?
    const afterBot = (first: string, reply: string) =>
      run(
        when,
        [
          ['buyer', 0, first],
          ['bot', 1, '亲，您好'],
          ['buyer', 2, reply],
        ],
        { scope: ['buyer'] },
      );
    // Trailing 语气词 do not make a new question: 福袋啥时候发啊 asks again what …福袋啥时候发 asked.
    expect(afterBot('主播说的福袋啥时候发', '福袋啥时候发啊？？')?.messageIds).toEqual(['m2']);
    expect(afterBot('主播说的福袋啥时候发', '福袋发什么')).toBeUndefined();
    // A short question's key (包邮, from 包邮吗) is not looked for inside a longer, different message.
    expect(afterBot('包邮吗', '我在广西 那就是包邮的对吧')).toBeUndefined();
    // An A-not-A question asks what A…吗 asks: 能不能发顺丰 after 能发顺丰吗.
    expect(afterBot('能发顺丰吗', '能不能发顺丰')?.messageIds).toEqual(['m2']);
    // Emoticon codes and emoji are no words, as for repetition: 红枣是新货吗[疑问] asks 红枣是新货吗[微笑] again.
    expect(afterBot('红枣是新货吗[微笑]', '红枣是新货吗[疑问]')?.messageIds).toEqual(['m2']);
  });

  it('rule: reuses another message-level rule (with its own scope)', () => {
    const rb = buildRulebook([
      { id: 'insult', when: { keyword: { any: ['傻瓜'] } } },
      { id: 'rude', when: { any: [{ rule: 'insult' }, { keyword: { any: ['爱买不买'] } }] } },
    ]);
    const c = compileRulebook(rb);
    const ids = (t: string) => inspectSession(c, buildSession([['agent', 0, t]])).map((f) => f.rule);
    expect(ids('你个傻瓜')).toEqual(['insult', 'rude']);
    expect(ids('爱买不买')).toEqual(['rude']);
    expect(() => compileRulebook(buildRulebook([{ id: 'a', when: { rule: 'b' } }]))).toThrow(
      /unknown rule b/,
    );
    expect(() =>
      compileRulebook(
        buildRulebook([
          { id: 'a', when: { rule: 'b' } },
          { id: 'b', when: { rule: 'a' } },
        ]),
      ),
    ).toThrow(/cycle/);
    expect(() =>
      compileRulebook(
        buildRulebook([
          { id: 'slow', when: { response_over: 60 } },
          { id: 'b', when: { rule: 'slow' } },
        ]),
      ),
    ).toThrow(/not message-level/);
  });

  it('a message outside the rule scope never matches', () => {
    expect(run({ keyword: { any: ['差评'] } }, [['buyer', 0, '差评']])).toBeUndefined();
  });
});

describe('negativity', () => {
  const lexicons = { neg: '什么破 | 3\n投诉 | 3', pos: '满意 | 1', deg: '太 | 2', nots: '不' };
  const extra = {
    negativity: { negative: ['@neg'], positive: ['@pos'], degree: ['@deg'], negators: ['@nots'] },
  };
  const o = { scope: ['buyer'] as Array<'buyer'>, lexicons, extra };
  const buyerSays = (text: string): Msgs => [['buyer', 0, text]];

  it('exclude: sentiment words inside an exclusion phrase do not count', () => {
    const plain: Condition = { negativity: { threshold: 3 } };
    const shielded: Condition = { negativity: { threshold: 3, exclude: ['破壁机', '投诉建议'] } };
    expect(run(plain, buyerSays('什么破壁机好用'), o)).toBeDefined();
    expect(run(shielded, buyerSays('什么破壁机好用'), o)).toBeUndefined();
    expect(spans(run(shielded, buyerSays('什么破东西'), o))).toEqual([['m0', 0, 3, '什么破']]);
    expect(run(shielded, buyerSays('投诉建议在哪提交'), o)).toBeUndefined();
    expect(spans(run(shielded, buyerSays('投诉建议没用，我要投诉'), o))).toEqual([['m0', 9, 11, '投诉']]);
  });
});

describe('timing', () => {
  it('first_response_over: only the first run, answered by a human, strictly over the threshold', () => {
    const when: Condition = { first_response_over: 30 };
    const f = run(when, [
      ['buyer', 0, '在吗'],
      ['bot', 1, '您好'],
      ['buyer', 10, '有货吗'],
      ['agent', 45, '有的'],
    ]);
    expect(f?.messageIds).toEqual(['m0', 'm3']);
    expect(spans(f)).toEqual([['m3', 0, 2, '有的']]);
    expect(f?.detail).toContain('45');
    expect(
      run(when, [
        ['buyer', 0, '在吗'],
        ['agent', 30, '在'],
      ]),
    ).toBeUndefined();
    expect(run(when, [['buyer', 0, '在吗']])).toBeUndefined();
  });

  it('response_over: every slow run is evidence', () => {
    const f = run({ response_over: 60 }, [
      ['buyer', 0, 'a'],
      ['agent', 61, 'b'],
      ['buyer', 70, 'c'],
      ['agent', 80, 'd'],
      ['buyer', 90, 'e'],
      ['buyer', 100, 'f'],
      ['agent', 200, 'g'],
    ]);
    expect(f?.messageIds).toEqual(['m0', 'm1', 'm4', 'm6']);
    expect(f?.evidence.map((e) => e.messageId)).toEqual(['m1', 'm6']);
  });

  it('unanswered: trailing buyer messages that are not all pleasantries', () => {
    const when: Condition = { unanswered: { pleasantries: ['好的', '谢谢', '嗯'] } };
    const opts = { scope: ['buyer', 'agent', 'bot'] as const };
    const o = { scope: [...opts.scope] };
    expect(run(when, [['buyer', 0, '在吗']], o)?.messageIds).toEqual(['m0']);
    expect(
      run(
        when,
        [
          ['buyer', 0, '在吗'],
          ['agent', 5, '在'],
          ['buyer', 6, '好的，谢谢！'],
        ],
        o,
      ),
    ).toBeUndefined();
    expect(
      run(
        when,
        [
          ['buyer', 0, '在吗'],
          ['agent', 5, '在'],
          ['buyer', 6, '嗯👍'],
        ],
        o,
      ),
    ).toBeUndefined();
    expect(
      run(
        when,
        [
          ['buyer', 0, '在吗'],
          ['bot', 5, '在'],
          ['buyer', 6, '[表情]', 'emoji'],
        ],
        o,
      ),
    ).toBeUndefined();
    const f = run(
      when,
      [
        ['buyer', 0, '在吗'],
        ['bot', 5, '在'],
        ['buyer', 6, '好的'],
        ['buyer', 7, '几天到'],
      ],
      o,
    );
    expect(f?.messageIds).toEqual(['m3']);
  });

  it('unanswered: a bare question mark is a nudge, not a closing', () => {
    const when: Condition = { unanswered: { pleasantries: ['好的', '谢谢'] } };
    const o = { scope: ['buyer', 'agent', 'bot'] as Array<'buyer' | 'agent' | 'bot'> };
    const closing = (text: string): Msgs => [
      ['buyer', 0, '在吗'],
      ['agent', 5, '在'],
      ['buyer', 6, text],
    ];
    expect(run(when, closing('？？'), o)?.messageIds).toEqual(['m2']);
    expect(run(when, closing('啊？'), o)?.messageIds).toEqual(['m2']);
    expect(run(when, closing('好的？'), o)).toBeUndefined(); // a pleasantry in it
    expect(run(when, closing('👍?'), o)).toBeUndefined(); // an emoji in it
    expect(run(when, closing('。。。'), o)).toBeUndefined(); // no question mark
    expect(run(when, closing('哈哈'), o)).toBeUndefined();
  });

  it('unanswered: an emoticon code reads as an emoji, a placeholder does not (engine 10)', () => {
    const when: Condition = { unanswered: { pleasantries: ['好的'] } };
    const o = { scope: ['buyer', 'agent', 'bot'] as Array<'buyer' | 'agent' | 'bot'> };
    const closing = (text: string): Msgs => [
      ['buyer', 0, '甜吗'],
      ['agent', 5, '很甜'],
      ['buyer', 6, text],
    ];
    expect(run(when, closing('好的[偷笑]'), o)).toBeUndefined();
    expect(run(when, closing('[偷笑]'), o)).toBeUndefined();
    expect(run(when, closing('[图片]'), o)?.messageIds).toEqual(['m2']); // a photo sent, nobody looked
    expect(run(when, closing('好的[订单x]'), o)?.messageIds).toEqual(['m2']); // an order number, anonymised
  });

  it('unanswered: fillers may stand beside a closing but never make one', () => {
    const when: Condition = {
      unanswered: { pleasantries: ['好的', '谢谢', '去拍了'], fillers: ['小姐姐', '那我', '现在'] },
    };
    const o = { scope: ['buyer', 'agent', 'bot'] as Array<'buyer' | 'agent' | 'bot'> };
    const closing = (text: string): Msgs => [
      ['buyer', 0, '在吗'],
      ['agent', 5, '在'],
      ['buyer', 6, text],
    ];
    expect(run(when, closing('谢谢小姐姐'), o)).toBeUndefined();
    expect(run(when, closing('好的 那我现在去拍了'), o)).toBeUndefined();
    // An emoji with its variation selector (❤️) is still only an emoji beside the closing.
    expect(run(when, closing('好的❤️'), o)).toBeUndefined();
    expect(run(when, closing('小姐姐？'), o)?.messageIds).toEqual(['m2']); // a filler alone, asking
    expect(run(when, closing('那我'), o)?.messageIds).toEqual(['m2']); // a filler alone, no question mark
    expect(run(when, closing('谢谢小姐姐，还有别的颜色吗'), o)?.messageIds).toEqual(['m2']);
    // Without the fillers the same closing is a question left open.
    const bare: Condition = { unanswered: { pleasantries: ['好的', '谢谢', '去拍了'] } };
    expect(run(bare, closing('谢谢小姐姐'), o)?.messageIds).toEqual(['m2']);
  });

  it('unanswered: a chatty last word closes with a sign-off and nothing open in it', () => {
    const when: Condition = {
      unanswered: {
        pleasantries: ['好的', '谢谢', '没问题'],
        signoffs: ['谢谢', '拜拜', '收到了'],
        open: ['吗', '问题', '就是', '地址'],
      },
    };
    const o = { scope: ['buyer', 'agent', 'bot'] as Array<'buyer' | 'agent' | 'bot'> };
    const lastWords = (...texts: string[]): Msgs => [
      ['buyer', 0, '能用热水冲吗'],
      ['agent', 5, '温水就好'],
      ...texts.map((t, i): Msgs[number] => ['buyer', 6 + i, t]),
    ];
    // Thanks, praise and small talk: closed.
    expect(run(when, lastWords('原来如此 谢谢你啊 你们家奶昔真好喝 我同事也爱喝'), o)).toBeUndefined();
    // The sign-off may be in another message of the same last word.
    expect(run(when, lastWords('那我先用着看看', '拜拜'), o)).toBeUndefined();
    // An open word inside a pleasantry does not count (没问题 holds 问题).
    expect(run(when, lastWords('没问题 谢谢'), o)).toBeUndefined();
    // Anything open keeps it open: a question word, a question mark, a report, details, a long number.
    expect(run(when, lastWords('谢谢 还有别的颜色吗'), o)?.messageIds).toEqual(['m2']);
    expect(run(when, lastWords('谢谢 那冷水呢?'), o)?.messageIds).toEqual(['m2']);
    expect(run(when, lastWords('收到了 就是封口有点松'), o)?.messageIds).toEqual(['m2']);
    expect(run(when, lastWords('谢谢', '地址改成文一西路'), o)?.messageIds).toEqual(['m3']);
    expect(run(when, lastWords('谢谢 单号75312884690217'), o)?.messageIds).toEqual(['m2']);
    // No sign-off at all: the stricter pleasantry test decides.
    expect(run(when, lastWords('我同事也爱喝'), o)?.messageIds).toEqual(['m2']);
    // Nobody answered: a thanks does not close it.
    expect(
      run(
        when,
        [
          ['buyer', 0, '能用热水冲吗'],
          ['buyer', 5, '算了 谢谢 你们家奶昔真好喝'],
        ],
        o,
      )?.messageIds,
    ).toEqual(['m0', 'm1']);
  });
});

describe('sequence', () => {
  const msgs: Msgs = [
    ['buyer', 0, '太差了'],
    ['agent', 10, '请提供订单号'],
    ['agent', 20, '抱歉'],
  ];
  const neg: Condition = { all: [{ from: ['buyer'] }, { keyword: { any: ['太差'] } }] };
  const sorry: Condition = { all: [{ from: ['agent'] }, { keyword: { any: ['抱歉'] } }] };
  const scope = { scope: ['buyer', 'agent'] as Array<'buyer' | 'agent'> };

  it('followed_by within messages / seconds', () => {
    expect(run({ sequence: { a: neg, b: sorry, mode: 'followed_by' } }, msgs, scope)?.messageIds).toEqual([
      'm0',
      'm2',
    ]);
    expect(
      run({ sequence: { a: neg, b: sorry, mode: 'followed_by', within_messages: 1 } }, msgs, scope),
    ).toBeUndefined();
    expect(
      run({ sequence: { a: neg, b: sorry, mode: 'followed_by', within_seconds: 15 } }, msgs, scope),
    ).toBeUndefined();
    expect(
      run({ sequence: { a: neg, b: sorry, mode: 'followed_by', within_seconds: 20 } }, msgs, scope),
    ).toBeDefined();
  });

  it('not_followed_by with require: some reply came, none of them the B', () => {
    const when: Condition = {
      sequence: { a: neg, b: sorry, mode: 'not_followed_by', require: { from: ['agent'] }, anchor: 'first' },
    };
    expect(run(when, msgs.slice(0, 2), scope)?.messageIds).toEqual(['m0', 'm1']);
    expect(run(when, msgs, scope)).toBeUndefined();
    expect(run(when, msgs.slice(0, 1), scope)).toBeUndefined(); // no reply at all
  });

  it('not_preceded_by: A with no B before it', () => {
    const ask: Condition = { all: [{ from: ['agent'] }, { keyword: { any: ['照片'] } }] };
    const refund: Condition = { all: [{ from: ['agent'] }, { keyword: { any: ['已退款'] } }] };
    const when: Condition = { sequence: { a: refund, b: ask, mode: 'not_preceded_by' } };
    expect(run(when, [['agent', 0, '已退款']])).toBeDefined();
    expect(
      run(when, [
        ['agent', 0, '发下照片'],
        ['agent', 5, '已退款'],
      ]),
    ).toBeUndefined();
  });

  it('until: the window stops at the first matching message', () => {
    const when: Condition = {
      sequence: {
        a: { from: ['bot'] },
        b: { all: [{ from: ['buyer'] }, { keyword: { any: ['人工'] } }] },
        mode: 'followed_by',
        until: { from: ['agent', 'bot'] },
      },
    };
    const s = { scope: ['buyer', 'agent', 'bot'] as Array<'buyer' | 'agent' | 'bot'> };
    expect(
      run(
        when,
        [
          ['bot', 0, '您好'],
          ['buyer', 1, '在吗'],
          ['buyer', 2, '人工'],
        ],
        s,
      ),
    ).toBeDefined();
    expect(
      run(
        when,
        [
          ['bot', 0, '您好'],
          ['agent', 1, '我来'],
          ['buyer', 2, '人工'],
        ],
        s,
      ),
    ).toBeUndefined();
    expect(
      run(
        when,
        [
          ['buyer', 0, '人工'],
          ['bot', 1, '您好'],
        ],
        s,
      ),
    ).toBeUndefined();
  });

  it('requires message-level A and B', () => {
    expect(() =>
      compileOne({ sequence: { a: { response_over: 1 }, b: { from: ['agent'] }, mode: 'followed_by' } }),
    ).toThrow(/message-level/);
  });
});

describe('order and refund joins', () => {
  const order = (createdS: number, paidS: number | null): Order => ({
    shop: 'shop',
    orderId: 'o1',
    buyer: 'b',
    createdAt: T0 + createdS * 1000,
    paidAt: paidS === null ? null : T0 + paidS * 1000,
    amountFen: 100,
    status: 'x',
    items: null,
  });
  const when: Condition = { unpaid_order_without_reminder: { unpaid_minutes: 30, window_hours: 24 } };
  const msgs: Msgs = [
    ['buyer', 0, '在吗'],
    ['agent', 5, '在的'],
  ];

  it('unpaid_order_without_reminder: unpaid at 30 min and no agent message until paid or 24 h', () => {
    const credited = (o: Order) => ({ creditedOrders: [{ order: o, messageId: 'm1' }] });
    const f = run(when, msgs, {}, credited(order(60, null)));
    expect(f?.messageIds).toEqual(['m1']);
    expect(f?.detail).toContain('o1');
    expect(run(when, msgs, {}, credited(order(60, 60 + 1800)))).toBeUndefined(); // paid within 30 min
    expect(run(when, msgs, {}, credited(order(60, 60 + 1801)))).toBeDefined(); // paid late, no reminder
    const reminded = {
      ...credited(order(60, null)),
      buyerAgentMessages: [{ id: 'x', agent: 'shop:b', at: T0 + 3_600_000 }],
    };
    expect(run(when, msgs, {}, reminded)).toBeUndefined();
    const tooLate = {
      ...credited(order(60, null)),
      buyerAgentMessages: [{ id: 'x', agent: 'shop:b', at: T0 + 60_000 + 86_400_000 }],
    };
    expect(run(when, msgs, {}, tooLate)).toBeDefined();
    const afterPaid = {
      ...credited(order(60, 7200)),
      buyerAgentMessages: [{ id: 'x', agent: 'shop:a', at: T0 + 7300_000 }],
    };
    expect(run(when, msgs, {}, afterPaid)).toBeDefined();
    expect(run(when, msgs, {}, { orders: [order(60, null)] })).toBeUndefined(); // not credited here
  });

  const claimSpec: RefundAfterClaimSpec = {
    claim: { all: [{ from: ['buyer'] }, { keyword: { any: ['少发'] } }] },
    confirm: { all: [{ from: ['agent'] }, { keyword: { any: ['已退款'] } }] },
    verify: {
      any: [{ all: [{ from: ['agent'] }, { keyword: { any: ['照片'] } }] }, { kind: ['image'] }],
    },
    refund_records: true,
  };
  const claimRule: Condition = { refund_after_claim: claimSpec };
  const s = { scope: ['buyer', 'agent'] as Array<'buyer' | 'agent'> };
  /** The claim rule (or a variant of it) over a few messages, with no orders or refunds. */
  const judged = (msgs: Msgs, rule: Condition = claimRule) => run(rule, msgs, s);

  it('refund_after_claim: a confirmation after a claim with no check in between', () => {
    const f = judged([
      ['buyer', 0, '少发了一个'],
      ['agent', 5, '好的已退款'],
    ]);
    expect(spans(f)).toEqual([
      ['m0', 0, 2, '少发'],
      ['m1', 2, 5, '已退款'],
    ]);
    expect(
      judged([
        ['buyer', 0, '少发了'],
        ['agent', 5, '发下照片'],
        ['agent', 9, '已退款'],
      ]),
    ).toBeUndefined();
    expect(
      judged([
        ['buyer', 0, '少发了'],
        ['buyer', 2, 'img', 'image'],
        ['agent', 9, '已退款'],
      ]),
    ).toBeUndefined();
    expect(
      judged([
        ['buyer', 0, '不想要了'],
        ['agent', 5, '已退款'],
      ]),
    ).toBeUndefined();
    expect(
      judged([
        ['agent', 0, '已退款'],
        ['buyer', 5, '少发了'],
      ]),
    ).toBeUndefined();
  });

  it('refund_after_claim: a check asked for after the refund in the same message clears nothing (engine 10)', () => {
    expect(
      judged([
        ['buyer', 0, '少发了一瓶'],
        ['agent', 5, '已退款 有空拍个照片给我们存档'],
      ]),
    ).toBeDefined();
    expect(
      judged([
        ['buyer', 0, '少发了一瓶'],
        ['agent', 5, '看了照片 已退款'],
      ]),
    ).toBeUndefined(); // the check comes first in the message
  });

  it('refund_after_claim: a photo the buyer sent just before the claim is evidence; one before an agent reply is not', () => {
    expect(
      judged([
        ['buyer', 0, 'img', 'image'],
        ['buyer', 2, '你看 少发了一个'],
        ['agent', 9, '已退款'],
      ]),
    ).toBeUndefined();
    // Evidence in the claim itself (a verify condition matching the claim message).
    const withPlaceholder: Condition = {
      refund_after_claim: {
        ...claimSpec,
        verify: { all: [{ from: ['buyer'] }, { keyword: { any: ['[图片]'] } }] },
      },
    };
    expect(
      judged(
        [
          ['buyer', 0, '[图片] 少发了一个'],
          ['agent', 9, '已退款'],
        ],
        withPlaceholder,
      ),
    ).toBeUndefined();
    expect(
      judged(
        [
          ['buyer', 0, '少发了一个'],
          ['agent', 9, '已退款'],
        ],
        withPlaceholder,
      ),
    ).toBeDefined();
    // The photo answered something earlier: the agent replied in between, so the claim came with no evidence.
    expect(
      judged([
        ['buyer', 0, 'img', 'image'],
        ['agent', 3, '收到'],
        ['buyer', 5, '少发了一个'],
        ['agent', 9, '已退款'],
      ]),
    ).toBeDefined();
  });

  it("refund_after_claim: a claim in the agent's words may be its own confirmation; a check before it clears it", () => {
    const ownedUp: Condition = {
      refund_after_claim: {
        ...claimSpec,
        claim: {
          any: [
            { all: [{ from: ['buyer'] }, { keyword: { any: ['少发'] } }] },
            { all: [{ from: ['agent'] }, { keyword: { any: ['漏装'] } }] },
          ],
        },
      },
    };
    const f = judged(
      [
        ['buyer', 0, '底座呢'],
        ['agent', 5, '底座漏装了 已退款'],
      ],
      ownedUp,
    );
    expect(spans(f)).toEqual([
      ['m1', 2, 4, '漏装'],
      ['m1', 6, 9, '已退款'],
    ]);
    // The agent asked for a photo first, then owned up and refunded.
    expect(
      judged(
        [
          ['buyer', 0, '底座呢'],
          ['agent', 5, '发下照片'],
          ['buyer', 9, 'img', 'image'],
          ['agent', 15, '底座漏装了 已退款'],
        ],
        ownedUp,
      ),
    ).toBeUndefined();
    // A buyer's claim still needs a confirmation after it, not in it.
    expect(judged([['buyer', 0, '少发了 已退款']], ownedUp)).toBeUndefined();
  });

  it('refund_after_claim with refund records: a refund created after the claim counts', () => {
    const refund = {
      shop: 'shop',
      refundId: 'r1',
      orderId: 'o1',
      buyer: 'b',
      agent: null,
      createdAt: T0 + 600_000,
      amountFen: 1,
      reason: '',
      status: 'x',
    };
    const f = run(
      claimRule,
      [
        ['buyer', 0, '少发了'],
        ['agent', 5, '好的'],
      ],
      s,
      { refunds: [refund] },
    );
    expect(f?.detail).toContain('r1');
    expect(
      run(
        claimRule,
        [
          ['buyer', 0, '少发了'],
          ['agent', 5, '发下照片'],
        ],
        s,
        { refunds: [refund] },
      ),
    ).toBeUndefined();
  });

  it('refund_after_claim with refund records: a refund after a later conversation is judged there', () => {
    const refund = {
      shop: 'shop',
      refundId: 'r1',
      orderId: 'o1',
      buyer: 'b',
      agent: null,
      createdAt: T0 + 600_000,
      amountFen: 1,
      reason: '',
      status: 'x',
    };
    const msgs: Msgs = [['buyer', 0, '少发了']];
    // the chat went on past midnight (another session): the agent checked there, then refunded
    const later = [{ id: 'x1', agent: 'shop:a', at: T0 + 300_000 }];
    expect(run(claimRule, msgs, s, { refunds: [refund], buyerAgentMessages: later })).toBeUndefined();
    // an agent message of this very session or one after the refund does not move it
    const own = [
      { id: 'm0x', agent: 'shop:a', at: T0 },
      { id: 'x2', agent: 'shop:a', at: T0 + 900_000 },
    ];
    expect(run(claimRule, msgs, s, { refunds: [refund], buyerAgentMessages: own })).toBeDefined();
  });
});

describe('repetition', () => {
  it('same text (whitespace-insensitive) of ≥ min_chars, ≥ min_count times, by senders in scope', () => {
    const when: Condition = { repetition: { min_chars: 6, min_count: 3 } };
    const f = run(when, [
      ['agent', 0, '亲，请耐心等待'],
      ['buyer', 1, '？'],
      ['agent', 2, '亲，请耐心 等待'],
      ['agent', 3, '亲，请耐心等待'],
    ]);
    expect(f?.messageIds).toEqual(['m0', 'm2', 'm3']);
    expect(
      run(when, [
        ['agent', 0, '好的亲'],
        ['agent', 1, '好的亲'],
        ['agent', 2, '好的亲'],
      ]),
    ).toBeUndefined();
  });

  it('texts differing only in punctuation or emoji are one text; min_chars counts without them', () => {
    const when: Condition = { repetition: { min_chars: 6, min_count: 3 } };
    const f = run(when, [
      ['agent', 0, '好的呢，马上为您安排~'],
      ['agent', 1, '好的呢 马上为您安排！'],
      ['agent', 2, '好的呢，马上为您安排😊'],
    ]);
    expect(f?.messageIds).toEqual(['m0', 'm1', 'm2']);
    expect(f?.detail).toContain('好的呢马上为您安排');
    // 好的呢～ is 3 characters once its punctuation is gone, however often it is sent.
    expect(
      run(when, [
        ['agent', 0, '好的呢～～～'],
        ['agent', 1, '好的呢!!!'],
        ['agent', 2, '好的呢。。。'],
      ]),
    ).toBeUndefined();
    // An emoji's variation selector (❤️ is ❤ + U+FE0F) and joiners are part of the emoji, not text.
    expect(
      run(when, [
        ['agent', 0, '这款是纯棉的哦 透气性很好'],
        ['agent', 1, '这款是纯棉的哦 透气性很好❤️'],
        ['agent', 2, '这款是纯棉的哦 透气性很好👩\u200d👧'],
      ])?.messageIds,
    ).toEqual(['m0', 'm1', 'm2']);
    // Emoticon codes are emoji written out: they do not make a text new.
    expect(
      run(when, [
        ['agent', 0, '感谢亲亲的支持与理解[玫瑰]'],
        ['agent', 1, '感谢亲亲的支持与理解[爱心]'],
        ['agent', 2, '感谢亲亲的支持与理解'],
      ])?.messageIds,
    ).toEqual(['m0', 'm1', 'm2']);
    // Different numbers make different texts.
    expect(
      run(when, [
        ['agent', 0, '单号1234567已发货'],
        ['agent', 1, '单号2234567已发货'],
        ['agent', 2, '单号3234567已发货'],
      ]),
    ).toBeUndefined();
  });
});

describe('session-level combinators', () => {
  it('all / any / not over session operators', () => {
    const msgs: Msgs = [
      ['buyer', 0, '在吗'],
      ['agent', 100, '在'],
    ];
    expect(run({ all: [{ first_response_over: 30 }, { response_over: 60 }] }, msgs)).toBeDefined();
    expect(run({ all: [{ first_response_over: 30 }, { not: { response_over: 60 } }] }, msgs)).toBeUndefined();
    expect(
      run({ any: [{ first_response_over: 300 }, { repetition: { min_chars: 1, min_count: 1 } }] }, msgs),
    ).toBeDefined();
    const f = run({ all: [{ response_over: 60 }, { keyword: { any: ['在'] } }] }, msgs, {
      scope: ['buyer', 'agent'],
    });
    expect(f?.messageIds).toEqual(['m0', 'm1']);
  });
});

describe('findings and the index', () => {
  it('one finding per rule per session, in rulebook order, with score deltas', () => {
    const rb = buildRulebook([
      { id: 'b_rule', severity: 'minor', when: { keyword: { any: ['差'] } } },
      { id: 'a_rule', severity: 'critical', when: { keyword: { any: ['差'] } } },
    ]);
    const fs = inspectSession(
      compileRulebook(rb),
      buildSession([
        ['agent', 0, '差'],
        ['agent', 1, '差差'],
      ]),
    );
    expect(fs.map((f) => [f.rule, f.severity, f.scoreDelta, f.messageIds.length])).toEqual([
      ['b_rule', 'minor', -5, 2],
      ['a_rule', 'critical', -100, 2],
    ]);
    expect(fs[0].evidence.map((e) => [e.messageId, e.start])).toEqual([
      ['m0', 0],
      ['m1', 0],
      ['m1', 1],
    ]);
  });

  it('indexes message-level rules by the lexicons they need', () => {
    const c = compileRulebook(
      buildRulebook([
        { id: 'kw', when: { keyword: { any: ['差'] } } },
        { id: 'rx', when: { regex: { pattern: '\\d+' } } },
        { id: 'rx_literal', when: { regex: { pattern: '[2-9]遍' } } },
        { id: 'slow', when: { response_over: 1 } },
      ]),
    );
    const idx = c.messageIndex.get('agent')!;
    // A regex without a literal every match contains runs on every message; one with runs where it occurs.
    expect(idx.always.map((r) => r.rule.id)).toEqual(['rx']);
    expect([...idx.byGroup.values()].flat().map((r) => r.rule.id)).toEqual(['kw', 'rx_literal']);
    expect(c.sessionRules.map((r) => r.rule.id)).toEqual(['slow']);
    expect(c.messageIndex.get('buyer')!.always).toEqual([]);
  });
});
