import { describe, expect, it } from 'vitest';
import { modifiedSentence } from '../../shared/domain/records';
import { overlay } from '../fixtures/pdf-increment';
import { send } from './helpers';
import { finalizedWithIdentity } from './meetings';

/** Bytes appended after the signature are a revision of their own, %%EOF or not: never "第 2 版（共 1 版）". */
describe('the revision count of a PDF changed after signing', () => {
  it('counts appended bytes, with or without their own %%EOF, in both languages', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const exported = await send(core, 'record:export', { id: meeting.id, kind: 'minutes' });
    const signed = Buffer.from(exported.data, 'base64');
    const appended = (pdf: Buffer, text: string) => Buffer.concat([pdf, Buffer.from(text, 'latin1')]);
    const cases: [string, Buffer, number, number][] = [
      ['a comment appended', appended(signed, '% appended\n'), 2, 2],
      ['one newline appended', appended(signed, '\n'), 2, 2],
      ['an incremental update', overlay(signed), 2, 2],
      ['an update and then junk', appended(overlay(signed), 'junk'), 2, 3],
    ];
    for (const [name, pdf, revision, revisions] of cases) {
      const report = await send(core, 'record:verify', { fileName: 'x.pdf', data: pdf.toString('base64') });
      expect({ name, verdict: report.verdict, modified: report.modified }).toEqual({
        name,
        verdict: 'tampered',
        modified: { revision, revisions, signers: [] },
      });
    }
    const junk = await send(core, 'record:verify', {
      fileName: 'x.pdf',
      data: appended(signed, '% appended\n').toString('base64'),
    });
    expect(modifiedSentence(junk.modified!, 'zh-CN')).toBe(
      '签名后被修改：第 2 版（共 2 版）是签名之后追加的，追加部分没有签名。只有第一个签名覆盖的内容是原件。',
    );
    expect(modifiedSentence(junk.modified!, 'en')).toBe(
      'Modified after signing: revision 2 of 2 was added later, unsigned. Only what the first signature covers is as signed.',
    );
  }, 120_000);
});
