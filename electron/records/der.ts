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
