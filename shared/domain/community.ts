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

export type Community = CommunityProfileInput & { updatedAt: string };
