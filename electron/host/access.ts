import { randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

/**
 * Who may call the browser host: the page it served, at its own address, holding this start's token.
 * The token is what keeps out other programs and other users of this computer, which can send any Host and
 * Origin they like; Host and Origin keep out web pages, which hold no token but ride the secretary's browser.
 */
export type Access = { port: number; token: string };

/** 256 random bits, new at every start, URL-safe so it can travel in the address the host prints. */
export const newSessionToken = () => randomBytes(32).toString('base64url');

/** Our own origins; we listen on 127.0.0.1 only, and localhost is what a secretary may type instead. */
export const originsOf = (port: number) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

/** The address to open: the token rides in the query, which the page moves into sessionStorage and strips. */
export const sessionUrl = ({ port, token }: Access) => `${originsOf(port)[0]}/?t=${token}`;

/** Why a call or the stream is refused; each check costs nothing, so all run before a body is read. */
export type Refusal = 'forbidden' | 'session_required';

/** A page on a rebound DNS name (evil.example → 127.0.0.1) still sends its own name as Host. */
export function isOurHost(req: http.IncomingMessage, access: Access): boolean {
  const host = req.headers.host ?? '';
  return originsOf(access.port).some((origin) => origin === `http://${host}`);
}

/** POST /api/<channel>: our origin (every browser sends Origin on a POST) and the token in Authorization. */
export function callRefusal(req: http.IncomingMessage, access: Access): Refusal | null {
  if (!originsOf(access.port).includes(req.headers.origin ?? '')) return 'forbidden';
  return sameToken(bearer(req.headers.authorization), access.token) ? null : 'session_required';
}

/**
 * GET /api/events: EventSource can set no header, so the token comes as ?t=. A browser sends no Origin on a
 * same-origin GET, so a foreign page is told apart by the Origin and Sec-Fetch-Site it does send.
 */
export function streamRefusal(req: http.IncomingMessage, query: URLSearchParams, access: Access): Refusal | null {
  const { origin, 'sec-fetch-site': site } = req.headers;
  if (origin !== undefined && !originsOf(access.port).includes(origin)) return 'forbidden';
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'forbidden';
  return sameToken(query.get('t'), access.token) ? null : 'session_required';
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer ([\w-]+)$/.exec(header ?? '');
  return match ? match[1]! : null;
}

/** Compared in constant time, so the answer's timing tells nothing about how much of a guess was right. */
function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
