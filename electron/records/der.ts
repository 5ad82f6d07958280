/**
 * Just enough DER to walk a CMS SignedData and keep the exact bytes of each part: verifying a signature needs the
 * signed attributes byte for byte as they were signed, which a decode-and-re-encode library cannot promise.
 */
export type DerNode = { tag: number; start: number; contentStart: number; end: number; bytes: Buffer };

export class DerError extends Error {}

export function readNode(buffer: Buffer, start = 0, limit = buffer.length): DerNode {
  if (start + 2 > limit) throw new DerError('truncated');
  const tag = buffer[start]!;
  let length = buffer[start + 1]!;
  let contentStart = start + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4 || contentStart + octets > limit) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < octets; i += 1) length = length * 256 + buffer[contentStart + i]!;
    contentStart += octets;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError('truncated');
  return { tag, start, contentStart, end, bytes: buffer.subarray(start, end) };
}

export function children(buffer: Buffer, node: DerNode): DerNode[] {
  if (!(node.tag & 0x20)) throw new DerError('not constructed');
  const nodes: DerNode[] = [];
  for (let at = node.contentStart; at < node.end;) {
    const child = readNode(buffer, at, node.end);
    nodes.push(child);
    at = child.end;
  }
  return nodes;
}

export const content = (buffer: Buffer, node: DerNode) => buffer.subarray(node.contentStart, node.end);

export function oid(buffer: Buffer, node: DerNode): string {
  if (node.tag !== 0x06) throw new DerError('not an OID');
  const bytes = content(buffer, node);
  const first = bytes[0] ?? 0;
  const parts = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ) → ISO. */
export function time(buffer: Buffer, node: DerNode): string {
  const text = content(buffer, node).toString('latin1');
  const match = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) throw new DerError('bad time');
  const [, y, mo, d, h, mi, s] = match;
  const year = y!.length === 2 ? (Number(y) < 50 ? 2000 : 1900) + Number(y) : Number(y);
  return new Date(Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))).toISOString();
}

// Just enough DER writing for the shapes we make: SignedData, CRLs.
export function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const length: number[] = [];
  for (let n = body.length; n > 0; n = Math.floor(n / 256)) length.unshift(n & 0xff);
  const header = body.length < 0x80 ? [body.length] : [0x80 | length.length, ...length];
  return Buffer.concat([Buffer.from([tag, ...header]), body]);
}
export const sequence = (...parts: Buffer[]) => tlv(0x30, ...parts);
/** DER orders a SET OF by its members' encodings. */
export const setOf = (tag: number, members: Buffer[]) => tlv(tag, ...[...members].sort(Buffer.compare));
export const integer = (n: number) => tlv(0x02, Buffer.from([n]));
export const octets = (bytes: Buffer) => tlv(0x04, bytes);
export const derNull = Buffer.from([0x05, 0x00]);
export function objectId(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [40 * first + second];
  for (const value of rest) {
    const group = [value & 0x7f];
    for (let v = Math.floor(value / 128); v > 0; v = Math.floor(v / 128)) group.unshift((v & 0x7f) | 0x80);
    bytes.push(...group);
  }
  return tlv(0x06, Buffer.from(bytes));
}
/** UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5652 §11.3). */
export function derTime(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}
