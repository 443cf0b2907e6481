// Phrase pools for what human agents write in clean (well-behaved) chats. Slots in braces are filled
// from the conversation context: {p} product, {p2} another product, {spec}/{spec2}, {price}, {city},
// {days}, {exp} courier, {name} the agent's flower-name, {shop}, {cut} cut-off hour, {n}/{m}/{k} numbers,
// {amt} an amount in yuan, {oid} an order number, {tno} a tracking number, {taste}, {shelf}, {origin}.
//
// Hygiene: nothing here may be a rude, absolute-claim, off-platform or profane phrase. Deliberately
// present are the look-alikes a real shop writes every day and that inspection must NOT flag
// (第一次购买, 最近, 最佳食用期, 最新到货, 活动最后一天, 最终以页面为准, 第一时间, 平台内沟通,
// 不支持微信支付, 我不知道您喜欢哪种口味, long order and tracking numbers). test/demo checks it.

/** First message of an agent in a thread: always a greeting or an address. */
export const GREETINGS: readonly string[] = [
  '亲，您好！欢迎光临{shop}，我是客服{name}，很高兴为您服务',
  '您好亲，我是{name}，请问有什么可以帮您的呢',
  '在的亲，{name}为您服务~请问看中哪款了呢',
  '亲亲您好，{name}在的，有什么问题尽管问哦',
  '你好呀，欢迎来到{shop}，我是{name}',
  '您好，{shop}客服{name}很高兴为您服务，请问有什么可以帮到您',
  '哈喽亲，我是{name}，刚刚看到您的消息啦',
  '亲，在的呢，我是{name}，您说~',
  '欢迎光临{shop}~我是客服{name}，您想了解哪款呢',
  '您好，我是客服{name}，有什么需要随时叫我',
  '亲爱的您好呀，{name}在线为您服务',
  '{hello}亲，我是{name}，请问需要了解哪款产品呢',
  '{hello}，{shop}欢迎您，{name}为您服务',
  '在的在的，亲请说~',
  '您好~{name}来啦，您刚才问的我看到了',
  '亲您好，让您久等了，我是{name}',
  '您好！很高兴为您服务，我是{name}[微笑]',
  '亲，您好呀[玫瑰] 我是{name}，有什么可以帮您',
  '嗨亲，欢迎光临，{name}在线哦',
  '{hello}呀亲，有什么可以帮您~',
];

/** First message after a transfer or in an after-sales thread. */
export const GREETINGS_AFTERSALE: readonly string[] = [
  '您好亲，我是售后客服{name}，刚才的情况我已经看到了',
  '亲，您好，我是{name}，这边负责为您处理售后问题',
  '您好，售后{name}为您服务，请问遇到什么问题了呢',
  '亲您好，我是{name}，前面同事转过来的问题我来跟进',
  '在的亲，我是售后{name}，您的问题我来处理',
  '您好，{shop}售后{name}在线，请问是哪个订单有问题呢',
  '亲，你好，我是{name}，您遇到的问题我看一下',
  '您好呀，{name}接手为您服务啦',
];

export const AGENT_PREFIX: readonly string[] = [
  '亲，',
  '亲亲，',
  '嗯嗯，',
  '好的亲，',
  '好的，',
  '是的亲，',
  '亲~',
  '嗯，',
  '您好，',
  '亲爱的，',
  '这边看了一下，',
  '跟您说一下，',
];

export const AGENT_SUFFIX: readonly string[] = [
  '',
  '',
  '',
  '。',
  '哦',
  '哦~',
  '呢',
  '~',
  '！',
  '哈',
  '[微笑]',
  '哦[微笑]',
  '呢~',
  '[玫瑰]',
  '[爱心]',
  '的哦',
];

export type Intent =
  | 'stock'
  | 'shipping'
  | 'shelf'
  | 'taste'
  | 'coupon'
  | 'gift'
  | 'invoice'
  | 'freeship'
  | 'express'
  | 'additive'
  | 'size'
  | 'wechat';

export const PRESALE_INTENTS: readonly Intent[] = [
  'stock',
  'shipping',
  'shelf',
  'taste',
  'coupon',
  'gift',
  'invoice',
  'freeship',
  'express',
  'additive',
  'size',
  'wechat',
];
export const INTENT_WEIGHTS: readonly number[] = [12, 14, 9, 13, 12, 6, 4, 7, 5, 5, 5, 1.5];

