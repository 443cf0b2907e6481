import { describe, expect, it } from 'vitest';
import { openImportFile } from '../../src/ingest/open-import-file.js';
import { fixture, importError, ms, readAll, SHANGHAI, tempFile, values } from './helpers.js';

describe('chats JSONL', () => {
  it('reads every field, hashes missing ids and skips blank lines', async () => {
    const records = await readAll(fixture('chats.jsonl'));
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 7, 8]);
    const m = values(records, 'message');
    expect(m[0]).toEqual({
      shop: '红枣小铺',
      id: 'm-1001',
      buyer: 'tb_lily2016',
      agent: '红枣小铺:小美',
      from: 'buyer',
      at: ms('2026-11-11T10:00:03+08:00'),
      text: '在吗？和田大枣今天下单什么时候发货',
      kind: 'text',
    });
    expect(m.map((x) => x.from)).toEqual(['buyer', 'bot', 'agent', 'buyer', 'agent', 'buyer', 'system']);
    expect(m[3]).toMatchObject({ text: '', kind: 'image', at: ms('2026-11-11T02:01:10Z') });
    expect(m[3].id).toMatch(/^[0-9a-f]{20}$/);
    expect(m[4].at).toBe(ms('2026-11-11T10:01:30.250+08:00'));
    expect(m[6]).toMatchObject({ shop: '坚果铺子', id: 'n-78', kind: 'order' });
  });

  it('gives the same ids on a second read', async () => {
    const a = values(await readAll(fixture('chats.jsonl')), 'message').map((m) => m.id);
    const b = values(await readAll(fixture('chats.jsonl')), 'message').map((m) => m.id);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
  });

  it('takes the shop from --shop when a line has none; a line’s own shop wins', async () => {
    const m = values(await readAll(fixture('chats-noshop.jsonl'), { defaultShop: '红枣小铺' }), 'message');
    expect(m.map((x) => x.shop)).toEqual(['红枣小铺', '红枣小铺', '坚果铺子']);
    const err = await importError(fixture('chats-noshop.jsonl'));
    expect(err).toMatchObject({ line: 1, field: 'shop' });
    expect(err.reason).toContain('pass --shop');
  });

  it('reads UTF-16LE with BOM and CRLF', async () => {
    const m = values(await readAll(fixture('chats-utf16le.jsonl')), 'message');
    expect(m.map((x) => x.text)).toEqual(['红枣夹核桃还有货吗', '有的亲，现货']);
    expect(m[1].at).toBe(ms('2026-11-11T10:00:09+08:00'));
  });

  it.each([
    ['{"shop":"s","buyer":"b","agent":"a","from":"agent","at":"2026-11-11T10:00:00Z"}', 'text', 'missing'],
    [
      '{"shop":"s","buyer":"b","agent":"a","from":"agent","at":"2026-11-11T10:00:00Z","text":""}',
      'text',
      'empty',
    ],
    [
      '{"shop":"s","buyer":"","agent":"a","from":"agent","at":"2026-11-11T10:00:00Z","text":"x"}',
      'buyer',
      'missing',
    ],
    ['{"shop":"s","buyer":"b","from":"agent","at":"2026-11-11T10:00:00Z","text":"x"}', 'agent', 'missing'],
    [
      '{"shop":"s","buyer":"b","agent":"a","from":"agent","at":1794362403000,"text":"x"}',
      'at',
      'must be an ISO',
    ],
    [
      '{"shop":"s","buyer":"b","agent":"a","from":"agent","at":"2026-11-11T10:00:00","text":"x"}',
      'at',
      'without UTC',
    ],
    [
      '{"shop":"s","buyer":"b","agent":"a","from":"agent","at":"2026-11-11T10:00:00Z","text":5}',
      'text',
      'not a string',
    ],
    [
      '{"shop":"s","id":{},"buyer":"b","agent":"a","from":"bot","at":"2026-11-11T10:00:00Z","text":"x"}',
      'id',
      'not an id',
    ],
    ['["s","b"]', null, 'expected one JSON object per line'],
    ['shop,buyer', null, 'malformed JSON'],
  ])('refuses %s (field %s)', async (line, field, reason) => {
    const path = tempFile(
      'one.jsonl',
      `{"shop":"s","buyer":"b","agent":"a","from":"buyer","at":"2026-11-11T10:00:00Z","text":"ok"}\n${line}\n`,
    );
    const err = await importError(path);
    expect(err.line).toBe(2);
    expect(err.field).toBe(field);
    expect(err.reason).toContain(reason);
  });
});

