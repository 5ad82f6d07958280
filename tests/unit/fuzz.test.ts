import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, contract, type Channel } from '../../shared/contract';
import type { Envelope } from '../../shared/envelope';
import type { TestCore } from './helpers';
import {
  buildWorld,
  communityPassphrase,
  coreOf,
  officePassphrase,
  removeWorld,
  validInputs,
  type World,
} from './fuzz-world';

/**
 * Start from one valid input per channel, so what is sent gets past the schema, and change one field at a time:
 * another type, hostile strings (10 MB, lone surrogates, control and bidi characters), other records' ids, huge
 * numbers, other files where a file goes. Every answer must be an envelope with a translated message, never
 * "internal", and a refusal — or any read — must leave the data file and the data folder exactly as they were.
 */

type Path = (string | number)[];

/** Every place in the input one could change: each field, each array element, nested ones too. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return value.length ? [[...at, 0], ...pathsOf(value[0], [...at, 0])] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [[...at, key], ...pathsOf(inner, [...at, key])]);
}

const deleted = Symbol('deleted');

/** A copy of `input` with the value at `where` replaced (or the field removed). */
function mutate(input: unknown, where: Path, value: unknown): unknown {
  const copy = structuredClone(input) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of where.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = where.at(-1)!;
  if (value === deleted) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else Reflect.deleteProperty(parent, last);
  } else parent[last] = value;
  return copy;
}

const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);
const hostileStrings = [
  '',
  '   ',
  '\uD800',
  '\uDFFF',
  'a\uDC00b\uD83D',
  '\u0000',
  '\u202E\u2066evil',
  '\u200B\uFEFF',
  '\r\n\t',
  "'; DROP TABLE meeting; --",
  '" OR 1=1 --',
  '../../../../etc/passwd',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil")',
  '%s%n{0}${x}{{x}}',
  '𠇔'.repeat(2_000),
  '😀'.repeat(300),
  tenMegabytes,
];
const hugeNumbers = [
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  -1,
  0,
  -0,
  0.5,
  1e-300,
  Number.NaN,
  Number.POSITIVE_INFINITY,
];
const wrongTypes = [null, true, false, [], {}, [null], { id: 1 }, '1', 1];

/** What to put in place of `original`: mostly a value of its own type (so it passes the schema), else anything. */
function replacements(world: World, original: unknown) {
  const flat = (value: unknown): number[] =>
    typeof value === 'number' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(flat) : [];
  const ids = [...new Set(flat(world.ids))];
  const files = [
    world.files.p12.data,
    world.files.signedPdf.data,
    world.files.periodBundle.data,
    world.files.request.data,
  ];
  const damaged = files.flatMap((data) => {
    const bytes = Buffer.from(data, 'base64');
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    return [bytes.subarray(0, Math.floor(bytes.length / 3)).toString('base64'), flipped.toString('base64')];
  });
  const anything = fc.oneof(fc.constantFrom(...wrongTypes), fc.constant(deleted));
  if (typeof original === 'number') {
    return fc.oneof(
      { arbitrary: fc.constantFrom(...ids, 999_999), weight: 4 },
      { arbitrary: fc.constantFrom(...hugeNumbers), weight: 2 },
      { arbitrary: fc.integer({ min: -10, max: 2_000 }), weight: 1 },
      { arbitrary: anything, weight: 1 },
    );
  }
  if (typeof original === 'string') {
    const isFile = original.length > 200 && /^[A-Za-z0-9+/]+=*$/.test(original);
    return fc.oneof(
      {
        arbitrary: isFile
          ? fc.constantFrom(
              ...files,
              ...damaged,
              world.files.roster.data,
              Buffer.from('PK\u0003\u0004').toString('base64'),
            )
          : fc.constantFrom(...hostileStrings),
        weight: 4,
      },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
      { arbitrary: fc.constantFrom(...hostileStrings), weight: 1 },
      { arbitrary: anything, weight: 1 },
    );
  }
  return fc.oneof(anything, fc.constantFrom(...hostileStrings), fc.constantFrom(...ids));
}

const valueAt = (input: unknown, where: Path) =>
  where.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], input);

/** A wrong passphrase is refused and counted, on purpose: the unlock delay must survive a restart. */
const countedOnRefusal = new Set(['signing_identity.failed_unlocks', 'signing_identity.last_failed_unlock']);
/** The data passphrase's failed tries live beside the key file (a data file cannot be read before unlock). */
const triesFile = 'yishiting.key.tries';

