import { random } from './random';

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解区仇';
const given =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志宏海燕文斌堃喆赟昇婷雪琳晨浩宇轩梓涵欣怡子豪俊博';
const tags = ['党员', '楼组长', '居民代表', '业委会成员', '志愿者/幸福合伙人', ''];

/** A roster CSV as a large community's would look: `count` residents in 60 buildings. */
export function rosterCsv(count: number, seed = 7): string {
  const next = random(seed);
  const pick = (text: string) => [...text][Math.floor(next() * [...text].length)]!;
  const lines = ['姓名,性别,楼栋,单元,房号,手机,身份'];
  for (let i = 0; i < count; i += 1) {
    const name = pick(surnames) + pick(given) + (next() < 0.6 ? pick(given) : '');
    // Every person in a flat of their own: 60 buildings × 4 units × up to 21 floors × 4 flats.
    const building = 1 + (i % 60);
    const unit = 1 + (Math.floor(i / 60) % 4);
    const flat = Math.floor(i / 240);
    const room = `${1 + Math.floor(flat / 4)}0${1 + (flat % 4)}`;
    const phone = `13${String(Math.floor(next() * 1e9)).padStart(9, '0')}`;
    lines.push(
      [name, next() < 0.5 ? '男' : '女', building, unit, room, phone, tags[Math.floor(next() * tags.length)]].join(','),
    );
  }
  return lines.join('\r\n');
}

/** What a secretary types, one keystroke at a time: initials, pinyin, names, rooms. */
export function keystrokes(): string[] {
  const words = [
    'zs',
    'wang',
    'wangwei',
    'lj',
    'zhangfang',
    '刘',
    '陈静',
    '301',
    '1502',
    'shan',
    'yang',
    'lhy',
    '堃',
    'xie',
  ];
  return words.flatMap((word) => [...word].map((_, i) => [...word].slice(0, i + 1).join('')));
}
