// Word lists behind the pre-audit rules, after Alipay's naming norms and the audit guide's common rejections.

/** Region, product and service words that on their own do not distinguish one business from another. */
export const GENERIC_WORDS = [
  // regions
  '北京', '上海', '天津', '重庆', '广州', '深圳', '杭州', '南京', '苏州', '成都', '武汉', '西安', '长沙', '郑州', '青岛', '厦门',
  '宁波', '合肥', '福州', '济南', '昆明', '本地', '同城', '附近', '城市', '全国', '国内', '中国', '国家', '全球', '省', '市', '区', '县',
  // products
  '鲜花', '花店', '蛋糕', '水果', '生鲜', '蔬菜', '咖啡', '奶茶', '茶饮', '美食', '小吃', '快餐', '外卖', '餐饮', '餐厅', '饭店',
  '火锅', '烧烤', '面馆', '超市', '便利店', '商城', '商店', '百货', '服装', '男装', '女装', '童装', '男鞋', '女鞋', '鞋', '包',
  '珠宝', '手机', '数码', '家电', '家具', '建材', '母婴', '宠物', '图书', '药店', '酒店', '民宿', '汽车', '二手',
  // services and fillers
  '服务', '预定', '预订', '预约', '点餐', '点单', '订餐', '订座', '排队', '开锁', '换锁', '家政', '保洁', '维修', '洗衣', '快递',
  '跑腿', '租车', '停车', '充电', '缴费', '旅游', '美容', '美发', '健身', '培训', '教育', '医疗', '休闲', '生活', '购物', '优选',
  '特卖', '团购', '会员', '积分', '在线', '官方', '平台', '中心', '助手', '小程序', '网', '店', '配送', '上门', '批发', '门店',
];

export const NATIONAL_WORDS = ['全国', '国内', '中国', '国家'];
export const PLATFORM_BRANDS = ['支付宝', '蚂蚁', '阿里'];
export const PLACEHOLDERS = ['测试', 'test', 'todo', 'xxx'];
/** Endorsement or superlative wording that reviewers question without proof. */
export const CLAIM_WORDS = ['官方', '旗舰', '第一', '最佳', '最好', '唯一', '国家级'];

const BY_LENGTH = [...GENERIC_WORDS].sort((a, b) => b.length - a.length);

/** What remains of a name once generic words, digits, spaces and punctuation are removed: its brand. */
export function brandPart(name: string): string {
  let rest = name;
  for (const w of BY_LENGTH) rest = rest.split(w).join('');
  return rest.replace(/[\s\d_\p{P}\p{S}]/gu, '');
}