/** Everything a write could touch: rows of every table, this connection's changes, other connections', files. */
function footprint(core: TestCore) {
  const db = core.db!.$client;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  // Row counts, and a hash of every row, so an UPDATE shows as well as an INSERT or DELETE.
  const rows = Object.fromEntries(
    tables.map((table) => {
      const hash = createHash('sha256');
      const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[])
        .filter((column) => !countedOnRefusal.has(`${table}.${column}`))
        .map((column) => `"${column}"`);
      const all = db
        .prepare(`SELECT ${columns.join(', ')} FROM "${table}"`)
        .raw()
        .all() as unknown[][];
      for (const row of all) {
        for (const value of row) hash.update(Buffer.isBuffer(value) ? value : `${typeof value}:${String(value)}\u0000`);
      }
      return [table, `${all.length} ${hash.digest('hex').slice(0, 16)}`];
    }),
  );
  return { rows, version: db.pragma('data_version', { simple: true }) as number, files: filesOf(core.dataDir) };
}

function filesOf(dir: string, at = ''): string[] {
  return fs.readdirSync(path.join(dir, at), { withFileTypes: true }).flatMap((entry) => {
    const name = path.join(at, entry.name);
    if (entry.isDirectory()) return filesOf(dir, name);
    if (/-(wal|shm|journal)$/.test(entry.name) || name === triesFile) return [];
    return [`${name} ${fs.statSync(path.join(dir, name)).size}`];
  });
}

/** Channels that draw PDFs, make keys or read whole files take a second or more: fewer probes there. */
const heavy = new Set<Channel>([
  'record:export',
  'bundle:export',
  'meeting:notice',
  'meeting:signInSheet',
  'followup:notice',
  'case:export',
  'collection:xlsx',
  'collection:import',
  'collection:importMany',
  'identity:create',
  'identity:exportP12',
  'identity:changePassphrase',
  'identity:importP12',
  'roster:preview',
  'roster:import',
  'roster:export',
  'record:verify',
]);

/** FUZZ_SCALE=10 runs ten times as many probes (a longer hunt than CI needs). */
const scale = Number(process.env.FUZZ_SCALE ?? 1);

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 180_000);
afterAll(() => removeWorld(world));

describe('fuzzing every channel from a valid input', () => {
  const reached = new Map<Channel, number>();

  let logged = '';
  async function probe(core: TestCore, channel: Channel, input: unknown, label: string) {
    const before = footprint(core);
    const envelope = (await core.guard(channel, input, { trusted: true })) as Envelope<unknown>;
    expect(typeof envelope.ok, label).toBe('boolean');
    if (envelope.ok) return envelope;
    const { code, message } = envelope.error;
    expect(code, `${label}: ${message}\n${logged}`).not.toBe('internal');
    expect(message.length, label).toBeGreaterThan(0);
    expect(message.length, label).toBeLessThan(2_000);
    expect(message, label).not.toMatch(/\n\s+at |Error:|SQLITE|undefined|\[object/);
    if (core.db) expect(footprint(core), `${label} wrote although it refused (${code})`).toEqual(before);
    return envelope;
  }

  it.each(channels)('%s', { timeout: 120_000 }, async (channel) => {
    const valid = validInputs[channel];
    logged = '';
    const core = coreOf(world, valid.world, (message, error) => {
      logged += `${message}: ${error instanceof Error ? error.stack : String(error)}\n`;
    });
    const passphrase = valid.world === 'community' ? communityPassphrase : officePassphrase;
    expect(await core.guard('identity:unlock', { passphrase }, { trusted: true })).toMatchObject({ ok: true });
    const input = valid.input(world.ids, world.files);

    const first = await probe(core, channel, input, `${channel} (valid input)`);
    expect(first, `${channel}: the valid input must succeed`).toMatchObject({ ok: true });

    const paths = pathsOf(input);
    if (paths.length === 0) return;
    let passed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...paths)
          .chain((where) => fc.tuple(fc.constant(where), replacements(world, valueAt(input, where)))),
        async ([where, value]) => {
          const mutated = mutate(input, where, value);
          const label = `${channel} with ${where.join('.')} = ${String(JSON.stringify(value)).slice(0, 60)}`;
          const readBefore = contract[channel].kind === 'read' && core.db ? footprint(core) : null;
          const envelope = await probe(core, channel, mutated, label);
          if (envelope.ok || envelope.error.code !== 'invalid_input') passed += 1;
          if (readBefore) expect(footprint(core), `${label}: a read wrote`).toEqual(readBefore);
        },
      ),
      { numRuns: (heavy.has(channel) ? 8 : 40) * scale, endOnFailure: true },
    );
    reached.set(channel, passed);
  });

  it('got past the schema with a good share of the mutations', () => {
    const total = [...reached.values()].reduce((sum, n) => sum + n, 0);
    console.log(`fuzz: ${total} mutated calls reached a service, over ${reached.size} channels`);
    expect(total).toBeGreaterThan(500);
  });
});
