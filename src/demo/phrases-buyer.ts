// What buyers and the store bot write. Buyers are short, casual and sometimes misspell; angry buyers are
// kept apart from calm ones so that the planted truth for customer_negative is exact.
import type { Intent } from './phrases-agent.js';

export const BUYER_OPENERS: readonly string[] = [
  '在吗',
  '在吗？',
  '亲',
  '你好',
  '您好',
  '有人吗',
  '在不在',
  'hi',
  '客服在吗',
  '在？',
  '哈喽',
  '你好，咨询一下',
  '老板在吗',
  '掌柜的在吗',
  '你好 问下',
  '亲 在么',
];

export const BUYER_QUESTIONS: Record<Intent, readonly string[]> = {
  stock: [
    '{p}还有货吗',
    '{p}{spec}的有现货吗',
    '请问这个还有吗',
    '{spec}的还有没',
    '有货没',
    '现在拍有货吧',
    '这个是现货吗',
    '{p}补货了吗',
    '{spec}那个规格怎么拍不了',
    '我要{n}袋，库存够吗',
  ],
  shipping: [
    '今天拍什么时候发货',
    '几点前拍今天能发',
    '发到{city}要几天',
    '什么时候能发货呀',
    '多久能到{city}',
    '今天下单明天能发吗',
    '我急用，能不能快点发',
    '{city}几天到',
    '下周要带去{city}，来得及吗',
    '从哪里发货的',
    '发货快吗',
  ],
  shelf: [
    '保质期多久',
    '生产日期是什么时候的',
    '开封了能放多久',
    '要放冰箱吗',
    '是今年的新货吗',
    '能放到过年吗',
    '{p}保质期多长时间',
    '怎么保存比较好',
  ],
  taste: [
    '{p}甜吗',
    '会不会很干',
    '口感脆不脆',
    '老人能吃吗',
    '孩子吃合适吗',
    '好剥吗',
    '有苦味吗',
    '{p}和{p2}哪个好吃',
    '哪个最好吃',
    '仁饱满吗',
    '酸不酸',
    '{p}硬不硬，我妈牙不好',
    '跟超市买的比怎么样',
    '和去年的一样吗',
  ],
  coupon: [
    '有优惠券吗',
    '满减怎么算',
    '能便宜点吗',
    '两件有优惠吗',
    '88VIP能用吗',
    '券在哪里领',
    '还能再优惠吗',
    '有没有赠品',
    '买{n}袋能便宜多少',
    '双十一还会降价吗',
  ],
  gift: [
    '送人的话哪个合适',
    '有礼盒装吗',
    '能帮忙写贺卡吗',
    '有手提袋吗',
    '送长辈买哪个好',
    '过节送客户，有什么推荐',
    '能直接寄给我爸妈吗，不要放价格单',
    '给亲戚拜年带什么好',
  ],
  invoice: ['可以开发票吗', '能开公司抬头吗', '电子发票还是纸质的', '能开专票吗', '发票怎么开'],
  freeship: ['包邮吗', '新疆包邮吗', '{city}包邮不', '运费多少', '一袋包邮吗'],
  express: ['发什么快递', '能发顺丰吗', '可以指定{exp}吗', '我们这{exp}到不了，能换一个吗', '快递是哪家的'],
  additive: ['有添加剂吗', '有没有硫熏', '是不是糖水泡过的', '有防腐剂吗', '颜色这么红是染的吗'],
  size: ['枣大概多大', '一斤大概多少颗', '核桃个头大吗', '是大果吗', '跟图片上一样大吗'],
  wechat: ['可以加个微信吗', '有微信吗，方便联系', '能微信付款吗', '能不能私下便宜点'],
};

export const BUYER_QUESTION_PREFIX: readonly string[] = [
  '请问',
  '你好，',
  '亲，',
  '问下',
  '想问一下',
  '那',
  '还有，',
];
export const BUYER_SUFFIX: readonly string[] = ['', '', '', '？', '?', '呀', '啊', '？？', '呢', '[疑问]'];

export const BUYER_ACKS: readonly string[] = [
  '哦哦',
  '嗯嗯',
  '那行',
  '明白了',
  '好吧',
  '可以',
  '那好',
  '懂了',
  '哦 这样啊',
  '了解',
  '原来如此',
  '行吧',
  '哦好的',
  '知道啦',
];

/** Closing pleasantries: a buyer ending on one of these has not been left unanswered. */
export const BUYER_CLOSINGS: readonly string[] = [
  '好的',
  '好',
  '行',
  '嗯',
  '嗯嗯',
  '谢谢',
  '好的谢谢',
  '知道了',
  'ok',
  'OK',
  '收到',
  '好滴',
  '谢谢啦',
  '好的呢',
];

