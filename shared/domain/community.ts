import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).default('');

export const CommunityProfileInput = z.strictObject({
  name: text(60),
  subDistrict: text(60),
  district: text(60),
  pavilionName: text(60),
  pavilionPlace: text(120),
  /** 联系人 and 电话 printed on notices and 公示 (an office line, not a resident's). */
  contactName: optional(40),
  contactPhone: z
    .string()
    .trim()
    .max(30)
    .regex(/^[\d\s()+\-—转]*$/)
    .default(''),
  /** Where a 公示 is posted: "小区公示栏、议事亭微信群". */
  noticeBoard: optional(120),
});
export type CommunityProfileInput = z.infer<typeof CommunityProfileInput>;

export type Community = CommunityProfileInput & { kind: ProfileKind; updatedAt: string };

export const profileKinds = ['community', 'sub_district'] as const;
export type ProfileKind = (typeof profileKinds)[number];

/** A sub-district office collecting its communities' records: its name and district, no pavilion. */
export const SubDistrictProfileInput = z.strictObject({ name: text(60), district: text(60) });

/** The full submitting unit, as every report names it: 平湖市当湖街道东湖社区居民委员会. */
export const unitName = (c: Pick<CommunityProfileInput, 'name' | 'subDistrict' | 'district'>) =>
  `${c.district}${c.subDistrict}${c.name}居民委员会`;

/** "联系人：周敏，电话：0573-85123456" (or whichever of the two is known; '' when neither). */
export const contactLine = (c: Pick<CommunityProfileInput, 'contactName' | 'contactPhone'>) =>
  [c.contactName && `联系人：${c.contactName}`, c.contactPhone && `电话：${c.contactPhone}`].filter(Boolean).join('，');