export const AGENT_ANSWERS: Record<Intent, readonly string[]> = {
  stock: [
    '{p}{spec}目前有现货的，拍下就能安排',
    '有货的，{spec}和{spec2}都有',
    '现货充足，您放心拍',
    '{spec}的还有库存，是今年的新货',
    '这款刚补过货，库存是够的',
    '{spec}这两天卖得快，建议早点拍',
    '这款{spec}暂时缺货了，{spec2}的还有，要不要看看',
    '这个规格在补货中，预计{days}天后到仓',
    '页面能拍的就是有货的',
    '有的，这批是最新到货的，{origin}直发',
    '目前库存还有{n}00多件，放心',
    '有现货，今天拍今天就能打包',
  ],
  shipping: [
    '下午{cut}点前付款的当天发出，之后的第二天发',
    '我们是{origin}产地仓和杭州仓发货，一般48小时内发出',
    '默认发{exp}，{city}的话正常{days}天左右能到',
    '拍下后24小时内发货',
    '{city}的话一般{days}天到，偏远地区会慢一点',
    '这边可以给您备注优先发货',
    '今天的单子明天上午就能出库',
    '活动期间订单多，按付款顺序发货，72小时内都会发出',
    '最近发货都挺快的，大部分地区两三天就到了',
    '发出后会有物流信息，可以在订单详情里看到',
    '{city}发{exp}，走陆运的话{days}天左右',
    '这两天仓库在加班打包，拍下次日就发',
  ],
  shelf: [
    '保质期是{shelf}，建议放阴凉干燥处',
    '生产日期都是近两个月的新货',
    '开封后建议密封保存，尽快吃完口感更好',
    '保质期{shelf}，夏天的话可以放冰箱冷藏',
    '开封后最佳食用期是7天左右，记得用密封夹夹好',
    '包装上有生产日期，都是今年的新货',
    '没开封的话放到过年是没问题的',
    '{p}的保质期{shelf}，袋子里有干燥剂',
    '最佳赏味期是收到后一个月内，口感会更好',
    '冷藏保存的话可以放更久一些',
  ],
  taste: [
    '{p}{taste}，很多老顾客回购',
    '口感是{taste}的，老人小孩都可以吃',
    '{p}的特点就是{taste}，您可以先拍小包装试试',
    '喜欢甜一点的选{p}，不喜欢太甜可以选{p2}',
    '第一次购买的话建议先拍{spec}的尝尝',
    '我不知道您喜欢哪种口味，可以告诉我吗？我帮您推荐',
    '不知道您是自己吃还是送人呢？我好给您推荐',
    '{p}偏甜，{p2}偏酸甜，看您口味',
    '这款{taste}，买过的顾客评价都不错',
    '老人吃的话建议选软一点的，{p}就挺合适',
    '孩子吃的话{p2}小包装更方便',
    '我自己也常吃{p}，{taste}',
    '评价里有很多买家秀，您可以参考一下',
  ],
  coupon: [
    '店铺首页可以领{n}元优惠券，下单自动抵扣',
    '现在有满{m}减{k}的活动，可以凑单',
    '两件的话第二件半价',
    '88VIP是可以用的，会自动计算',
    '券在商品页面价格下方，点一下就能领',
    '价格已经是活动价了，可以再领个店铺券',
    '活动最后一天了，满{m}减{k}明天就恢复原价',
    '最终价格以下单页面显示为准',
    '拍两袋的话每袋合下来便宜{n}块钱',
    '关注店铺可以领{n}元无门槛券',
    '会员积分也可以抵现的，下单时勾选一下',
    '这个价格已经很实惠了，再加一件能用满减',
  ],
  gift: [
    '送人的话推荐{p}礼盒，有手提袋',
    '礼盒装都会配手提袋的，可以帮您备注贺卡内容',
    '送长辈的话枣和坚果的组合很受欢迎',
    '可以帮您写贺卡，您把内容发我就行',
    '礼盒是硬壳的，送人挺有面子',
    '送客户的话{p}礼盒比较合适，价格适中',
    '需要代发的话收件人信息填对方的就行，不放价格单',
    '礼盒里面是独立小包装，分着吃也方便',
  ],
  invoice: [
    '可以开电子发票的，下单后在订单详情里申请',
    '发票抬头写公司的也可以，需要提供税号',
    '电子普通发票，确认收货后会发到您的邮箱',
    '专票需要留言备注开票信息，财务会联系处理',
    '可以开的，抬头和税号发给我，我帮您备注',
  ],
  freeship: [
    '全国包邮的，新疆西藏偏远地区需要补{fee}元运费',
    '满{m}元包邮，单买一袋要{fee}元运费',
    '包邮的亲，不用另外付运费',
    '{city}是包邮的',
    '除了港澳台和偏远地区，其他都包邮',
  ],
  express: [
    '默认{exp}，需要指定快递可以留言备注',
    '{city}发{exp}会比较快',
    '可以发顺丰，补差价{fee}元',
    '一般是中通和韵达，系统根据地址自动匹配',
    '可以的，我给您备注发{exp}',
  ],
  additive: [
    '我们家的{p}是自然晾晒的，配料表只有{p}本身',
    '没有加防腐剂和色素，可以放心吃',
    '没有硫熏处理，颜色是自然的',
    '配料表就一样，{p}',
    '是原味的，没有额外加糖',
    '核桃是人工挑选过的，坏果会挑出来',
  ],
  size: [
    '{p}一斤大概{n}0颗左右',
    '果径在{mm}毫米左右，个头挺均匀',
    '是大果，个头比普通的大一圈',
    '个头的话详情页第三张图有实物对比，我截图发您',
    '每颗都挺饱满的，大小差不多',
  ],
  wechat: [
    '不好意思亲，我们只能在平台内沟通哦，有问题直接在这里留言就好',
    '平台内沟通更有保障，有需要随时找我',
    '不支持微信支付哦，拍下后用支付宝或者花呗付款就可以',
    '我们不加私人微信的，售后问题在旺旺里找我们就行',
  ],
};