describe('chats CSV', () => {
  it('reads BOM, CRLF, quoted commas, doubled quotes and a quoted line break', async () => {
    const records = await readAll(fixture('chats-bom-crlf.csv'));
    expect(records.map((r) => r.line)).toEqual([2, 3, 5]);
    const m = values(records, 'message');
    expect(m[0]).toMatchObject({
      id: 'c-1',
      shop: '红枣小铺',
      text: '枣子有点干，是不是放久了,还能吃吗',
      kind: 'text',
    });
    expect(m[1].text).toBe('亲，新疆枣本身水分少，"干"是正常的\n建议放冰箱冷藏，保质期12个月');
    expect(m[1].kind).toBe('text'); // empty kind cell
    expect(m[1].at).toBe(ms('2026-11-11T10:00:30+08:00'));
    expect(m[2]).toMatchObject({ kind: 'image', text: '[图片]' });
    expect(m[2].id).toMatch(/^[0-9a-f]{20}$/);
  });

  it('refuses a header without a required column, on the header line', async () => {
    const err = await importError(tempFile('c.csv', 'shop,buyer,agent,from,at,message\n'));
    // Without `text` it is not even a chats CSV.
    expect(err.reason).toMatch(/^unknown format/);
    const err2 = await importError(tempFile('o.csv', '\nshop,order_id,buyer,created_at,paid_at,amount\n'));
    expect(err2).toMatchObject({
      line: 2,
      field: 'status',
      reason: 'required column missing from the header',
    });
    const err3 = await importError(tempFile('o2.csv', '\nshop,order_id,created_at,paid_at,amount,status\n'));
    expect(err3).toMatchObject({
      line: 2,
      field: 'buyer',
      reason: 'required column missing from the header',
    });
  });
});

describe('orders CSV', () => {
  it('reads ISO and shop-local times, unpaid orders, amounts in fen and items', async () => {
    const o = values(await readAll(fixture('orders.csv')), 'order');
    expect(o).toHaveLength(4);
    expect(o[0]).toEqual({
      shop: '红枣小铺',
      orderId: '3301224455667788',
      buyer: 'tb_lily2016',
      createdAt: ms('2026-11-11T10:05:00+08:00'),
      paidAt: ms('2026-11-11T10:06:12+08:00'),
      amountFen: 12850,
      status: '交易成功',
      items: '和田大枣 一级 500g*2,送礼袋',
    });
    expect(o[1]).toMatchObject({
      createdAt: ms('2026-11-11T10:20:00+08:00'),
      paidAt: null,
      amountFen: 5900,
      items: null,
    });
    expect(o[2]).toMatchObject({ paidAt: ms('2026-11-12T00:01:30+08:00'), amountFen: 6850 });
    expect(o[3]).toMatchObject({ shop: '坚果铺子', amountFen: 99, createdAt: ms('2026-11-11T16:00:00Z') });
  });

  it('takes local times in the zone of the row’s shop', async () => {
    const zones: Record<string, string> = { 红枣小铺: 'Asia/Shanghai', 坚果铺子: 'Europe/Berlin' };
    const path = tempFile(
      'zones.csv',
      'shop,order_id,buyer,created_at,paid_at,amount,status\n坚果铺子,1,b,2026-07-01 12:00:00,,1,x\n红枣小铺,2,b,2026-07-01 12:00:00,,1,x\n',
    );
    const o = values(await readAll(path, { timeZoneOf: (s) => zones[s] }), 'order');
    expect(o.map((x) => x.createdAt)).toEqual([
      ms('2026-07-01T12:00:00+02:00'),
      ms('2026-07-01T12:00:00+08:00'),
    ]);
  });

  it('refuses a negative amount and a comma too many', async () => {
    const header = 'shop,order_id,buyer,created_at,paid_at,amount,status\n';
    const neg = await importError(tempFile('neg.csv', `${header}s,1,b,2026-11-11 10:00:00,,-5,x\n`));
    expect(neg).toMatchObject({ line: 2, field: 'amount', reason: 'negative amount: "-5"' });
    const wide = await importError(tempFile('wide.csv', `${header}s,1,b,2026-11-11 10:00:00,,5,x,y\n`));
    expect(wide).toMatchObject({ line: 2, field: null });
    expect(wide.reason).toContain('8 fields but the header has 7');
  });
});

describe('refunds CSV', () => {
  it('reads refunds with and without an agent', async () => {
    const r = values(await readAll(fixture('refunds.csv')), 'refund');
    expect(r).toEqual([
      {
        shop: '红枣小铺',
        refundId: 'R20261113001',
        orderId: '3301224455667788',
        buyer: 'tb_lily2016',
        agent: '红枣小铺:小美',
        createdAt: ms('2026-11-13T09:30:00+08:00'),
        amountFen: 2570,
        reason: '少件/漏发',
        status: '退款成功',
      },
      {
        shop: '红枣小铺',
        refundId: 'R20261113002',
        orderId: '3301224455667790',
        buyer: '小熊爱吃枣',
        agent: null,
        createdAt: ms('2026-11-13T11:00:00+08:00'),
        amountFen: 6850,
        reason: '不想要了,拍错了',
        status: '退款关闭',
      },
    ]);
  });
});

