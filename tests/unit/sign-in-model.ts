/**
 * A model of the sign-in desk, written from the rules as a secretary states them, independent of
 * shared/figures.ts: who is in the room, who ever came, which written proxy speaks for whom.
 */
export class SignInDesk {
  readonly inRoom = new Set<number>();
  readonly came = new Set<number>();
  /** absent resident → holder resident */
  readonly holderOf = new Map<number, number>();
  guests = 0;

  checkIn(resident: number): void {
    this.inRoom.add(resident);
    this.came.add(resident);
    // Someone who arrives in person no longer needs the proxy held for them.
    this.holderOf.delete(resident);
  }

  /** Only someone in the room can leave. */
  leave(resident: number): boolean {
    return this.inRoom.delete(resident);
  }

  guest(): void {
    this.guests += 1;
  }

  /** A proxy needs a holder in the room, for someone not in the room, not already spoken for. */
  proxy(holder: number, absent: number): boolean {
    if (!this.inRoom.has(holder) || this.inRoom.has(absent) || holder === absent || this.holderOf.has(absent))
      return false;
    this.holderOf.set(absent, holder);
    return true;
  }

  figures(invited: readonly number[]) {
    const represented = new Set([...this.came, ...this.holderOf.keys()]);
    const viaProxy = [...this.holderOf].filter(
      ([absent, holder]) => this.inRoom.has(holder) && !this.inRoom.has(absent),
    );
    const present = new Set([...this.inRoom, ...viaProxy.map(([absent]) => absent)]);
    return {
      // Someone counted who was not invited is owed a place in 应到 too; no list, no 应到.
      invited: invited.length ? new Set([...invited, ...represented]).size : 0,
      attended: represented.size,
      attendedProxies: [...this.holderOf.keys()].filter((a) => !this.came.has(a)).length,
      present: present.size,
      presentByProxy: present.size - this.inRoom.size,
      left: represented.size - present.size,
      guests: this.guests,
    };
  }
}