export const AGENT_UPSELL: readonly string[] = [
  '买{p}的话可以搭配{p2}一起，满{m}减{k}更划算',
  '很多顾客会顺手带一袋{p2}，您可以参考下',
  '现在拍{spec}的比较划算，折下来每斤便宜{n}元',
  '店里的{p2}也在做活动，一起拍能凑满减',
  '要不要试试{p2}，和{p}搭着吃口感很好',
  '家里人多的话建议拍大包装，更实惠',
];

export const AGENT_ORDER_ACK: readonly string[] = [
  '收到您的订单啦，会尽快给您安排发货',
  '好的，订单已经看到了，今天就给您发出',
  '已经给您备注好了，订单号{oid}',
  '订单{oid}收到了，地址没问题的话就等发货啦',
  '好嘞，已经通知仓库优先打包',
  '感谢支持，发货后物流信息会同步到订单里',
  '订单收到~{exp}发出，注意查收',
];

/** 催付: a payment reminder for an order placed but not paid. */
export const AGENT_REMINDERS: readonly string[] = [
  '亲，看到您拍下了还没付款哦，{cut}点前付款今天就能发出',
  '亲亲，订单还没支付哦，优惠券今天到期，记得付款呢',
  '您好，您的订单还在待付款状态，有什么疑问可以随时问我',
  '亲，您拍下的{p}还没付款，库存紧张，建议早点付款哦',
  '亲，付款后我们会优先给您安排发货的',
  '亲，订单{oid}还没付款哦，需要修改地址或者规格可以跟我说',
  '看到您的订单了，付款后当天给您安排',
  '亲，拍下的宝贝还在等您付款哦，活动价只到今晚',
];

export const AGENT_CLOSINGS: readonly string[] = [
  '感谢您的支持，有问题随时找我哦',
  '不客气，祝您生活愉快',
  '收到，祝您购物愉快',
  '期待您的再次光临',
  '好的呢，有需要再找{name}哦',
  '不客气亲，收到货有任何问题随时联系我们',
  '好的，有问题随时留言，看到会马上回复',
  '谢谢亲的支持，{shop}祝您生活愉快',
  '不客气的，吃好了再来哈',
];

export const AGENT_CLOSINGS_LEAVE: readonly string[] = [
  '好的亲，那您再考虑一下，有问题随时联系',
  '嗯嗯，您先看看，想好了随时来问',
  '没关系的，喜欢的话可以先收藏，活动期间价格更合适',
  '好的，加购后有降价会提醒您',
  '可以的亲，想好了随时找{name}',
  '好的呢，不着急，慢慢挑',
];

/** Said before an answer that takes a moment. */
export const AGENT_SHORT: readonly string[] = [
  '稍等，我帮您问一下仓库',
  '您稍等一下哈',
  '好的，明白了',
  '收到，我确认下',
  '我这边帮您看下',
  '嗯嗯，我问一下',
  '好的亲，稍等',
];

export const AGENT_EMPATHY: readonly string[] = [
  '非常抱歉给您带来不好的体验',
  '实在不好意思，让您久等了',
  '理解您的心情，这边马上帮您处理',
  '您先别着急，我们一定给您一个满意的处理',
  '真的很抱歉，是我们的疏忽',
  '对不起亲，给您添麻烦了',
  '不好意思亲，这个情况我们非常重视',
  '抱歉抱歉，耽误您的时间了',
  '给您带来麻烦真的很抱歉，我这就跟进',
  '非常理解您的感受，换成我也会着急的，抱歉',
];

