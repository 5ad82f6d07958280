// One fresh process per run, so peak memory is the renderer's own. Prints one JSON line.
// argv: pages, then `cold` (the renderer imported by the first export, as in a process that exported nothing
// yet) or `warmed` (the app's warm-up, which runs when finalized minutes are opened, finished first).
import { repositoryResources } from '../electron/paths';
import { warmRenderers } from '../electron/services/minutes';
import { benchRecordSeal, longMinutes, measureRenders } from './minutes-content';

const pages = Number(process.argv[2] ?? 30);
const mode = process.argv[3] ?? 'warmed';
const content = longMinutes(pages);
const seal = await benchRecordSeal();
if (mode === 'warmed') await warmRenderers(repositoryResources.fonts);
const render = async () =>
  (await import('../electron/records/minutes')).minutesPdf(
    {
      content,
      amendments: [],
      finalized: { at: new Date().toISOString(), by: '周敏' },
      header: content.header.community,
      issuer: '东湖社区居民委员会',
    },
    repositoryResources.fonts,
    seal,
  );

await measureRenders(render);
