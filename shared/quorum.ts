import type { QuorumKind } from './domain/meeting';

export type QuorumRule = { kind: QuorumKind; value: number };

export type Presence = {
  /** Residents checked in and not (yet) gone: guests (列席) never count. */
  present: readonly number[];
  /** Written proxies (委托): the holder's resident id and the absent resident it speaks for. */
  proxies: readonly { holder: number; absent: number }[];
  /** How many residents were invited (by role or by name), for a fraction rule. */
  invitees: number;
};

export type QuorumStatus = { represented: number; proxiesCounted: number; required: number; reached: boolean };

/**
 * 法定人数. Represented = residents present + proxies counted once each, and only while the holder is still
 * there and the absent resident has not turned up in person. A fraction rule rounds up: half of 25 invitees
 * needs 13.
 */
export function quorumStatus(rule: QuorumRule, presence: Presence): QuorumStatus {
  const present = new Set(presence.present);
  const represented = new Set<number>();
  for (const proxy of presence.proxies) {
    if (present.has(proxy.holder) && !present.has(proxy.absent)) represented.add(proxy.absent);
  }
  const total = present.size + represented.size;
  const required =
    rule.kind === 'none'
      ? 0
      : rule.kind === 'count'
        ? Math.ceil(rule.value)
        : Math.ceil(rule.value * presence.invitees - 1e-9);
  return { represented: total, proxiesCounted: represented.size, required, reached: total >= required };
}
