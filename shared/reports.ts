import type { CaseContent } from './domain/case';
import { unitName, type Community } from './domain/community';
import { actionStatusLabels, satisfactionLabels, type ActionItem } from './domain/followup';
import { consultationKindLabels, topicLevelLabels, topicSourceLabels, type TopicDetail } from './domain/topic';
import { formatDate } from './dates';
import type { NoticeContent } from './notice';

/** 结果公示: how the closed resolutions were carried out, for the notice board — residents supervise the result. */
export function resultNotice(input: { items: ActionItem[]; community: Community; issuedOn: string }): NoticeContent {
  const closed = input.items.filter((i) => i.status === 'done' || i.status === 'impossible');
  return {
    header: `${input.community.subDistrict}${input.community.name} · ${input.community.pavilionName}`,
    title: '议定事项落实结果公示',
    salutation: '各位居民：',
    opening: closed.length
      ? `${input.community.pavilionName}议定的以下事项已办理完毕，现将落实结果予以公示，接受居民群众监督。`
      : '目前没有办结的议定事项。',
    sections: [],
    listLabel: '落实结果',
    agenda: closed.map((item, n) => ({
      number: String(n + 1),
      title: `${item.title}：${item.resolution.replace(/\n/g, ' ')}`,
      detail: [
        `${actionStatusLabels[item.status]['zh-CN']}${item.closedOn ? `（${formatDate(item.closedOn)}）` : ''}`,
        item.status === 'impossible' && `原因：${item.reason}`,
        item.owner && `责任方：${item.owner}`,
        item.satisfaction && `居民满意度：${satisfactionLabels[item.satisfaction]['zh-CN']}`,
      ]
        .filter(Boolean)
        .join('，'),
      child: false,
    })),
    closing: '公示期为七天。对落实结果有意见的，请在公示期内向社区居民委员会或监督员反映。',
    issuer: `${input.community.name}居民委员会`,
    issuedOn: input.issuedOn,
  };
}

/** What a topic went through, gathered for its write-up. */
export type CaseHistory = {
  topic: TopicDetail;
  community: Community;
  meetings: { title: string; heldOn: string }[];
  votes: { question: string; outcome: string }[];
  items: ActionItem[];
};

/**
 * 典型案例 drafted from the record: the background (who raised what, where), what was done (consultations,
 * meetings, votes, supervision) and the results (what was carried out, on time or not, how satisfied residents
 * were). A draft: the secretary rewrites it in the sub-district's voice.
 */
export function draftCase(h: CaseHistory): CaseContent {
  const t = h.topic;
  const place = [t.building && `${t.building}号楼`, t.lane].filter(Boolean).join('');
  const background = [
    // The place only when the title does not already say it ("东门停车难" needs no "东门" in front).
    `${formatDate(t.raisedOn)}，${t.raisedBy || '居民'}通过${topicSourceLabels[t.source]['zh-CN']}反映${place && !t.title.includes(place) ? place : ''}“${t.title}”问题。`,
    t.description && (/[。！？.!?]$/.test(t.description) ? t.description : `${t.description}。`),
    `经社区分层分类，该议题属于“${t.category}”类，定为${topicLevelLabels[t.level]['zh-CN']}。`,
  ]
    .filter(Boolean)
    .join('\n');
  const practice = [
    ...t.consultations.map(
      (c) =>
        `${formatDate(c.date)}，社区开展${consultationKindLabels[c.kind]['zh-CN']}${c.households ? `，覆盖${c.households}户居民` : ''}：${c.summary}`,
    ),
    ...h.meetings.map(
      (m) => `${m.heldOn ? `${formatDate(m.heldOn)}，` : ''}召开“${m.title}”，组织居民代表、相关单位共同协商。`,
    ),
    ...h.votes.map((v) => `会议就“${v.question}”进行表决：${v.outcome}。`),
    ...h.items.flatMap((i) => [
      `议定：${i.resolution}${i.owner ? `（责任方：${i.owner}${i.deadline ? `，时限${formatDate(i.deadline)}` : ''}）` : ''}`,
      ...i.progress.map((p) => `${formatDate(p.date)}，${p.note}`),
      ...i.checks.map(
        (c) =>
          `${formatDate(c.date)}，监督员${c.supervisor}督办：${c.findings}${c.rectification ? `；整改意见：${c.rectification}` : ''}`,
      ),
    ]),
  ].join('\n');
  const results = h.items
    .map((i) =>
      [
        `${i.title}：${actionStatusLabels[i.status]['zh-CN']}${i.closedOn ? `（${formatDate(i.closedOn)}）` : ''}`,
        i.status === 'done' && i.deadline && (i.closedOn! <= i.deadline ? '按期完成' : '逾期完成'),
        i.satisfaction && `居民评价“${satisfactionLabels[i.satisfaction]['zh-CN']}”`,
      ]
        .filter(Boolean)
        .join('，'),
    )
    .join('。\n');
  return {
    title: `${h.community.name}：${t.title}`,
    background,
    practice: practice || '（尚无协商与会议记录）',
    results: results ? `${results}。` : '（尚无落实结果）',
    unit: unitName(h.community),
  };
}
