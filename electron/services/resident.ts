import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Handlers, ServiceContext } from './context';
import { change } from './context';
import { formatAddress, maskPhone, type Address, type Resident } from '../../shared/domain/resident';
import { AppError } from '../../shared/errors';
import { normalizeAddress } from '../../shared/address';
import {
  checkRoster,
  detectLayout,
  headersOf,
  layoutAt,
  mappingFor,
  maskCell,
  normalizeName,
  residentKey,
  type RosterLayout,
  type RosterRow,
} from '../../shared/roster-import';
import type { Tx } from '../db/audit';
import type { searchKeys as SearchKeysFn } from '../roster/search-keys';
import { household, resident } from '../db/schema';
import { ResidentIndex } from '../roster/resident-index';
import { readLocale } from './settings';

type ResidentHandlers = Pick<
  Handlers,
  'resident:search' | 'resident:save' | 'roster:preview' | 'roster:import' | 'roster:export'
>;

const columns = {
  id: resident.id,
  name: resident.name,
  gender: resident.gender,
  phone: resident.phone,
  idNumberMasked: resident.idNumberMasked,
  tags: resident.tags,
  building: household.building,
  unit: household.unit,
  room: household.room,
  area: household.area,
};

type ResidentRow = Omit<Resident, 'phoneMasked'> & { phone: string };

function toResident({ phone, ...row }: ResidentRow): Resident {
  return { ...row, phoneMasked: maskPhone(phone) };
}

/** Find or create the household at an address; an area from the file updates it. */
function householdId(tx: Tx, address: Address, area: number | null): number {
  const found = tx
    .select({ id: household.id })
    .from(household)
    .where(
      and(eq(household.building, address.building), eq(household.unit, address.unit), eq(household.room, address.room)),
    )
    .get();
  if (found) {
    if (area !== null) tx.update(household).set({ area }).where(eq(household.id, found.id)).run();
    return found.id;
  }
  return tx
    .insert(household)
    .values({ ...address, area })
    .returning({ id: household.id })
    .get().id;
}

type SearchKeys = typeof SearchKeysFn;

const fromBase64 = (data: string) => new Uint8Array(Buffer.from(data, 'base64'));

/** ExcelJS, Papa Parse and pinyin-pro's dictionary load when first needed, not when the app starts. */
const loadSearchKeys = async () => (await import('../roster/search-keys')).searchKeys;
const loadExcel = async () => (await import('exceljs')).default;

const byAddressThenName = sql`CAST(${household.building} AS INTEGER), ${household.building}, CAST(${household.unit} AS INTEGER), CAST(${household.room} AS INTEGER), ${household.room}, ${resident.name}`;

/** Residents by id, for lists kept elsewhere (invitees, attendance); unknown ids are skipped. */
export function residentsByIds(ctx: ServiceContext, ids: number[]): Resident[] {
  if (ids.length === 0) return [];
  return ctx.db
    .select(columns)
    .from(resident)
    .innerJoin(household, eq(resident.householdId, household.id))
    .where(inArray(resident.id, ids))
    .orderBy(byAddressThenName)
    .all()
    .map(toResident);
}