/** Asking for evidence or a check before any refund for missing items. */
export const AGENT_VERIFY: readonly string[] = [
  '麻烦您拍一下收到的{p}和外包装的照片发过来，我们核实一下',
  '方便提供一下外包装和快递面单的照片吗',
  '可以拍个开箱视频或者照片吗，我们这边需要核实',
  '我先让仓库核对一下发货记录和称重',
  '麻烦发一下收到的实物照片和快递面单',
  '我这边联系仓库查一下称重记录，稍等哦',
  '您把箱子里的东西摆开拍张照片给我，我核对一下订单',
  '需要您拍一下面单，仓库要核实打包重量',
];

export const AGENT_VERIFIED: readonly string[] = [
  '收到照片了，核实过确实少发了{n}袋',
  '仓库称重记录核对了，确实是漏发了',
  '看到了，是我们打包的问题',
  '核实了，仓库那边确实少装了',
  '照片收到了，和发货记录对了一下，确实少了',
];

/** Refund confirmations (refund reasons vary; only after a missing-items claim does verification matter). */
export const AGENT_REFUND_CONFIRM: readonly string[] = [
  '已经给您退款{amt}元，1-3个工作日原路退回',
  '给您退了{amt}元，请注意查收',
  '同意退款了，款项会原路返回',
  '退款已经操作好了，您看下支付宝',
  '已为您办理退款{amt}元',
  '这边直接给您退{amt}元',
  '已经同意退款，钱会退到您的付款账户',
  '退款{amt}元已经提交了，到账会有通知',
];

export const AGENT_RESHIP: readonly string[] = [
  '给您安排补发了，明天发出，单号出来后发给您',
  '少的{n}袋给您补发，运费我们承担',
  '补发的已经登记了，仓库今天打包',
  '给您重新发一份，{exp}发出',
];

export const AGENT_DAMAGE: readonly string[] = [
  '收到照片了，是运输途中压坏的，给您补发一份新的',
  '这个情况给您补偿{amt}元，或者补发，您看选哪个',
  '图片收到了，这批给您换新的',
  '看到了，是快递暴力运输，我们会向快递索赔，先给您补发',
];

export const AGENT_LOGISTICS: readonly string[] = [
  '帮您查了一下，包裹现在在{city}转运中心，预计{days}天内送到',
  '这边已经联系{exp}催件了，有进展第一时间告诉您',
  '物流信息显示已经到{city}了，今天应该能派送',
  '快递单号{tno}，您可以在菜鸟里查看',
  '这两天快递量大，稍微慢一些，已经帮您催了',
  '显示放在快递柜了，您看下手机短信有没有取件码',
  '快递员反馈明天上午派送，请保持电话畅通',
  '已经给快递发了工单，24小时内会有回复',
];

export const AGENT_OTHER_REFUND: readonly string[] = [
  '可以的，订单还没发货，您直接申请退款就行，我这边马上同意',
  '好的，已经帮您拦截了，退款同意后原路退回',
  '七天无理由的，您寄回来我们收到就处理',
  '拍错了没关系，申请退款后重新拍就行',
];

export const AGENT_EXCHANGE: readonly string[] = [
  '可以换的，您寄回后我们给您换成{spec2}的',
  '没拆封的话可以换，运费我们出一半',
  '可以的，换货单我帮您提交了',
];

export const AGENT_INVOICE_AFTER: readonly string[] = [
  '发票已经帮您补开了，会发到您的邮箱',
  '确认收货后系统会自动开具，我帮您催一下财务',
  '抬头和税号发我一下，今天给您开出来',
];

export const AGENT_TRANSFER: readonly string[] = [
  '售后问题这边帮您转接给售后同事处理哦，请稍等',
  '这个问题我转给专门的同事跟进，马上回复您',
  '帮您转接到{group}，他们处理更快一些',
  '我这边转给主管处理，请稍等一下',
];

/** Order-number look-alikes: long numbers that are not phone numbers. */
export const AGENT_ORDER_NUMBER: readonly string[] = [
  '您的订单号是{oid}，已经给您备注了',
  '查到了，订单{oid}，今天下午发出',
  '快递单号是{tno}，{exp}的，可以在订单详情里查看',
];

export const HELLO_BY_HOUR = (hour: number): string =>
  hour < 11 ? '早上好' : hour < 13 ? '中午好' : hour < 18 ? '下午好' : '晚上好';
