// The demo shop's catalogue and the word stock used to fill phrase slots: products with specs and prices,
// cities, buyer nick parts and agent flower-names (花名). All invented; no real brand names.

export const SHOP_ID = 'xiyu-demo';
export const SHOP_NAME = '西域果园旗舰店';
export const SHOP_SHORT = '西域果园';

export interface Product {
  name: string;
  /** Shorter names buyers use. */
  alias: readonly string[];
  specs: readonly { spec: string; priceFen: number }[];
  /** A few facts the agents quote. */
  shelf: string;
  taste: readonly string[];
  origin: string;
}

export const PRODUCTS: readonly Product[] = [
  {
    name: '和田大枣',
    alias: ['和田枣', '大枣', '骏枣', '和田骏枣'],
    specs: [
      { spec: '500g袋装', priceFen: 3990 },
      { spec: '1kg袋装', priceFen: 6990 },
      { spec: '2.5kg家庭装', priceFen: 15900 },
    ],
    shelf: '12个月',
    taste: ['肉厚核小', '甜度适中，有嚼劲', '个头大，皮薄'],
    origin: '新疆和田',
  },
  {
    name: '若羌灰枣',
    alias: ['灰枣', '若羌枣', '小灰枣'],
    specs: [
      { spec: '500g', priceFen: 2990 },
      { spec: '1kg', priceFen: 5280 },
      { spec: '1.5kg箱装', priceFen: 7680 },
    ],
    shelf: '12个月',
    taste: ['个头小但很甜', '肉质细腻', '甜而不腻'],
    origin: '新疆若羌',
  },
  {
    name: '新疆核桃',
    alias: ['核桃', '纸皮核桃', '薄皮核桃'],
    specs: [
      { spec: '500g', priceFen: 2690 },
      { spec: '2斤装', priceFen: 4990 },
      { spec: '5斤箱装', priceFen: 11800 },
    ],
    shelf: '10个月',
    taste: ['皮薄手捏就开', '仁饱满，香', '不涩口'],
    origin: '新疆阿克苏',
  },
  {
    name: '巴旦木',
    alias: ['巴旦木', '扁桃仁', '巴旦'],
    specs: [
      { spec: '250g', priceFen: 3290 },
      { spec: '500g', priceFen: 5900 },
    ],
    shelf: '9个月',
    taste: ['奶香味', '脆脆的', '开口好剥'],
    origin: '新疆喀什',
  },
  {
    name: '碧根果',
    alias: ['碧根果', '长寿果'],
    specs: [
      { spec: '250g', priceFen: 3590 },
      { spec: '500g', priceFen: 6590 },
    ],
    shelf: '9个月',
    taste: ['奶油味', '香脆', '带剥壳器，好剥'],
    origin: '云南',
  },
  {
    name: '吐鲁番葡萄干',
    alias: ['葡萄干', '绿葡萄干', '提子干'],
    specs: [
      { spec: '500g', priceFen: 2490 },
      { spec: '1kg', priceFen: 4590 },
    ],
    shelf: '12个月',
    taste: ['酸甜', '颗粒饱满', '没有沙子，洗过的'],
    origin: '新疆吐鲁番',
  },
  {
    name: '黑加仑葡萄干',
    alias: ['黑加仑', '黑葡萄干'],
    specs: [
      { spec: '250g', priceFen: 1990 },
      { spec: '500g', priceFen: 3490 },
    ],
    shelf: '12个月',
    taste: ['偏酸甜', '小颗的', '适合做烘焙'],
    origin: '新疆吐鲁番',
  },
  {
    name: '无花果干',
    alias: ['无花果', '无花果干'],
    specs: [
      { spec: '250g', priceFen: 2990 },
      { spec: '500g', priceFen: 5290 },
    ],
    shelf: '9个月',
    taste: ['软糯', '有籽粒感', '自然甜'],
    origin: '新疆阿图什',
  },
  {
    name: '小白杏干',
    alias: ['杏干', '白杏干', '杏肉'],
    specs: [
      { spec: '300g', priceFen: 2790 },
      { spec: '600g', priceFen: 4990 },
    ],
    shelf: '10个月',
    taste: ['酸酸甜甜', '带核的，肉厚', '软硬适中'],
    origin: '新疆库车',
  },
  {
    name: '混合坚果礼盒',
    alias: ['坚果礼盒', '每日坚果', '坚果大礼包'],
    specs: [
      { spec: '30袋装', priceFen: 12900 },
      { spec: '6罐礼盒', priceFen: 16900 },
    ],
    shelf: '8个月',
    taste: ['每袋六种搭配', '小包装方便带', '孩子也爱吃'],
    origin: '多产地拼配',
  },
  {
    name: '宁夏枸杞',
    alias: ['枸杞', '红枸杞'],
    specs: [
      { spec: '250g', priceFen: 3500 },
      { spec: '500g', priceFen: 6500 },
    ],
    shelf: '18个月',
    taste: ['泡水不掉色', '颗粒均匀', '甜口'],
    origin: '宁夏中宁',
  },
  {
    name: '巴旦木奶枣',
    alias: ['奶枣', '巴旦木夹心枣'],
    specs: [
      { spec: '258g', priceFen: 3990 },
      { spec: '500g', priceFen: 6990 },
    ],
    shelf: '6个月',
    taste: ['奶香浓', '外面脆里面软', '有点粘牙'],
    origin: '新疆',
  },
  {
    name: '红枣夹核桃',
    alias: ['枣夹核桃', '夹心枣'],
    specs: [
      { spec: '400g', priceFen: 4590 },
      { spec: '800g礼盒', priceFen: 8990 },
    ],
    shelf: '6个月',
    taste: ['枣甜核桃香', '一口一个', '不腻'],
    origin: '新疆',
  },
  {
    name: '开心果',
    alias: ['开心果', '原色开心果'],
    specs: [
      { spec: '250g', priceFen: 4290 },
      { spec: '500g', priceFen: 7990 },
    ],
    shelf: '9个月',
    taste: ['自然开口', '原味不漂白', '微咸'],
    origin: '新疆',
  },
  {
    name: '夏威夷果',
    alias: ['夏威夷果', '澳洲坚果'],
    specs: [
      { spec: '250g', priceFen: 3690 },
      { spec: '500g', priceFen: 6590 },
    ],
    shelf: '9个月',
    taste: ['奶油香', '送开口器', '果仁大'],
    origin: '云南',
  },
  {
    name: '西梅干',
    alias: ['西梅', '西梅干'],
    specs: [
      { spec: '250g', priceFen: 2690 },
      { spec: '500g', priceFen: 4690 },
    ],
    shelf: '12个月',
    taste: ['酸甜软糯', '带核', '肉多'],
    origin: '新疆伽师',
  },
  {
    name: '蔓越莓干',
    alias: ['蔓越莓', '蔓越莓干'],
    specs: [
      { spec: '200g', priceFen: 1990 },
      { spec: '500g', priceFen: 3990 },
    ],
    shelf: '12个月',
    taste: ['酸甜', '可以做饼干', '切片的'],
    origin: '进口原料分装',
  },
  {
    name: '新疆年货礼盒',
    alias: ['年货礼盒', '特产礼盒', '大礼包'],
    specs: [
      { spec: '8种组合', priceFen: 29900 },
      { spec: '12种组合', priceFen: 39900 },
    ],
    shelf: '8个月',
    taste: ['枣、坚果、果干都有', '送长辈体面', '分量足'],
    origin: '新疆',
  },
];

