import { dayAndTime, formatDate, formatDateTime } from '../../shared/dates';
import type { Amendment, MinutesContent } from '../../shared/domain/minutes';
import { choiceLabels, voterLabel } from '../../shared/domain/vote';
import type { FontFiles } from './font-files';
import { RecordDocument, type RecordOutput, type RecordSeal } from './pdf-document';

export type MinutesRecordInput = {
  content: MinutesContent;
  amendments: Amendment[];
  finalized: { at: string; by: string };
  header: string;
  /** The unit under whose name and seal the minutes are issued: 东湖社区居民委员会. */
  issuer: string;
};

const decisionLabels = { adopted: '通过', not_adopted: '未通过', none: '' } as const;

/**
 * 会议纪要 as the sub-district files it: fixed sections, the secretary's text, the 落款 with the host's and the
 * recorder's signature lines and the seal's place, any amendments, then the annexes a reviewer checks it against
 * (the attendance list, every roll call and owners' vote line by line).
 */
export function minutesPdf(
  input: MinutesRecordInput,
  fonts: FontFiles,
  seal?: RecordSeal,
  output?: RecordOutput,
): Promise<Buffer> {
  const { content } = input;
  const pdf = new RecordDocument(fonts, { title: content.header.title, author: content.header.community }, output);
  const heading = (text: string) => pdf.keep(60).space(0.6).text(text, { size: 14, bold: true }).space(0.2);
  const field = (label: string, value: string | undefined) => {
    if (value?.trim()) pdf.text(`${label}：${value}`, { size: 11.5 });
  };
  const paragraph = (label: string, value: string | undefined) => {
    if (!value?.trim()) return;
    pdf.keep(40).text(`${label}：`, { size: 11.5, bold: true });
    for (const line of value.split('\n')) pdf.text(line, { size: 11.5, indent: 23 });
  };

  pdf.text(input.header, { size: 10, color: '#667085', align: 'center' }).rule();
  pdf.space(0.4).text(content.header.title, { size: 20, bold: true, align: 'center' }).space(0.8);

  heading('一、会议基本情况');
  const h = content.header;
  field('会议名称', h.title.replace(/会议纪要$/, ''));
  field('会议类型', [h.kind, h.pavilion].filter(Boolean).join(' · '));
  field(h.planned ? '实际时间' : '会议时间', dayAndTime(h.date, h.time));
  field('计划时间', h.planned);
  field('会议地点', h.place);
  field('主持人', h.host);
  field('记录人', h.recorder);

  heading('二、出席情况');
  const a = content.attendance;
  paragraph('出席概况', a.summary);
  paragraph('出席居民', a.present);
  paragraph('列席人员', a.guests);
  paragraph('书面委托', a.proxies);
  if (a.left && a.left !== '无') paragraph('中途离场', a.left);
  paragraph('缺席人员', a.absent);
  paragraph('法定人数', a.quorum);

  heading('三、议题与议定事项');
  for (const item of content.items) {
    const verdict = item.decision ? decisionLabels[item.decision] : '';
    pdf
      .keep(60)
      .space(0.3)
      .text(`${item.number}. ${item.title}${verdict ? `（${verdict}）` : ''}`, { size: 12.5, bold: true });
    field('汇报人', item.presenter);
    paragraph('讨论情况', item.discussion);
    paragraph('表决情况', item.vote);
    paragraph('议定事项', item.resolution);
    field('责任方', item.owner);
    field('完成时限', item.deadline && formatDate(item.deadline));
  }

  heading('四、后续事项');
  paragraph('落实安排', content.closing.followUps);
  paragraph('其他', content.closing.other);

  const annex = content.annex;
  const annexTitles = annex
    ? [
        '出席名单',
        ...annex.votes.map(
          (v) => `${v.method === 'owners' ? '业主表决明细' : '记名表决名单'}：${v.question.replace(/[？?。]+$/, '')}`,
        ),
      ]
    : [];
  const finalized = `本纪要于 ${formatDateTime(input.finalized.at)} 由 ${input.finalized.by} 定稿。`;
  // The annex list, the 落款 and the signature lines stay together on one page (never a 落款 page of its own).
  pdf.space(0.6).closing(
    [
      // 附件说明 as 公文 set it: "附件：1. …" with each further annex under the first.
      ...annexTitles.map((t, i) => ({ text: `${i ? '' : '附件：'}${i + 1}. ${t}`, size: 11.5, indent: i ? 34.5 : 0 })),
      { text: finalized, size: 10.5, color: '#475467' },
    ],
    {
      signers: ['主持人', '记录人'],
      representatives: content.signing?.representatives ?? 0,
      issuer: input.issuer,
      date: formatDate(input.finalized.at),
    },
    // With no amendment and no annex the verification block comes next: keep it here too.
    input.amendments.length || annexTitles.length ? undefined : seal,
  );

  if (input.amendments.length) {
    heading('修正记录');
    input.amendments.forEach((m, i) => {
      const lastBlock = i === input.amendments.length - 1 && !annex && seal;
      const title = `修正 ${i + 1}（${formatDateTime(m.createdAt)}，${m.author}）· ${m.section}`;
      pdf
        .keep(
          lastBlock
            ? pdf.heightOf(title, { size: 11.5, bold: true }) +
                pdf.heightOf(m.text, { size: 11.5, indent: 23 }) +
                pdf.heightOf(m.reason, { size: 10.5, indent: 23 }) +
                pdf.verificationHeight(seal)
            : 60,
        )
        .text(title, { size: 11.5, bold: true });
      for (const line of m.text.split('\n')) pdf.text(line, { size: 11.5, indent: 23 });
      pdf.text(`修正理由：${m.reason}`, { size: 10.5, color: '#475467', indent: 23 });
    });
  }

  if (annex) {
    const last = annex.votes.length;
    const tail = (i: number) => (i === last && seal ? pdf.verificationHeight(seal) : 0);
    const annexHeading = (n: number, title: string) => {
      pdf.doc.addPage();
      pdf.text(`附件${n}`, { size: 12, bold: true }).text(title, { size: 15, bold: true, align: 'center' }).space(0.4);
    };
    annexHeading(1, annexTitles[0]!);
    pdf.text(content.attendance.summary, { size: 10.5 }).space(0.3);
    pdf.table(
      [
        { title: '序号', width: 30 },
        { title: '姓名', width: 62 },
        { title: '房号 / 单位', width: 86 },
        { title: '身份', width: 62 },
        { title: '签到', width: 38 },
        { title: '离场', width: 38 },
        { title: '备注', width: 130 },
      ],
      annex.attendance.map((p, i) => [
        String(i + 1),
        p.name,
        p.address,
        p.kind === 'proxy' ? '委托' : p.role,
        p.checkedIn,
        p.left,
        p.note,
      ]),
      { size: 9.5, tail: tail(0) },
    );
    annex.votes.forEach((vote, n) => {
      annexHeading(n + 2, annexTitles[n + 1]!);
      pdf.text(`表决结果：${vote.result}`, { size: 10.5 }).space(0.3);
      const owners = vote.method === 'owners';
      pdf.table(
        [
          { title: '序号', width: 30 },
          { title: owners ? '表决人' : '姓名', width: 150 },
          { title: '房号', width: 70 },
          ...(owners ? [{ title: '专有面积（㎡）', width: 70 }] : []),
          { title: '表决意见', width: 56 },
        ],
        vote.lines.map((line, i) => [
          String(i + 1),
          voterLabel(line),
          line.address,
          ...(owners ? [String(line.area ?? '')] : []),
          choiceLabels[line.choice]['zh-CN'],
        ]),
        { size: 9.5, tail: tail(n + 1) },
      );
    });
  }
  return pdf.finish(seal);
}
