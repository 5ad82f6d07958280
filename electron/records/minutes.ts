import type { Amendment, MinutesContent } from '../../shared/domain/minutes';
import { localStamp } from '../../shared/minutes-draft';
import type { FontFiles } from './font-files';
import { RecordDocument, type RecordSeal } from './pdf-document';

export type MinutesRecordInput = {
  content: MinutesContent;
  amendments: Amendment[];
  finalized: { at: string; by: string };
  header: string;
};

/** 会议纪要 as the sub-district files it: fixed sections, the secretary's text, then any amendments. */
export function minutesPdf(input: MinutesRecordInput, fonts: FontFiles, seal?: RecordSeal): Promise<Buffer> {
  const { content } = input;
  const pdf = new RecordDocument(fonts, { title: content.header.title, author: content.header.community });
  const heading = (text: string) => pdf.space(0.6).text(text, { size: 14, bold: true }).space(0.2);
  const field = (label: string, value: string) => {
    if (value.trim()) pdf.text(`${label}：${value}`, { size: 11.5 });
  };
  const paragraph = (label: string, value: string) => {
    if (!value.trim()) return;
    pdf.text(`${label}：`, { size: 11.5, bold: true });
    for (const line of value.split('\n')) pdf.text(line, { size: 11.5, indent: 23 });
  };

  pdf.text(input.header, { size: 10, color: '#667085', align: 'center' }).rule();
  pdf.space(0.4).text(content.header.title, { size: 20, bold: true, align: 'center' }).space(0.8);

  heading('一、会议基本情况');
  const h = content.header;
  field('会议名称', h.title.replace(/会议纪要$/, ''));
  field('会议类型', [h.kind, h.pavilion].filter(Boolean).join(' · '));
  field('会议时间', [h.date, h.time].filter(Boolean).join(' '));
  field('会议地点', h.place);
  field('主持人', h.host);
  field('记录人', h.recorder);

  heading('二、出席情况');
  const a = content.attendance;
  paragraph('出席概况', a.summary);
  paragraph('出席居民', a.present);
  paragraph('列席人员', a.guests);
  paragraph('书面委托', a.proxies);
  paragraph('缺席人员', a.absent);
  paragraph('法定人数', a.quorum);

  heading('三、议题与议定事项');
  for (const item of content.items) {
    pdf.space(0.3).text(`${item.number}. ${item.title}`, { size: 12.5, bold: true });
    field('汇报人', item.presenter);
    paragraph('讨论情况', item.discussion);
    paragraph('表决情况', item.vote);
    paragraph('议定事项', item.resolution);
    field('责任方', item.owner);
    field('完成时限', item.deadline);
  }

  heading('四、后续事项');
  paragraph('落实安排', content.closing.followUps);
  paragraph('其他', content.closing.other);

  pdf.space(1).text(`本纪要于 ${localStamp(input.finalized.at)} 由 ${input.finalized.by} 定稿。`, {
    size: 10.5,
    color: '#475467',
  });
  if (input.amendments.length) {
    heading('修正记录');
    input.amendments.forEach((m, i) => {
      pdf.text(`修正 ${i + 1}（${localStamp(m.createdAt)}，${m.author}）· ${m.section}`, { size: 11.5, bold: true });
      for (const line of m.text.split('\n')) pdf.text(line, { size: 11.5, indent: 23 });
      pdf.text(`修正理由：${m.reason}`, { size: 10.5, color: '#475467', indent: 23 });
    });
  }
  return pdf.finish(seal);
}
