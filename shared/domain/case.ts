import { z } from 'zod';
import { TopicId } from './topic';

const section = z.string().max(20_000);

/** 典型案例: the write-up a sub-district asks for. Every section is the secretary's to rewrite. */
export const CaseContent = z.strictObject({
  title: z.string().trim().min(1).max(100),
  background: section,
  practice: section,
  results: section,
  unit: z.string().trim().min(1).max(100),
});
export type CaseContent = z.infer<typeof CaseContent>;

export const caseSections = ['background', 'practice', 'results'] as const;
export const caseSectionTitles = { background: '一、背景', practice: '二、主要做法', results: '三、取得成效' } as const;

export type TypicalCase = { topicId: number; content: CaseContent; updatedAt: string | null };

export const CaseSaveInput = z.strictObject({ topicId: TopicId, content: CaseContent });
export const CaseExportInput = z.strictObject({ topicId: TopicId, format: z.enum(['pdf', 'txt']) });

/** The write-up as plain text, to paste into a report. */
export const caseText = (c: CaseContent) =>
  [c.title, ...caseSections.flatMap((s) => ['', caseSectionTitles[s], c[s]]), '', `报送单位：${c.unit}`].join('\n');