export const CITIES: readonly string[] = [
  '北京',
  '上海',
  '广州',
  '深圳',
  '杭州',
  '南京',
  '苏州',
  '成都',
  '重庆',
  '武汉',
  '西安',
  '郑州',
  '长沙',
  '合肥',
  '济南',
  '青岛',
  '沈阳',
  '大连',
  '哈尔滨',
  '长春',
  '天津',
  '石家庄',
  '太原',
  '南昌',
  '福州',
  '厦门',
  '南宁',
  '昆明',
  '贵阳',
  '兰州',
  '乌鲁木齐',
  '呼和浩特',
  '海口',
  '宁波',
  '温州',
  '无锡',
  '佛山',
  '东莞',
  '烟台',
  '洛阳',
];

export const EXPRESS: readonly string[] = ['中通', '圆通', '韵达', '申通', '顺丰', '极兔', '邮政'];

/** Agent flower-names (花名). */
export const AGENT_NAMES: readonly string[] = [
  '小禾', '阿枣', '糖糖', '七七', '小满', '果果', '小杏', '木木', '桃子', '小麦',
  '豆豆', '米粒', '阿蛮', '小雨', '星星', '橙子', '柚子', '小鹿', '安安', '乐乐',
  '小北', '一一', '暖暖', '初夏', '青青', '小葵', '朵朵', '萌萌', '阿紫', '芒果',
  '榛榛', '栗子', '小雪', '晴天', '小九', '甜甜', '妞妞', '花花', '小鱼', '可可',
  '西西', '布丁', '奶茶', '元宝', '小白', '阿宁', '小悠', '静静', '文文', '媛媛',
  '小艾', '圆圆', '小玉', '晓晓', '小樱', '秋秋', '念念', '阿月', '小梨', '小溪',
  '清清', '若若', '小晨', '阿杰', '大宇', '小凯', '阿峰', '阿斌', '小航', '三三',
  '悠悠', '小桃', '阿喜', '笑笑', '小苗', '珊珊', '蓝莓', '小丸子', '阿诺', '小叶',
];

export const BUYER_NICK_HEADS: readonly string[] = [
  '快乐的小枣子', '吃货一枚', '阳光小宇', '糖糖爱吃枣', '梦里花落', '简单生活', '晴天娃娃', '老王家的',
  '一只小胖猫', '杭州小姐姐', '北漂的鱼', '爱吃坚果的兔', '微笑的风', '青柠檬', '海边的猫', '木子李',
  '陈小姐', '张先生', '刘阿姨', '天天向上', '小太阳', '月亮湾', '蓝色天空', '奶茶不加糖', '西瓜太郎',
  '程序员老张', '宝妈', '养生达人', '健身的猪', '安静的美男子', 'jessica', 'lucky_cat', 'momo', 'tina',
  'sunny', 'kevin', 'amy', 'coco', 'xiaoyu', 'zhangwei', 'lily', 'tb', 't_', 'happy', 'summer',
];
