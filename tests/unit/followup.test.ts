import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreWithCommunity, refusal, send, tempDir } from './helpers';
import { finalizedWithIdentity } from './meetings';

const pdfText = (data: string) => {
  const file = path.join(tempDir(), 'record.pdf');
  fs.writeFileSync(file, Buffer.from(data, 'base64'));
  return {
    text: spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ''),
    sig: spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout,
  };
};

describe('follow-up (落实跟踪)', () => {
  it('turns each resolution of finalized minutes into an item with the owner and deadline the minutes gave', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const items = await send(core, 'followup:list', {});
    expect(items.map((i) => [i.title, i.owner, i.deadline, i.status])).toEqual([
      ['电动车充电桩选址', '物业公司', '2026-12-31', 'pending'],
      ['楼道堆物清理', '', null, 'pending'],
    ]);
    expect(items[0]).toMatchObject({ meetingId: meeting.id, meetingTitle: '11月幸福议事会', overdue: false });
    expect(items[1]!.resolution).toContain('本周六由楼组长组织集中清理楼道堆物');
  }, 60_000);

  it('makes a failed vote 未通过 in the minutes and nothing else: no task, no 公示 line', async () => {
    const core = await coreWithCommunity();
    const person = await send(core, 'resident:save', {
      name: '王建平',
      gender: null,
      building: '1',
      unit: '1',
      room: '101',
      tags: [],
      area: 90,
    });
    const meeting = await send(core, 'meeting:create', { title: '议事会' });
    for (const title of ['情况通报', '东门划线停车', '增设快递柜']) {
      await send(core, 'agenda:add', { meetingId: meeting.id, kind: 'custom', title, plannedMinutes: 10 });
    }
    const agenda = await send(core, 'agenda:list', { id: meeting.id });
    await send(core, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
    await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: person.id });
    const hands = (forVotes: number) => ({
      method: 'hands' as const,
      counts: { for: forVotes, against: 1 - forVotes, abstain: 0, invalid: 0 },
    });
    await send(core, 'vote:record', {
      agendaItemId: agenda[1]!.id,
      rule: 'simple_majority',
      question: '是否同意东门划线停车？',
      ballots: hands(0),
    });
    await send(core, 'vote:record', {
      agendaItemId: agenda[2]!.id,
      rule: 'simple_majority',
      question: '是否同意增设快递柜？',
      ballots: hands(1),
    });
    await send(core, 'meeting:setStatus', { id: meeting.id, status: 'closed' });
    const { content } = await send(core, 'minutes:get', { id: meeting.id });
    expect(content.items.map((i) => i.decision)).toEqual(['none', 'not_adopted', 'adopted']);
    // A responsible party belongs only to a resolution.
    const misplaced = structuredClone(content);
    misplaced.items[1]!.owner = '物业公司';
    expect(await refusal(core, 'minutes:save', { id: meeting.id, content: misplaced })).toMatchObject({
      code: 'minutes_not_resolution',
    });
    await send(core, 'minutes:finalize', { id: meeting.id, by: '周敏' });
    const items = await send(core, 'followup:list', {});
    expect(items.map((i) => i.title)).toEqual(['增设快递柜']);
    await send(core, 'identity:create', { passphrase: 'correct horse 1' });
    const notice = await send(core, 'record:export', { id: meeting.id, kind: 'resolutions', format: 'pdf' });
    const { text } = pdfText(notice.data);
    expect(text).toContain('1.增设快递柜：同意增设快递柜。');
    expect(text).not.toContain('东门划线停车');
    const minutes = pdfText(
      (await send(core, 'record:export', { id: meeting.id, kind: 'minutes', format: 'pdf' })).data,
    );
    expect(minutes.text).toContain('赞成0，反对1，弃权0；有效票1票，未通过');
  }, 60_000);

  it('moves an item along, asks why it cannot be done, and records satisfaction only once it is done', async () => {
    const { core } = await finalizedWithIdentity();
    const [first, second] = await send(core, 'followup:list', {});
    const base = { id: first!.id, owner: '物业公司', deadline: '2026-12-31' };

    expect(await refusal(core, 'followup:update', { ...base, status: 'impossible', reason: '' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('无法落实的原因'),
    });
    expect(
      await refusal(core, 'followup:update', { ...base, status: 'in_progress', satisfaction: 'satisfied' }),
    ).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('办结后') });

    await send(core, 'followup:update', { ...base, status: 'in_progress' });
    await send(core, 'followup:addProgress', { id: first!.id, date: '2026-12-10', note: '物业已完成选址勘察' });
    const supervisors = await send(core, 'supervisor:save', { name: '钱监督', phone: '13812340037' });
    // The screen sees a supervisor's phone as it sees a resident's: last 4 digits only.
    expect(supervisors).toEqual([{ id: expect.any(Number), name: '钱监督', phoneMasked: '138****0037', active: true }]);
    expect(JSON.stringify(await send(core, 'supervisor:list', {}))).not.toContain('13812340037');
    // Saving again without a phone keeps the stored number.
    await send(core, 'supervisor:save', { id: supervisors[0]!.id, name: '钱监督', active: true });
    expect((await send(core, 'supervisor:list', {}))[0]).toMatchObject({
      name: '钱监督',
      phoneMasked: '138****0037',
    });
    await send(core, 'followup:addCheck', {
      id: first!.id,
      supervisorId: supervisors[0]!.id,
      date: '2026-12-15',
      findings: '充电桩已安装，但未设防雨棚',
      rectification: '一周内加装防雨棚',
    });
    const done = await send(core, 'followup:update', { ...base, status: 'done', satisfaction: 'basically' });
    expect(done).toMatchObject({
      status: 'done',
      satisfaction: 'basically',
      closedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      progress: [{ date: '2026-12-10', note: '物业已完成选址勘察' }],
      checks: [{ supervisor: '钱监督', findings: '充电桩已安装，但未设防雨棚', rectification: '一周内加装防雨棚' }],
    });
    const impossible = await send(core, 'followup:update', {
      id: second!.id,
      owner: '社区',
      deadline: null,
      status: 'impossible',
      reason: '楼道产权存在争议',
    });
    expect(impossible).toMatchObject({ status: 'impossible', reason: '楼道产权存在争议' });
    // Reopening clears the closing date.
    const reopened = await send(core, 'followup:update', { ...base, status: 'in_progress' });
    expect(reopened.closedOn).toBeNull();
    expect(
      await refusal(core, 'followup:addCheck', { id: first!.id, supervisorId: 999, date: '2026-12-16', findings: '—' }),
    ).toMatchObject({ code: 'not_found' });
  }, 60_000);

  it('flags items past their deadline and lists the open ones on the next meeting’s agenda', async () => {
    const { core } = await finalizedWithIdentity();
    const [first] = await send(core, 'followup:list', {});
    await send(core, 'followup:update', {
      id: first!.id,
      owner: '物业公司',
      deadline: '2020-01-31',
      status: 'pending',
    });
    const overdue = (await send(core, 'followup:list', {})).filter((i) => i.overdue);
    expect(overdue.map((i) => i.title)).toEqual(['电动车充电桩选址']);

    const next = await send(core, 'meeting:create', { title: '12月幸福议事会', place: '社区议事厅' });
    const agenda = await send(core, 'agenda:list', { id: next.id });
    expect(agenda[0]).toMatchObject({ kind: 'follow_up', title: '上次议定事项落实情况', position: 0 });
    expect(agenda[0]!.notes).toContain('电动车充电桩选址');
    expect(agenda[0]!.notes).toContain('已逾期');
    expect(agenda[0]!.notes).toContain('楼道堆物清理');
  }, 60_000);

  it('signs a result notice listing only the closed items, with their satisfaction', async () => {
    const { core } = await finalizedWithIdentity();
    const [first] = await send(core, 'followup:list', {});
    await send(core, 'followup:update', {
      id: first!.id,
      owner: '物业公司',
      deadline: '2026-12-31',
      status: 'done',
      satisfaction: 'satisfied',
    });
    const file = await send(core, 'followup:notice', { format: 'pdf' });
    const { text, sig } = pdfText(file.data);
    expect(text).toContain('议定事项落实结果公示');
    expect(text).toContain('电动车充电桩选址');
    expect(text).toContain('居民满意度：满意');
    expect(text).not.toContain('楼道堆物清理');
    expect(sig).toContain('Signature is Valid.');
    const png = await send(core, 'followup:notice', { format: 'png' });
    expect(Buffer.from(png.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);
});

describe('typical case (典型案例)', () => {
  it('is drafted from the topic’s whole history, edited, and exported as signed PDF and plain text', async () => {
    const { core } = await finalizedWithIdentity();
    const topic = await send(core, 'topic:create', {
      title: '5号楼加装电梯',
      description: '5号楼老人多，上下楼困难',
      source: 'resident',
      raisedBy: '王阿姨',
      raisedOn: '2026-10-08',
      category: '加装电梯',
      level: 'big',
      building: '5',
      lane: '',
    });
    await send(core, 'topic:triage', { ids: [topic.id], decision: 'accept', reason: '' });
    await send(core, 'topic:addConsultation', {
      topicId: topic.id,
      kind: 'visit',
      date: '2026-10-15',
      households: 24,
      summary: '24户中22户同意',
    });
    const meeting = await send(core, 'meeting:create', { title: '加装电梯专题议事会', place: '社区议事厅' });
    const agenda = await send(core, 'agenda:add', {
      meetingId: meeting.id,
      kind: 'topic',
      topicId: topic.id,
      plannedMinutes: 30,
    });
    const item = agenda.find((a) => a.topicId === topic.id)!;
    await send(core, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
    await send(core, 'vote:record', {
      agendaItemId: item.id,
      rule: 'consensus',
      question: '5号楼加装电梯方案',
      ballots: { method: 'consensus', wording: '同意按方案加装电梯' },
    });
    await send(core, 'meeting:setStatus', { id: meeting.id, status: 'closed' });
    await send(core, 'minutes:finalize', { id: meeting.id, by: '林社工' });
    const action = (await send(core, 'followup:list', {})).find((i) => i.topicId === topic.id)!;
    await send(core, 'followup:update', {
      id: action.id,
      owner: '街道',
      deadline: '2027-06-30',
      status: 'done',
      satisfaction: 'satisfied',
    });
    expect((await send(core, 'topic:get', { id: topic.id })).status).toBe('done');

    const draft = await send(core, 'case:get', { topicId: topic.id });
    expect(draft.updatedAt).toBeNull();
    expect(draft.content.title).toBe('东湖社区：5号楼加装电梯');
    expect(draft.content.background).toContain('王阿姨');
    expect(draft.content.background).toContain('加装电梯');
    expect(draft.content.practice).toContain('24户中22户同意');
    expect(draft.content.practice).toContain('加装电梯专题议事会');
    expect(draft.content.results).toContain('按期完成');
    expect(draft.content.results).toContain('满意');
    expect(draft.content.unit).toBe('平湖市当湖街道东湖社区居民委员会');

    const edited = { ...draft.content, results: '电梯于2027年5月投入使用，居民满意率100%。' };
    expect((await send(core, 'case:save', { topicId: topic.id, content: edited })).updatedAt).not.toBeNull();
    expect((await send(core, 'case:get', { topicId: topic.id })).content.results).toBe(edited.results);

    const txt = await send(core, 'case:export', { topicId: topic.id, format: 'txt' });
    const plain = Buffer.from(txt.data, 'base64').toString('utf8');
    expect(plain).toContain('三、取得成效\n电梯于2027年5月投入使用');
    expect(plain).toContain('报送单位：平湖市当湖街道东湖社区居民委员会');
    const pdf = await send(core, 'case:export', { topicId: topic.id, format: 'pdf' });
    const { text, sig } = pdfText(pdf.data);
    expect(text).toContain('二、主要做法');
    expect(text).toContain('电梯于2027年5月投入使用');
    expect(sig).toContain('Signature is Valid.');
  }, 60_000);
});