/** Refuse ids that name no resident: made up, or deleted while another window still listed them. */
export function requireResidents(ctx: ServiceContext, ids: readonly number[]): void {
  const found = new Set(residentsByIds(ctx, [...new Set(ids)]).map((r) => r.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) {
    throw new AppError('not_found', { entity: { 'zh-CN': '居民', en: 'resident' }, id: missing });
  }
}

export function residentService(ctx: ServiceContext): ResidentHandlers {
  const index = new ResidentIndex(() =>
    ctx.db
      .select({ ...columns, searchText: resident.searchText, initials: resident.initials })
      .from(resident)
      .innerJoin(household, eq(resident.householdId, household.id))
      .orderBy(byAddressThenName)
      .all()
      .map(({ searchText, initials, ...row }) => ({
        resident: toResident(row),
        phone: row.phone,
        searchText,
        initials,
      })),
  );

  async function check(input: {
    fileName: string;
    data: string;
    mapping?: Record<string, number | null>;
    headerRow?: number;
    headerRows?: 1 | 2;
    includeIdNumbers: boolean;
  }) {
    const table = await ctx.work.run('readTable', input.fileName, fromBase64(input.data));
    const picked = input.headerRow === undefined ? detectLayout(table.rows) : layoutAt(table.rows, input.headerRow);
    const layout: RosterLayout = { ...picked, headerRows: input.headerRows ?? picked.headerRows };
    const mapping = { ...mappingFor(table.rows, layout), ...input.mapping };
    const result = checkRoster(table.rows, layout, mapping, {
      includeIdNumbers: input.includeIdNumbers,
      locale: readLocale(ctx),
    });
    return { table, layout, mapping, ...result };
  }

  /**
   * What the roster already holds per person (same name, same room), to tell a new person, a changed one and
   * one the file repeats as it is. A value the file leaves empty keeps the stored one, so it changes nothing.
   */
  function stored(): Map<string, Omit<RosterRow, 'line' | keyof Address | 'name'>> {
    const rows = ctx.db
      .select({
        name: resident.name,
        building: household.building,
        unit: household.unit,
        room: household.room,
        gender: resident.gender,
        phone: resident.phone,
        idNumber: resident.idNumberMasked,
        tags: resident.tags,
        area: household.area,
      })
      .from(resident)
      .innerJoin(household, eq(resident.householdId, household.id))
      .all();
    return new Map(
      rows.map(({ name, building, unit, room, ...values }) => [residentKey(name, { building, unit, room }), values]),
    );
  }

  function changes(row: RosterRow, before: ReturnType<ReturnType<typeof stored>['get']>): boolean {
    if (!before) return true;
    return (
      (row.gender !== null && row.gender !== before.gender) ||
      (row.phone !== '' && row.phone !== before.phone) ||
      (row.idNumber !== null && row.idNumber !== before.idNumber) ||
      (row.tags.length > 0 && JSON.stringify(row.tags) !== JSON.stringify(before.tags)) ||
      (row.area !== null && row.area !== before.area)
    );
  }

  function classify(rows: RosterRow[]) {
    const known = stored();
    const tally = { creates: 0, updates: 0, unchanged: 0 };
    const changed = new Set<RosterRow>();
    for (const row of rows) {
      const before = known.get(residentKey(row.name, row));
      if (!before) tally.creates += 1;
      else if (changes(row, before)) tally.updates += 1;
      else tally.unchanged += 1;
      if (changes(row, before)) changed.add(row);
    }
    return { ...tally, changed };
  }

  /**
   * Insert or update every row with statements prepared once: the query builder's per-call cost made
   * 20,000 rows take ~6 s; prepared statements take a fraction of that. Runs inside the caller's transaction.
   */
  function upsertAll(rows: RosterRow[], now: string, searchKeys: SearchKeys) {
    const { changed, unchanged } = classify(rows);
    const sqlite = ctx.db.$client;
    const findHousehold = sqlite
      .prepare('SELECT id FROM household WHERE building = ? AND unit = ? AND room = ?')
      .pluck();
    const addHousehold = sqlite.prepare('INSERT INTO household (building, unit, room, area) VALUES (?, ?, ?, ?)');
    const setArea = sqlite.prepare('UPDATE household SET area = ? WHERE id = ?');
    const findResident = sqlite.prepare('SELECT id FROM resident WHERE name = ? AND household_id = ?').pluck();
    const addResident = sqlite.prepare(
      `INSERT INTO resident (name, gender, household_id, phone, id_number_masked, tags, search_text, initials, created_at, updated_at)
       VALUES (@name, @gender, @householdId, @phone, @idNumber, @tags, @searchText, @initials, @now, @now)`,
    );
    // A value missing from the file keeps what the roster already has.
    const updateResident = sqlite.prepare(
      `UPDATE resident SET gender = coalesce(@gender, gender), phone = coalesce(nullif(@phone, ''), phone),
         id_number_masked = coalesce(@idNumber, id_number_masked), tags = CASE WHEN @tags = '[]' THEN tags ELSE @tags END,
         search_text = @searchText, initials = @initials, updated_at = @now
       WHERE id = @id`,
    );
    const tally = { created: 0, updated: 0, unchanged };
    for (const row of changed) {
      let householdId = findHousehold.get(row.building, row.unit, row.room) as number | undefined;
      if (householdId === undefined) {
        householdId = Number(addHousehold.run(row.building, row.unit, row.room, row.area).lastInsertRowid);
      } else if (row.area !== null) setArea.run(row.area, householdId);
      const values = {
        name: row.name,
        gender: row.gender,
        householdId,
        phone: row.phone,
        idNumber: row.idNumber,
        tags: JSON.stringify(row.tags),
        ...searchKeys(row.name, row),
        now,
      };
      const id = findResident.get(row.name, householdId) as number | undefined;
      if (id === undefined) {
        addResident.run(values);
        tally.created += 1;
      } else {
        updateResident.run({ ...values, id });
        tally.updated += 1;
      }
    }
    return tally;
  }

  return {
    'resident:search': ({ query, limit, offset }) => index.search(query, limit, offset),

    'resident:save': async ({ id, phone, area, ...typed }) => {
      const searchKeys = await loadSearchKeys();
      // Typed by hand the way the roster is read: "张 伟" is 张伟, "7幢" is building 7.
      const address = normalizeAddress({ building: typed.building, unit: typed.unit, room: typed.room });
      const input = { ...typed, ...address, name: normalizeName(typed.name) };
      const saved = change(ctx, (tx, audit) => {
        const flat = householdId(tx, address, null);
        if (area !== undefined) tx.update(household).set({ area }).where(eq(household.id, flat)).run();
        const values = {
          name: input.name,
          gender: input.gender,
          tags: input.tags,
          householdId: flat,
          ...searchKeys(input.name, address),
          ...(phone === undefined ? {} : { phone }),
          updatedAt: ctx.now().toISOString(),
        };
        // One person per name and flat: a second 张伟 in 3-1-101 is the same 张伟, not a new resident.
        const twin = tx
          .select({ id: resident.id })
          .from(resident)
          .where(and(eq(resident.name, input.name), eq(resident.householdId, flat)))
          .get();
        if (twin && twin.id !== id) {
          throw new AppError('resident_duplicate', { name: input.name, address: formatAddress(address) || '—' });
        }
        let residentId = id;
        if (residentId === undefined) {
          residentId = tx.insert(resident).values(values).returning({ id: resident.id }).get().id;
        } else if (tx.update(resident).set(values).where(eq(resident.id, residentId)).run().changes === 0) {
          throw new AppError('not_found', { entity: { 'zh-CN': '居民', en: 'resident' }, id: residentId });
        }
        audit({
          action: id ? 'resident.update' : 'resident.create',
          entity: 'resident',
          entityId: residentId,
          payload: { ...input, area, phoneChanged: phone !== undefined },
        });
        return tx
          .select({ ...columns, searchText: resident.searchText, initials: resident.initials })
          .from(resident)
          .innerJoin(household, eq(resident.householdId, household.id))
          .where(eq(resident.id, residentId))
          .get()!;
      });
      const { searchText, initials, ...row } = saved;
      const entry = { resident: toResident(row), phone: row.phone, searchText, initials };
      index.put(entry);
      return entry.resident;
    },

    'roster:preview': async (input) => {
      const { table, layout, mapping, rows, problems } = await check(input);
      const { creates, updates, unchanged } = classify(rows);
      // Never a full ID or phone number on screen, although the file has them.
      const masked = (from: number, count: number) =>
        table.rows
          .slice(from, from + count)
          .map((cells, i) => ({ line: from + i + 1, cells: cells.map(maskCell) }))
          .filter((row) => row.cells.some((c) => c.trim()));
      return {
        encoding: table.encoding,
        layout,
        topRows: masked(0, 12),
        headers: headersOf(table.rows, layout),
        mapping,
        sample: masked(layout.headerRow - 1 + layout.headerRows, 8),
        valid: rows.length,
        creates,
        updates,
        unchanged,
        problems: problems.slice(0, 500),
        skippedCount: problems.filter((p) => p.skipped).length,
        warningCount: problems.filter((p) => !p.skipped).length,
        hasIdNumbers: mapping.idNumber !== null,
      };
    },

    'roster:import': async (input) => {
      const { rows, problems, mapping } = await check(input);
      if (mapping.name === null) throw new AppError('name_column_missing');
      const skipped = problems.filter((p) => p.skipped).length;
      const digest = createHash('sha256').update(input.data).digest('hex');
      const searchKeys = await loadSearchKeys();
      const counts = change(ctx, (_tx, audit) => {
        const tally = upsertAll(rows, ctx.now().toISOString(), searchKeys);
        audit({
          action: 'roster.import',
          entity: 'roster',
          entityId: digest.slice(0, 16),
          payload: { fileName: input.fileName, sha256: digest, ...tally, skipped },
        });
        return tally;
      });
      index.invalidate();
      return { ...counts, skipped };
    },

    'roster:export': async () => {
      const rows = ctx.db
        .select(columns)
        .from(resident)
        .innerJoin(household, eq(resident.householdId, household.id))
        .orderBy(byAddressThenName)
        .all();
      const ExcelJS = await loadExcel();
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('居民名册');
      // No phone or ID numbers: what leaves the app carries no personal identifiers.
      sheet.columns = [
        { header: '姓名', key: 'name', width: 12 },
        { header: '性别', key: 'gender', width: 6 },
        { header: '楼栋', key: 'building', width: 8 },
        { header: '单元', key: 'unit', width: 8 },
        { header: '房号', key: 'room', width: 10 },
        { header: '身份', key: 'tags', width: 28 },
        { header: '专有部分面积（㎡）', key: 'area', width: 18 },
      ];
      for (const row of rows)
        sheet.addRow({ ...row, gender: row.gender ?? '', tags: row.tags.join('、'), area: row.area ?? '' });
      sheet.getRow(1).font = { bold: true };
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      return {
        fileName: `居民名册-${ctx.now().toISOString().slice(0, 10)}.xlsx`,
        data: buffer.toString('base64'),
        count: rows.length,
      };
    },
  };
}
