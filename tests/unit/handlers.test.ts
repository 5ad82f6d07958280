import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/contract';
import { mergeHandlers } from '../../electron/handlers';
import type { Handlers } from '../../electron/services/context';
import { makeCore, migrationsFolder, tempDir } from './helpers';

// Record the maps the core hands to the merge, to count every channel across the real services.
const merged = vi.hoisted(() => [] as Partial<Handlers>[][]);
vi.mock('../../electron/handlers', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/handlers')>();
  return {
    mergeHandlers: (...args: Parameters<typeof real.mergeHandlers>) => {
      merged.push([...args[0]]);
      return real.mergeHandlers(...args);
    },
  };
});

const all = Object.fromEntries(channels.map((channel) => [channel, () => channel])) as unknown as Handlers;

describe('merging the services’ handler maps', () => {
  it('handles every contract channel exactly once in the real core', () => {
    merged.length = 0;
    makeCore();
    expect(merged).toHaveLength(1);
    const counts = new Map<string, number>();
    for (const map of merged[0]!) for (const name of Object.keys(map)) counts.set(name, (counts.get(name) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...channels].sort());
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
  });

  it('throws on a channel handled twice instead of letting the last one win', () => {
    const { 'meeting:list': list, ...others } = all;
    expect(() => mergeHandlers([others, { 'meeting:list': list }, { 'meeting:list': list }])).toThrow(
      'channel meeting:list is handled twice',
    );
  });

  it('throws on a channel nobody handles, and on a name the contract does not declare', () => {
    const { 'meeting:list': _list, ...others } = all;
    expect(() => mergeHandlers([others])).toThrow('channel meeting:list has no handler');
    expect(() => mergeHandlers([all, { 'meeting:drop': () => 0 } as Partial<Handlers>])).toThrow('meeting:drop');
  });

  it('lets a core that serves a few channels answer the rest with one fallback', () => {
    const handlers = mergeHandlers([{ 'meeting:list': () => [] }], (channel) => () => `closed: ${channel}`);
    expect(handlers['meeting:list']({})).toEqual([]);
    expect((handlers['topic:list'] as unknown as () => string)()).toBe('closed: topic:list');
  });

  it('starts the core of a damaged data file with every channel answered', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'yishiting.sqlite'), 'not a database at all, just text');
    const core = makeCore({ dataDir, migrationsFolder });
    expect(core.db).toBeNull();
    const refused = await core.guard('meeting:list', {}, { trusted: true });
    expect(refused.ok === false && refused.error.code).toBe('db_unavailable');
    expect(await core.guard('backup:list', {}, { trusted: true })).toMatchObject({ ok: true });
  });
});
