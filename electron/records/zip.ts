import { crc32, inflateRawSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { bundlePath } from '../../shared/domain/bundle';

const MiB = 1024 * 1024;

/**
 * What a bundle may hold at most. Measured on a busy community's year (60 meetings, 60 attendees and 5 votes
 * each, period bundle): 182 entries, 16.8 MB zipped, 18.1 MB unpacked; the largest entry is the 1.4 MB
 * manifest, deflated 13.6 : 1 (the PDFs are stored, 1 : 1). The caps leave room for three such years and
 * nothing like a bomb: deflate reaches ~1000 : 1 on zeros. The ratio is judged on entries above 1 MiB, where a
 * bomb has to be.
 */
export const zipLimits = { entries: 2000, entryBytes: 16 * MiB, totalBytes: 64 * MiB, ratio: 50, ratioFrom: MiB };
export type ZipLimits = typeof zipLimits;

/** Why a zip is refused, from "not a zip at all" to "built to hurt the reader". */
export type ZipRejection = 'not_zip' | 'zip_truncated' | 'zip_damaged' | 'zip_bomb' | 'zip_unsafe';

export class ZipProblem extends Error {
  constructor(
    readonly reason: ZipRejection,
    readonly detail = '',
  ) {
    super(`${reason}${detail ? `: ${detail}` : ''}`);
  }
}

const signature = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, locator64: 0x07064b50 };
const descriptorSignature = 0x08074b50;
const flag = { encrypted: 0x0001, descriptor: 0x0008, strongEncryption: 0x0040 };
const zip64Extra = 0x0001;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

type Entry = {
  name: string;
  nameBytes: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  /** Where its data starts and where the entry (with any data descriptor) ends, from its local header. */
  dataStart: number;
  end: number;
};

/** The end-of-central-directory record: the last 22 bytes, followed only by its own comment. */
function findEnd(data: Buffer): number {
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at -= 1) {
    if (data.readUInt32LE(at) === signature.end && at + 22 + data.readUInt16LE(at + 20) === data.length) return at;
  }
  return -1;
}

