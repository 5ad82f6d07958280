import { z } from 'zod';

/** Role tags the seeds use; a community may add its own (tags are free text, these are offered first). */
export const defaultResidentTags = [
  '党员',
  '楼组长',
  '居民代表',
  '业委会成员',
  '物业',
  '网格员',
  '志愿者/幸福合伙人',
  '社区工作者',
  '共建单位代表',
] as const;

/** The usual tags in English; they are stored (and printed in the records) in Chinese. */
export const residentTagLabels: Record<(typeof defaultResidentTags)[number], { 'zh-CN': string; en: string }> = {
  党员: { 'zh-CN': '党员', en: 'Party member' },
  楼组长: { 'zh-CN': '楼组长', en: 'Building leader' },
  居民代表: { 'zh-CN': '居民代表', en: 'Residents’ representative' },
  业委会成员: { 'zh-CN': '业委会成员', en: 'Owners’ committee member' },
  物业: { 'zh-CN': '物业', en: 'Property management' },
  网格员: { 'zh-CN': '网格员', en: 'Grid worker' },
  '志愿者/幸福合伙人': { 'zh-CN': '志愿者/幸福合伙人', en: 'Volunteer / happiness partner' },
  社区工作者: { 'zh-CN': '社区工作者', en: 'Community worker' },
  共建单位代表: { 'zh-CN': '共建单位代表', en: 'Partner organisation' },
};

export const genders = ['男', '女'] as const;
export type Gender = (typeof genders)[number];

export type Address = { building: string; unit: string; room: string };

/** What the renderer sees: the phone masked, the ID number (if kept at all) masked but for its last 4. */
export type Resident = Address & {
  id: number;
  name: string;
  gender: Gender | null;
  phoneMasked: string;
  idNumberMasked: string | null;
  tags: string[];
  area: number | null;
};

export type ResidentPage = { total: number; items: Resident[] };

const part = z.string().trim().max(20);
const tag = z.string().trim().min(1).max(20);

export const ResidentSaveInput = z.strictObject({
  id: z.number().int().positive().optional(),
  name: z.string().trim().min(1).max(40),
  gender: z.enum(genders).nullable(),
  building: part,
  unit: part,
  room: part,
  /** Absent on edit means "keep the stored number"; an empty string clears it. */
  phone: z.string().trim().max(20).optional(),
  tags: z.array(tag).max(20),
  /** The flat's 专有部分面积 in m², for owners' votes; absent keeps what is stored. */
  area: z.number().positive().max(100_000).nullable().optional(),
});

export const ResidentSearchInput = z.strictObject({
  query: z.string().max(40).default(''),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});

/** "3-2-301": how secretaries write an address; empty parts are left out. */
export function formatAddress({ building, unit, room }: Address): string {
  return [building, unit, room].filter(Boolean).join('-');
}

export function maskPhone(phone: string): string {
  if (!phone) return '';
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** 个人信息保护法: keep no more of an ID number than the last four characters. */
export function maskIdNumber(idNumber: string): string {
  return `${'*'.repeat(Math.max(0, idNumber.length - 4))}${idNumber.slice(-4)}`;
}
