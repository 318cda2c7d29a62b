// Demo merchants for trying the console, and synthetic ones in bulk (`--merchants 10000`) for the large case.
// Only merchant records: authorizations come from merchants authorizing in Alipay (or the sandbox), never from here.
import crypto from 'node:crypto';
import type { Db } from '@/db';
import type { NewMerchant } from '@/db/schema';
import { insertMerchantRows, takenNamesAndMobiles } from '@/lib/merchants/data';
import { INDUSTRIES, type Industry } from '@/lib/merchants/vocabulary';

export const DEMO_MERCHANTS: Omit<NewMerchant, 'id'>[] = [
  { name: '杭州花美花艺有限公司', contactName: '王花美', mobile: '13957100001', email: 'huamei@example.com', industry: 'retail', address: '杭州市西湖区文三路 90 号', remarks: '鲜花绿植门店 3 家，计划上线同城配送' },
  { name: '老王餐饮管理有限公司', contactName: '王建国', mobile: '13957100002', email: 'laowang@example.com', industry: 'catering', address: '杭州市拱墅区湖墅南路 186 号', remarks: '面馆与烧烤两个品牌，各有一个小程序' },
  { name: '宁波甬上鲜生鲜超市', contactName: '陈晓丽', mobile: '13857400003', email: null, industry: 'retail', address: '宁波市鄞州区天童南路 588 号', remarks: null },
  { name: '苏州拾光咖啡', contactName: '顾一鸣', mobile: '13962100004', email: 'hi@shiguang.example.com', industry: 'catering', address: '苏州市姑苏区平江路 66 号', remarks: '需要会员积分与外卖点单' },
  { name: '成都小熊洗衣连锁', contactName: '刘小熊', mobile: '18980000005', email: null, industry: 'life', address: '成都市武侯区人民南路四段 12 号', remarks: '上门取送' },
  { name: '上海悦颜美业', contactName: '张悦', mobile: '13601800006', email: 'yueyan@example.com', industry: 'beauty', address: '上海市静安区南京西路 1266 号', remarks: null },
  { name: '北京启明星教育', contactName: '赵启明', mobile: '13701000007', email: 'qmx@example.com', industry: 'education', address: '北京市海淀区中关村大街 27 号', remarks: '少儿编程课程预约' },
  { name: '广州仁心大药房', contactName: '黄仁心', mobile: '13802000008', email: null, industry: 'health', address: '广州市越秀区北京路 201 号', remarks: '药品零售需资质' },
  { name: '厦门海风民宿', contactName: '林海风', mobile: '15960200009', email: 'haifeng@example.com', industry: 'travel', address: '厦门市思明区曾厝垵 38 号', remarks: null },
  { name: '深圳速驰汽车服务', contactName: '周驰', mobile: '13510000010', email: null, industry: 'auto', address: '深圳市南山区科技园南区 9 栋', remarks: '洗车与保养预约' },
  { name: '武汉楚味热干面', contactName: '吴楚', mobile: '13871000011', email: null, industry: 'catering', address: '武汉市江汉区江汉路 100 号', remarks: null },
  { name: '杭州码上工具科技', contactName: '钱码上', mobile: '18667100012', email: 'tools@example.com', industry: 'tools', address: '杭州市滨江区网商路 699 号', remarks: '效率工具类小程序' },
];

const CITIES = ['杭州', '宁波', '温州', '苏州', '南京', '上海', '北京', '广州', '深圳', '成都', '重庆', '武汉', '长沙', '西安', '青岛', '厦门', '合肥', '福州', '昆明', '天津'];
const BRAND_A = ['花', '禾', '悦', '青', '云', '星', '木', '安', '乐', '福', '金', '锦', '鑫', '嘉', '润', '博', '明', '宏', '恒', '和', '泰', '川', '山', '海', '晨', '曦', '知', '味', '优', '美'];
const BRAND_B = ['美', '田', '颜', '禾', '朵', '光', '森', '心', '家', '满', '盛', '绣', '源', '禧', '丰', '雅', '德', '远', '信', '谷', '麦', '果', '鲜', '轩', '居', '堂', '坊', '记', '舍', '园'];
const KINDS: Record<Industry, string[]> = {
  catering: ['餐饮管理有限公司', '面馆', '咖啡', '茶饮', '烘焙坊', '火锅'],
  retail: ['便利店', '鲜花店', '百货商行', '生鲜超市', '服饰'],
  life: ['家政服务', '洗衣连锁', '开锁服务部', '维修中心'],
  beauty: ['美业', '美发沙龙', '美甲工作室'],
  education: ['教育科技', '培训学校', '艺术中心'],
  health: ['大药房', '健康管理', '诊所'],
  travel: ['民宿', '酒店管理', '旅行社'],
  auto: ['汽车服务', '洗车行', '汽修厂'],
  tools: ['信息科技', '软件工作室'],
  other: ['商贸有限公司', '文化传媒'],
};
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '华', '平'];

const pick = <T>(list: readonly T[]) => list[crypto.randomInt(list.length)];

export interface SeedResult {
  demo: number;
  generated: number;
}

/** Adds the demo merchants that are missing, then `extra` synthetic ones; never touches existing merchants. */
export function seedMerchants(db: Db, extra = 0, now: Date = new Date()): SeedResult {
  const taken = takenNamesAndMobiles(db);
  const free = (m: { name: string; mobile: string }) => !taken.names.has(m.name.toLowerCase()) && !taken.mobiles.has(m.mobile);
  const claim = (m: { name: string; mobile: string }) => {
    taken.names.add(m.name.toLowerCase());
    taken.mobiles.add(m.mobile);
  };
  const demoRows: NewMerchant[] = [];
  DEMO_MERCHANTS.forEach((m, i) => {
    if (!free(m)) return;
    claim(m);
    const at = new Date(now.getTime() - (DEMO_MERCHANTS.length - i) * 3_600_000);
    demoRows.push({ ...m, createdAt: at, updatedAt: at });
  });
  insertMerchantRows(db, demoRows);
  const demo = demoRows.length;

  let generated = 0;
  const BATCH = 1000;
  while (generated < extra) {
    const rows: NewMerchant[] = [];
    for (let tries = 0; rows.length < Math.min(BATCH, extra - generated) && tries < BATCH * 20; tries++) {
      const industry = pick(INDUSTRIES);
      const name = `${pick(CITIES)}${pick(BRAND_A)}${pick(BRAND_B)}${pick(BRAND_B)}${pick(KINDS[industry])}`;
      const mobile = `1${pick(['3', '5', '8'])}${crypto.randomInt(0, 1e9).toString().padStart(9, '0')}`;
      if (!free({ name, mobile })) continue;
      claim({ name, mobile });
      const at = new Date(now.getTime() - crypto.randomInt(0, 365 * 86_400) * 1000);
      rows.push({ name, mobile, industry, contactName: `${pick(SURNAMES)}${pick(GIVEN)}`, address: `${name.slice(0, 2)}市${pick(['中山路', '解放路', '人民路', '建设路', '新华路'])} ${crypto.randomInt(1, 999)} 号`, createdAt: at, updatedAt: at });
    }
    if (!rows.length) break;
    insertMerchantRows(db, rows);
    generated += rows.length;
  }
  return { demo, generated };
}
