import { describe, expect, it } from 'vitest';
import { channels, contract } from '../../shared/contract';
import { createGuard } from '../../electron/guard';
import type { Handlers } from '../../electron/services/context';
import { auditCount, coreWithCommunity, send } from './helpers';

describe('the contract guard', () => {
  it('refuses wrong types, extra keys and oversize strings without writing anything', async () => {
    const core = await coreWithCommunity();
    const before = auditCount(core);
    const bad: [string, unknown][] = [
      ['meeting:create', { title: 42 }],
      ['meeting:create', { title: '议事会', admin: true }],
      ['meeting:create', { title: '议'.repeat(121) }],
      ['meeting:create', { title: '议事会', scheduledAt: '明天晚上' }],
      ['meeting:create', null],
      ['meeting:create', '议事会'],
      ['meeting:rename', { id: -1, title: 'x' }],
      ['meeting:rename', { id: 1.5, title: 'x' }],
      ['meeting:setStatus', { id: 1, status: 'deleted' }],
      ['community:save', { name: '' }],
    ];
    for (const [channel, input] of bad) {
      const envelope = await core.guard(channel, input, { trusted: true });
      expect(envelope.ok, `${channel} ${JSON.stringify(input)}`).toBe(false);
      if (!envelope.ok) expect(envelope.error.code).toBe('invalid_input');
    }
    expect(await send(core, 'meeting:list', {})).toEqual([]);
    expect(auditCount(core)).toBe(before);
  });

  it('says what is wrong in words a secretary understands, in her language', async () => {
    const core = await coreWithCommunity();
    const tooLong = await core.guard('meeting:create', { title: '议'.repeat(121) }, { trusted: true });
    expect(tooLong).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: '输入有误：“会议名称”太长（最多 120 个字）' },
    });
    await send(core, 'settings:setLocale', { locale: 'en' });
    const extra = await core.guard('meeting:create', { title: 'x', admin: true }, { trusted: true });
    expect(extra.ok === false && extra.error.message).toBe('Invalid input: unknown fields: admin');
  });

  it('names the field as the screen does: a resident’s name is 姓名, the community’s is 社区名称', async () => {
    const core = await coreWithCommunity();
    const invalid = async (channel: string, input: unknown) => {
      const envelope = await core.guard(channel, input, { trusted: true });
      return envelope.ok ? 'accepted' : envelope.error.message;
    };
    const resident = { gender: null, building: '3', unit: '1', room: '101', tags: [] };
    expect(await invalid('resident:save', { ...resident, name: '' })).toBe('输入有误：“姓名”不能为空');
    expect(await invalid('attendance:addGuest', { meetingId: 1, name: '', organisation: '', role: '' })).toBe(
      '输入有误：“姓名”不能为空',
    );
    expect(await invalid('supervisor:save', { name: '' })).toBe('输入有误：“督办人姓名”不能为空');
    expect(await invalid('community:save', { name: '' })).toBe('输入有误：“社区名称”不能为空');
    expect(await invalid('topic:create', { title: '' })).toBe('输入有误：“议题标题”不能为空');
    expect(await invalid('resident:save', { ...resident, name: '张伟', tags: ['党员', ''] })).toBe(
      '输入有误：“身份标签”不能为空',
    );
    // The page's language, when it says, wins over the stored setting.
    const english = await core.guard('resident:save', { ...resident, name: '' }, { trusted: true, locale: 'en' });
    expect(english.ok === false && english.error.message).toBe('Invalid input: name must not be empty');
  });

  it('rejects every channel when an unknown key is sent (all inputs are strict)', async () => {
    const core = await coreWithCommunity();
    for (const channel of channels) {
      const envelope = await core.guard(channel, { unexpectedKey: 1 }, { trusted: true });
      expect(envelope.ok, channel).toBe(false);
      expect(contract[channel].input.safeParse({ unexpectedKey: 1 }).success).toBe(false);
    }
  });

  it('refuses callers that are not our own page, and unknown channels', async () => {
    const core = await coreWithCommunity();
    const before = auditCount(core);
    const foreign = await core.guard('meeting:create', { title: '议事会' }, { trusted: false });
    expect(foreign.ok === false && foreign.error.code).toBe('forbidden');
    const unknown = await core.guard('meeting:drop', {}, { trusted: true });
    expect(unknown.ok === false && unknown.error.code).toBe('unknown_channel');
    const inherited = await core.guard('toString', {}, { trusted: true });
    expect(inherited.ok === false && inherited.error.code).toBe('unknown_channel');
    expect(auditCount(core)).toBe(before);
  });

  it('turns an unexpected failure into a plain message and keeps the stack in the log', async () => {
    const logged: unknown[] = [];
    const handlers = {
      'meeting:list': () => {
        throw new Error('disk I/O error at /secret/path');
      },
    } as unknown as Handlers;
    const guard = createGuard(
      handlers,
      () => 'zh-CN',
      (_message, error) => logged.push(error),
    );
    const envelope = await guard('meeting:list', {}, { trusted: true });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) {
      expect(envelope.error.code).toBe('internal');
      expect(envelope.error.message).not.toMatch(/secret|Error/);
    }
    expect(logged).toHaveLength(1);
  });
});