export const BUYER_BUY: readonly string[] = [
  '那我拍了',
  '好的我下单了',
  '拍了',
  '已拍',
  '我拍了两袋',
  '刚拍了，尽快发哦',
  '下单了，麻烦备注一下',
  '那就来{n}袋吧',
  '行，拍了',
  '拍了 麻烦早点发',
  '好，我下单',
];

export const BUYER_PAID: readonly string[] = ['付好了', '已付款', '付了', '钱付了哈', '好的马上付', '刚付完'];

export const BUYER_LEAVE: readonly string[] = [
  '我再看看',
  '考虑一下',
  '我再比较比较',
  '先加购物车了',
  '等发工资再买',
  '我问问家里人再说',
  '晚点再拍',
  '等活动再买吧',
];

export const BUYER_NUDGE: readonly string[] = ['？', '？？', '还在吗', '亲？', 'hello?', '怎么不说话了'];

/** Calm reports of a problem: not negative. */
export const BUYER_CALM_EXTRA: readonly string[] = [
  '包装有点压扁了，不过东西没事',
  '快递慢了点，不过没关系',
  '不是很甜，正常吗',
  '没有想象中大',
  '差不多就行，不用换了',
  '收到了，就是有一袋封口有点松',
  '这次的颜色比上次深一点，是正常的吧',
];

// ---------------------------------------------------------------- after-sales

/** Claims of missing, short or wrong items (calm wording). */
export const BUYER_CLAIM_CALM: readonly string[] = [
  '我买的{p}少发了一袋',
  '收到货少了{n}袋{p}',
  '只收到{n}袋，我买的是{m}袋',
  '漏发了，{p2}没收到',
  '怎么少了一包',
  '订单里的{p2}没发',
  '发错了，我买的是{spec}，收到的是{spec2}',
  '箱子里少了一罐',
  '收到的枣有点少了一颗',
  '称了一下不够分量，少了五十多克',
  '礼盒里少了一样，只有七袋',
  '你好，我的货好像少发了',
];

/** Claims of missing items from an angry buyer (negative). */
export const BUYER_CLAIM_ANGRY: readonly string[] = [
  '你们怎么回事，又少发了！差评！',
  '少发了还不赶紧处理？我要投诉',
  '什么破店，买个东西都能少发',
  '骗子吧，钱收了货不发全',
  '少了两袋，你们是不是故意的，垃圾',
];

export const BUYER_DAMAGE_CALM: readonly string[] = [
  '包装破了，{p}撒了一箱子',
  '收到的盒子压坏了',
  '袋子漏气了',
  '有几颗碎了',
  '礼盒角上凹进去了，要送人的',
];
export const BUYER_DAMAGE_ANGRY: readonly string[] = [
  '包装烂成这样，什么破快递！',
  '这是垃圾吧，全压碎了',
  '送人的礼盒破成这样让我怎么送？太坑了',
];

export const BUYER_MOLD_CALM: readonly string[] = [
  '{p}有几颗发霉了',
  '打开有股怪味，是不是坏了',
  '里面好像有虫',
  '有几颗是空壳的',
  '吃着有点哈喇味',
];
export const BUYER_MOLD_ANGRY: readonly string[] = [
  '发霉的枣也好意思卖？骗子！',
  '吃了拉肚子，我要打12315',
  '恶心死了，里面有虫，差评',
  '什么破东西，一股霉味，退钱',
  '你们卖的就是垃圾，等着被投诉吧',
];

export const BUYER_LATE_CALM: readonly string[] = [
  '我的快递怎么还没到',
  '物流三天没动了',
  '显示签收了但我没收到',
  '什么时候能到啊，等好久了',
  '物流一直显示在{city}，能帮忙看看吗',
  '快递到哪了',
];
export const BUYER_LATE_ANGRY: readonly string[] = [
  '都一个星期了还没到，什么破快递',
  '再不到我就投诉了',
  '你们发货也太慢了吧，垃圾服务',
  '说好两天到，现在五天了，骗子',
];

export const BUYER_ANGRY_FOLLOW: readonly string[] = [
  '你们到底管不管',
  '别跟我说这些没用的',
  '今天不处理我就给差评',
  '太坑了',
  '什么态度',
  '气死我了',
  '我要投诉你们',
];