describe('agents CSV', () => {
  it('maps Chinese role labels, reads mentors and empty hire dates, headers in any case', async () => {
    const a = values(await readAll(fixture('agents.csv')), 'agent');
    expect(a.map((x) => x.role)).toEqual(['presale', 'aftersale', 'lead', 'bot_trainer']);
    expect(a[1]).toEqual({
      shop: '红枣小铺',
      nick: '红枣小铺:阿杰',
      name: '王杰',
      role: 'aftersale',
      group: '晚班B组',
      hiredOn: '2026-10-20',
      mentor: '红枣小铺:小美',
    });
    expect(a[2]).toMatchObject({ hiredOn: null, mentor: null, group: '' });
  });

  it('reads UTF-16BE with BOM', async () => {
    const a = values(await readAll(fixture('agents-utf16be.csv')), 'agent');
    expect(a).toEqual([
      {
        shop: '红枣小铺',
        nick: '红枣小铺:小美',
        name: '李小美',
        role: 'presale',
        group: '早班A组',
        hiredOn: '2025-03-01',
        mentor: null,
      },
    ]);
  });

  it('refuses an impossible hire date', async () => {
    const err = await importError(
      tempFile(
        'a.csv',
        'shop,agent,name,role,group,hired_on\n红枣小铺,红枣小铺:小美,李小美,售前,A,2026-02-30\n',
      ),
    );
    expect(err).toMatchObject({ line: 2, field: 'hired_on', reason: 'not a date YYYY-MM-DD: "2026-02-30"' });
  });
});

describe('Taobao order export', () => {
  it('reads the GBK ExportOrderList: Excel-protected ids, null paid times, Y/M/D H:MM times', async () => {
    const o = values(await readAll(fixture('ExportOrderList202611120930.csv')), 'order');
    expect(o.map((x) => x.orderId)).toEqual([
      '3301224455667788',
      '3301224455667789',
      '3301224455667790',
      '3301224455667791',
    ]);
    expect(o[0]).toEqual({
      shop: '红枣小铺', // from 店铺名称
      orderId: '3301224455667788',
      buyer: 'tb_lily2016',
      createdAt: ms('2026-11-11T10:05:00+08:00'),
      paidAt: ms('2026-11-11T10:06:12+08:00'),
      amountFen: 12850,
      status: '交易成功',
      items: '新疆和田大枣 一级 500g*2 红枣 特产',
    });
    expect(o[1]).toMatchObject({
      buyer: 'tb_王小二',
      paidAt: null,
      createdAt: ms('2026-11-11T10:20:00+08:00'),
    });
    expect(o[2]).toMatchObject({
      status: '买家已付款，等待卖家发货',
      createdAt: ms('2026-11-11T23:58:00+08:00'),
      paidAt: ms('2026-11-12T00:01:00+08:00'),
      amountFen: 6850,
      items: '红枣夹核桃 500g,独立小包装',
    });
    expect(o[3]).toMatchObject({ paidAt: null, amountFen: 0, status: '交易关闭' });
  });

  it('lets --shop name the shop over 店铺名称', async () => {
    const o = values(
      await readAll(fixture('ExportOrderList202611120930.csv'), { defaultShop: 'hongzao' }),
      'order',
    );
    expect(new Set(o.map((x) => x.shop))).toEqual(new Set(['hongzao']));
  });

  it('reads the newer column names (买家下单时间, 买家实付金额, …) with --shop', async () => {
    const o = values(
      await readAll(fixture('qianniu-orders-export.csv'), { defaultShop: '红枣小铺' }),
      'order',
    );
    expect(o).toEqual([
      {
        shop: '红枣小铺',
        orderId: '4102938475610293',
        buyer: '枣粉小王',
        createdAt: ms('2025-12-01T20:15:33+08:00'),
        paidAt: ms('2025-12-01T20:16:02+08:00'),
        amountFen: 8990,
        status: '卖家已发货，等待买家确认',
        items: '和田玉枣 五星 1kg',
      },
    ]);
  });

  it('needs --shop when the export has no 店铺名称', async () => {
    const err = await importError(fixture('qianniu-orders-export.csv'));
    expect(err).toMatchObject({ line: 1, field: null });
    expect(err.message).toMatch(
      /qianniu-orders-export\.csv:1: a Taobao order export does not say which shop .*--shop/,
    );
  });

  it('names the column as the file spells it', async () => {
    const path = tempFile(
      'new.csv',
      '订单编号,买家下单时间,买家付款时间,买家实付金额,买家会员名,订单状态\n41,2025-12-01 20:15:33,,八十,b,交易关闭\n',
    );
    const err = await importError(path, { defaultShop: 's' });
    expect(err).toMatchObject({ line: 2, field: '买家实付金额' });
    expect(err.message).toContain('not a number (write yuan like 128.50): "八十"');
  });
});

describe('batches()', () => {
  it('yields the same records in arrays of the asked size', async () => {
    const file = await openImportFile(fixture('chats.jsonl'), SHANGHAI);
    const sizes: number[] = [];
    const lines: number[] = [];
    for await (const b of file.batches(3)) {
      sizes.push(b.length);
      lines.push(...b.map((r) => r.line));
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(lines).toEqual([1, 2, 3, 4, 5, 7, 8]);
    expect(file.bytesRead()).toBe(file.bytesTotal);
  });
});
