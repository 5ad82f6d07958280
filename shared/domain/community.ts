import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const CommunityProfileInput = z.strictObject({
  name: text(60),
  subDistrict: text(60),
  district: text(60),
  pavilionName: text(60),
  pavilionPlace: text(120),
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
