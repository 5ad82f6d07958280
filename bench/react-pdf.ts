// The comparison: the same minutes through @react-pdf/renderer (unsigned), in a fresh process. One JSON line.
import { createElement as h } from 'react';
import { Document, Font, Page, Text, View, renderToBuffer } from '@react-pdf/renderer';
import { repositoryResources } from '../electron/paths';
import { longMinutes, measureRenders } from './minutes-content';

// argv: the pages we set and how many agenda items it takes @react-pdf to fill as many.
const content = longMinutes(Number(process.argv[2] ?? 30), Number(process.argv[3] ?? 36));
// The same fonts as ours: Noto Sans SC, and the fallbacks for the characters it lacks (the Ext-B 𠇔 below).
const { fonts } = repositoryResources;
Font.register({ family: 'NotoSansSC', src: fonts.regular });
Font.register({ family: 'NotoSansSCBold', src: fonts.bold });
fonts.fallbacks.forEach((src, i) => Font.register({ family: `Fallback${i}`, src }));
const family = (first: string) => [first, ...fonts.fallbacks.map((_, i) => `Fallback${i}`)];
// Chinese breaks between any two characters.
Font.registerHyphenationCallback((word) => [...word].flatMap((c) => [c, '']));

const text = (value: string, style: object = {}) =>
  h(Text, { style: { fontSize: 11.5, lineHeight: 1.45, ...style } }, value);
const bold = { fontFamily: family('NotoSansSCBold') };
const field = (label: string, value: string) => (value ? text(`${label}：${value}`) : null);

const doc = () =>
  h(
    Document,
    { title: content.header.title },
    h(
      Page,
      {
        size: 'A4',
        style: { fontFamily: family('NotoSansSC'), paddingTop: 64, paddingBottom: 72, paddingHorizontal: 72 },
      },
      text(content.header.community, { fontSize: 10, textAlign: 'center', color: '#667085' }),
      text(content.header.title, { ...bold, fontSize: 20, textAlign: 'center', marginVertical: 12 }),
      text('一、会议基本情况', { ...bold, fontSize: 14 }),
      ...Object.entries(content.header).map(([k, v]) => field(k, v)),
      text('二、出席情况', { ...bold, fontSize: 14 }),
      ...Object.entries(content.attendance).map(([k, v]) => field(k, v)),
      text('三、议题与议定事项', { ...bold, fontSize: 14 }),
      ...content.items.map((item) =>
        h(
          View,
          { key: item.agendaItemId },
          text(`${item.number}. ${item.title}`, { ...bold, fontSize: 12.5 }),
          field('汇报人', item.presenter),
          ...item.discussion.split('\n').map((line) => text(line, { paddingLeft: 23 })),
          field('表决情况', item.vote),
          field('议定事项', item.resolution),
          field('责任方', item.owner),
          field('完成时限', item.deadline),
        ),
      ),
      h(Text, {
        fixed: true,
        style: { position: 'absolute', bottom: 30, left: 0, right: 0, textAlign: 'center', fontSize: 9 },
        render: ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) =>
          `第 ${pageNumber} 页 共 ${totalPages} 页`,
      }),
    ),
  );

await measureRenders(() => renderToBuffer(doc()), 2);