/** Extra fields must tile their space exactly; zip64 ones are refused (see readZip). */
function checkExtra(extra: Buffer, name: string) {
  for (let at = 0; at < extra.length;) {
    if (at + 4 > extra.length) throw new ZipProblem('zip_damaged', `${name}: extra field`);
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === zip64Extra) throw new ZipProblem('zip_unsafe', `${name}: zip64`);
    at += 4 + size;
    if (at > extra.length) throw new ZipProblem('zip_damaged', `${name}: extra field`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One central-directory record at `at`: checked on its own, before any data is looked at. */
function centralEntry(
  data: Buffer,
  at: number,
  limit: number,
): { entry: Omit<Entry, 'dataStart' | 'end'>; next: number } {
  if (at + 46 > limit || data.readUInt32LE(at) !== signature.central) {
    throw new ZipProblem('zip_damaged', 'central directory');
  }
  const nameLength = data.readUInt16LE(at + 28);
  const extraLength = data.readUInt16LE(at + 30);
  const next = at + 46 + nameLength + extraLength + data.readUInt16LE(at + 32);
  if (next > limit) throw new ZipProblem('zip_damaged', 'central directory');
  const nameBytes = data.subarray(at + 46, at + 46 + nameLength);
  let name: string;
  try {
    name = utf8.decode(nameBytes);
  } catch {
    throw new ZipProblem('zip_unsafe', `name ${nameBytes.toString('hex').slice(0, 40)}`);
  }
  const entry = {
    name,
    nameBytes,
    flags: data.readUInt16LE(at + 8),
    method: data.readUInt16LE(at + 10),
    crc: data.readUInt32LE(at + 16),
    compressed: data.readUInt32LE(at + 20),
    size: data.readUInt32LE(at + 24),
    offset: data.readUInt32LE(at + 42),
  };
  if (data.readUInt16LE(at + 34) !== 0) throw new ZipProblem('zip_unsafe', `${name}: multi-disk`);
  if ([entry.compressed, entry.size, entry.offset].includes(0xffffffff)) {
    throw new ZipProblem('zip_unsafe', `${name}: zip64`);
  }
  checkExtra(data.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), name);
  if (entry.flags & (flag.encrypted | flag.strongEncryption)) throw new ZipProblem('zip_unsafe', `${name}: encrypted`);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipProblem('zip_unsafe', `${name}: method ${entry.method}`);
  if (entry.method === 0 && entry.compressed !== entry.size) throw new ZipProblem('zip_unsafe', `${name}: stored size`);
  const directory = name.endsWith('/');
  if (!bundlePath.safeParse(directory ? name.slice(0, -1) : name).success || (directory && entry.size > 0)) {
    throw new ZipProblem('zip_unsafe', name);
  }
  return { entry, next };
}

/**
 * The local header must say what the central directory says (streaming readers believe the local header,
 * listing tools the directory: an archive where they differ shows each a different file). Answers where the
 * entry's data starts and where the entry ends, after its data descriptor if it has one.
 */
function localEntry(data: Buffer, entry: Omit<Entry, 'dataStart' | 'end'>, limit: number): Entry {
  const at = entry.offset;
  const { name } = entry;
  if (at + 30 > limit || data.readUInt32LE(at) !== signature.local) {
    throw new ZipProblem('zip_unsafe', `${name}: local header`);
  }
  const flags = data.readUInt16LE(at + 6);
  const nameLength = data.readUInt16LE(at + 26);
  const extraLength = data.readUInt16LE(at + 28);
  const dataStart = at + 30 + nameLength + extraLength;
  if (dataStart > limit) throw new ZipProblem('zip_unsafe', `${name}: local header`);
  const sizes = [data.readUInt32LE(at + 14), data.readUInt32LE(at + 18), data.readUInt32LE(at + 22)];
  const central = [entry.crc, entry.compressed, entry.size];
  const descriptor = (entry.flags & flag.descriptor) !== 0;
  const agrees =
    flags === entry.flags &&
    data.readUInt16LE(at + 8) === entry.method &&
    data.subarray(at + 30, at + 30 + nameLength).equals(entry.nameBytes) &&
    // With a data descriptor the local header may leave the sizes at zero; otherwise it must match.
    sizes.every((value, i) => value === central[i] || (descriptor && value === 0));
  if (!agrees) throw new ZipProblem('zip_unsafe', `${name}: local header ≠ central directory`);
  checkExtra(data.subarray(at + 30 + nameLength, dataStart), name);

  let end = dataStart + entry.compressed;
  if (descriptor) {
    if (end + 4 <= limit && data.readUInt32LE(end) === descriptorSignature) end += 4;
    if (end + 12 > limit) throw new ZipProblem('zip_unsafe', `${name}: data descriptor`);
    const described = [data.readUInt32LE(end), data.readUInt32LE(end + 4), data.readUInt32LE(end + 8)];
    if (!described.every((value, i) => value === central[i])) {
      throw new ZipProblem('zip_unsafe', `${name}: data descriptor ≠ central directory`);
    }
    end += 12;
  }
  if (end > limit) throw new ZipProblem('zip_unsafe', `${name}: data past the directory`);
  return { ...entry, dataStart, end };
}

/** An entry's bytes, never inflating past the size the directory declared (which the limits already allow). */
function contents(data: Buffer, entry: Entry): Buffer {
  const raw = data.subarray(entry.dataStart, entry.dataStart + entry.compressed);
  let bytes = raw;
  if (entry.method === 8) {
    try {
      bytes = inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ZipProblem('zip_bomb', `${entry.name}: > ${entry.size} B declared`);
      }
      throw new ZipProblem('zip_damaged', `${entry.name}: ${(error as Error).message}`);
    }
  }
  if (bytes.length !== entry.size || crc32(bytes) !== entry.crc) {
    throw new ZipProblem('zip_damaged', `${entry.name}: CRC`);
  }
  return bytes;
}

/**
 * Unpack a zip without trusting it. Everything is judged from the structure before a byte is inflated: the end
 * record (a file cut short has none), the number of entries, every name (relative, no `..`, no drive or
 * backslash, no duplicates), every declared size against the per-entry, total and ratio caps, each local header
 * and data descriptor against the central directory, and that the entries tile the file with no overlap and no
 * gap. Then each entry is inflated at most to its declared size, and its CRC checked. So memory never exceeds
 * the caps, whatever the archive claims. Zip64 is refused: bundles are far below 4 GiB, and readers disagree on
 * zip64 fields — exactly what an archive that shows different readers different files needs.
 */