export const BUYER_OTHER_REFUND: readonly string[] = [
  '不想要了，能退吗',
  '拍错了，想退款',
  '地址填错了能退款重拍吗',
  '能不能取消订单',
  '家里还有，想退掉',
];

export const BUYER_EXCHANGE: readonly string[] = ['能换个口味吗', '想换成{spec2}的', '可以换货吗'];
export const BUYER_INVOICE_AFTER: readonly string[] = ['发票怎么还没开', '帮我补开一下发票', '发票开了吗'];
export const BUYER_CHANGE_ORDER: readonly string[] = [
  '刚拍的能改地址吗',
  '刚才的订单帮我备注一下送人的',
  '我刚下的单，能改成{spec2}吗',
  '刚付款了，能今天发吗',
];

export const BUYER_EVIDENCE: readonly string[] = ['[图片]', '[图片]', '[视频]'];
export const BUYER_AFTER_OK: readonly string[] = [
  '好的，那麻烦了',
  '行，那就这样吧',
  '好的谢谢',
  '嗯嗯，尽快哈',
  '那好吧',
  '可以',
];

// ---------------------------------------------------------------- bot

export const BOT_GREETINGS: readonly string[] = [
  '您好，我是{shop}智能助手小果，请问有什么可以帮您？',
  '亲，欢迎光临~小果在线为您解答，您可以直接输入问题哦',
  '您好，人工客服稍后为您服务，您也可以先问问小果~',
];

export const BOT_ANSWERS: Record<Intent, readonly string[]> = {
  stock: ['亲，页面上可以拍下的规格都是有现货的哦', '亲，显示可购买即有库存，请放心下单'],
  shipping: ['亲，当天16点前付款的订单当天发出，其余次日发出', '亲，正常情况下付款后48小时内发货哦'],
  shelf: ['亲，{p}的保质期为{shelf}，请以包装标注为准', '亲，产品保质期请以包装标注为准，开封后请密封保存'],
  taste: ['亲，{p}{taste}，很多顾客反馈不错哦', '口味因人而异，您可以参考商品评价哦'],
  coupon: ['店铺优惠券可以在首页领取，下单自动抵扣哦', '亲，当前活动以商品页面展示为准哦'],
  gift: ['礼盒装都有配手提袋哦，贺卡内容可以下单时备注', '亲，送礼推荐店铺首页的礼盒专区哦'],
  invoice: ['本店支持开具电子发票，确认收货后在订单详情申请即可'],
  freeship: ['全国大部分地区包邮，新疆西藏等偏远地区需补运费', '亲，本店商品默认包邮（偏远地区除外）'],
  express: ['默认发中通或韵达，如需顺丰请补差价哦', '亲，快递由系统根据收货地址自动分配哦'],
  additive: ['亲，产品配料请以包装配料表为准，不含防腐剂哦'],
  size: ['亲，商品规格请参考详情页的实物图哦'],
  wechat: ['亲，为了保障您的权益，请在平台内沟通和交易哦'],
};

export const BOT_MISSES: readonly string[] = [
  '亲，小果没有理解您的问题，您可以换个说法试试',
  '您是不是想问：如何申请退款？',
  '亲，您可以点击下方菜单查看常见问题哦',
  '亲，当天16点前付款的订单当天发出，其余次日发出',
  '店铺优惠券可以在首页领取，下单自动抵扣哦',
  '亲，退换货请在订单详情页点击申请售后',
  '亲，本店商品默认包邮（偏远地区除外）',
];

export const BOT_TRANSFER: readonly string[] = [
  '好的，正在为您转接人工客服，请稍等~',
  '亲，已为您转接人工，请稍候',
  '人工客服马上就来，请稍等哦',
];

export const BOT_NIGHT: readonly string[] = [
  '亲，人工客服的服务时间为9:00-24:00，您可以先留言，上班后第一时间回复您',
  '现在是非工作时间，小果先为您记录问题，客服上线后会联系您哦',
];

export const BUYER_ASK_HUMAN: readonly string[] = [
  '转人工',
  '人工',
  '人工客服',
  '我要找人工',
  '转人工客服谢谢',
  '真人在吗',
  '能不能让真人回答',
  '找个真人来',
  '人工！',
];

export const BUYER_BOT_MISSED: readonly string[] = [
  '答非所问',
  '不是问这个',
  '听不懂',
  '你在说什么啊',
  '我问的不是这个',
  '牛头不对马嘴',
  '没回答我的问题啊',
];

/** A buyer whose first words ask for a human (no bot reply before): not a bot failure. */
export const BUYER_OPEN_HUMAN: readonly string[] = ['转人工', '人工客服', '人工', '找人工'];
