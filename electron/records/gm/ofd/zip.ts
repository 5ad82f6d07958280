import { crc32 } from 'node:zlib';

/**
 * The OFD container: a ZIP with every entry STORED and every header field fixed. A signature covers the files'
 * contents, not the ZIP around them; with deflate, or with free header fields (times, attributes, comments,
 * extra fields), bytes could change while every signed file stays the same. Stored entries and canonical headers
 * leave no such byte: the reader rebuilds each header from what it found and refuses the package when one
 * differs, so one changed byte anywhere in the file is caught. Bundles deflate the OFD as a whole (and are read
 * by `records/zip.ts`, which accepts any well-formed ZIP within its limits; an OFD must be exactly as written).
 */
export type Entry = { name: string; data: Buffer };
/** An entry as read: `checksum` false when its CRC-32 no longer matches (a changed byte in the data or the CRC). */
export type ReadEntry = Entry & { checksum: boolean };

export class ZipDamaged extends Error {}

const version = 20;
/** 1980-01-01 00:00 in MS-DOS form: the earliest a ZIP can say, and the same in every package. */
const dosDate = 0x21;
const maxEntries = 10_000;

function localHeader(name: Buffer, crc: number, size: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(version, 4);
  header.writeUInt16LE(dosDate, 12);
  header.writeUInt32LE(crc, 14);
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name]);
}

function centralHeader(name: Buffer, crc: number, size: number, offset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(version, 4);
  header.writeUInt16LE(version, 6);
  header.writeUInt16LE(dosDate, 14);
  header.writeUInt32LE(crc, 16);
  header.writeUInt32LE(size, 20);
  header.writeUInt32LE(size, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt32LE(offset, 42);
  return Buffer.concat([header, name]);
}

function endRecord(count: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

const entryName = (name: string) => {
  if (!/^[A-Za-z0-9_./-]+$/.test(name) || name.startsWith('/') || name.split('/').includes('..')) {
    throw new Error(`not a package path: ${name}`);
  }
  return Buffer.from(name, 'ascii');
};

export function writeOfdZip(entries: Entry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = entryName(name);
    const crc = crc32(data);
    const header = localHeader(nameBytes, crc, data.length);
    central.push(centralHeader(nameBytes, crc, data.length, offset));
    parts.push(header, data);
    offset += header.length + data.length;
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...parts, directory, endRecord(entries.length, directory.length, offset)]);
}

/**
 * Read a package written by `writeOfdZip`, refusing any header byte that is not where and what it would have
 * written. A checksum that does not match is reported, not refused: a changed byte inside a signed file is the
 * signature's finding ("changed after signing"), and only the verifier knows which files are signed.
 */
export function readOfdZip(zip: Buffer): ReadEntry[] {
  if (zip.length < 22) throw new ZipDamaged('too short');
  const end = zip.subarray(zip.length - 22);
  const count = end.readUInt16LE(8);
  const directorySize = end.readUInt32LE(12);
  const directoryStart = end.readUInt32LE(16);
  if (count > maxEntries || directoryStart + directorySize !== zip.length - 22) throw new ZipDamaged('directory');
  if (!end.equals(endRecord(count, directorySize, directoryStart))) throw new ZipDamaged('end record');

  const entries: ReadEntry[] = [];
  let at = directoryStart;
  let expectedOffset = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > zip.length - 22) throw new ZipDamaged('directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const size = zip.readUInt32LE(at + 24);
    const crc = zip.readUInt32LE(at + 16);
    const offset = zip.readUInt32LE(at + 42);
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    let name: string;
    try {
      name = nameBytes.toString('ascii');
      entryName(name);
    } catch {
      throw new ZipDamaged('entry name');
    }
    const centralBytes = zip.subarray(at, at + 46 + nameLength);
    if (offset !== expectedOffset || !centralBytes.equals(centralHeader(nameBytes, crc, size, offset))) {
      throw new ZipDamaged(`directory entry ${name}`);
    }
    const header = localHeader(nameBytes, crc, size);
    const dataStart = offset + header.length;
    if (dataStart + size > directoryStart || !zip.subarray(offset, dataStart).equals(header)) {
      throw new ZipDamaged(`local header ${name}`);
    }
    const data = zip.subarray(dataStart, dataStart + size);
    if (entries.some((e) => e.name === name)) throw new ZipDamaged(`duplicate ${name}`);
    entries.push({ name, data, checksum: crc32(data) === crc });
    expectedOffset = dataStart + size;
    at += 46 + nameLength;
  }
  if (expectedOffset !== directoryStart || at !== directoryStart + directorySize) throw new ZipDamaged('gaps');
  return entries;
}