export function readZip(data: Buffer, limits: ZipLimits = zipLimits): Map<string, Buffer> {
  const first = data.length >= 4 ? data.readUInt32LE(0) : 0;
  if (first !== signature.local && first !== signature.end) throw new ZipProblem('not_zip');
  const endAt = findEnd(data);
  if (endAt < 0) throw new ZipProblem(first === signature.local ? 'zip_truncated' : 'not_zip', 'end of archive');
  if (endAt >= 20 && data.readUInt32LE(endAt - 20) === signature.locator64) throw new ZipProblem('zip_unsafe', 'zip64');
  const count = data.readUInt16LE(endAt + 10);
  const directorySize = data.readUInt32LE(endAt + 12);
  const directoryAt = data.readUInt32LE(endAt + 16);
  if (data.readUInt16LE(endAt + 4) || data.readUInt16LE(endAt + 6) || data.readUInt16LE(endAt + 8) !== count) {
    throw new ZipProblem('zip_unsafe', 'multi-disk');
  }
  if (count === 0xffff || directorySize === 0xffffffff || directoryAt === 0xffffffff) {
    throw new ZipProblem('zip_unsafe', 'zip64');
  }
  if (count === 0) throw new ZipProblem('not_zip', 'empty');
  if (count > limits.entries) throw new ZipProblem('zip_unsafe', `${count} entries > ${limits.entries}`);
  if (directoryAt + directorySize > endAt) throw new ZipProblem('zip_truncated', 'central directory');
  if (directoryAt + directorySize < endAt) throw new ZipProblem('zip_unsafe', 'data after the central directory');

  const entries: Entry[] = [];
  const names = new Set<string>();
  let total = 0;
  for (let at = directoryAt, i = 0; i < count; i += 1) {
    const { entry, next } = centralEntry(data, at, endAt);
    at = next;
    if (i === count - 1 && at !== endAt) throw new ZipProblem('zip_damaged', 'central directory size');
    if (names.has(entry.name)) throw new ZipProblem('zip_unsafe', `${entry.name} ×2`);
    names.add(entry.name);
    total += entry.size;
    if (entry.size > limits.entryBytes) {
      throw new ZipProblem('zip_bomb', `${entry.name}: ${mib(entry.size)} > ${mib(limits.entryBytes)}`);
    }
    if (total > limits.totalBytes) throw new ZipProblem('zip_bomb', `${mib(total)} > ${mib(limits.totalBytes)}`);
    if (entry.size >= limits.ratioFrom && entry.size > limits.ratio * entry.compressed) {
      const ratio = Math.round(entry.size / Math.max(entry.compressed, 1));
      throw new ZipProblem('zip_bomb', `${entry.name}: ${ratio} : 1 > ${limits.ratio} : 1`);
    }
    entries.push(localEntry(data, entry, directoryAt));
  }

  // Entries tile the file from its first byte to the directory: none inside another, nothing hidden between.
  let expected = 0;
  for (const entry of [...entries].sort((a, b) => a.offset - b.offset)) {
    if (entry.offset !== expected) {
      throw new ZipProblem('zip_unsafe', `${entry.name}: ${entry.offset < expected ? 'overlaps' : 'gap before'}`);
    }
    expected = entry.end;
  }
  if (expected !== directoryAt) throw new ZipProblem('zip_unsafe', 'gap before the central directory');

  const files = new Map<string, Buffer>();
  for (const entry of entries) {
    if (!entry.name.endsWith('/')) files.set(entry.name, contents(data, entry));
  }
  return files;
}

/** A bundle: every file at its path, stored as it will be read back. */
export function writeZip(files: Map<string, Buffer>): Buffer {
  // PDFs are compressed inside already: stored as they are, the office reads them without inflating
  // (measured: unpacking a bundle 4.5 ms → under 1 ms, for a zip ~10% larger); the manifest is deflated.
  const level = (path: string) => (path.endsWith('.pdf') ? 0 : 6);
  return Buffer.from(
    zipSync(Object.fromEntries([...files].map(([path, data]) => [path, [data, { level: level(path) }]]))),
  );
}
