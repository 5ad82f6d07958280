import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Community } from '../../shared/domain/community';
import { AppError } from '../../shared/errors';
import { appSetting, community } from '../db/schema';
import { change, type Handlers, type ServiceContext } from './context';

export function readCommunity(ctx: ServiceContext): Community | null {
  const row = ctx.db.select().from(community).where(eq(community.id, 1)).get();
  if (!row) return null;
  const { id: _id, ...profile } = row;
  return profile;
}

/** The profile, refusing work that belongs to the other kind (a sub-district holds no meetings of its own). */
export function requireProfile(ctx: ServiceContext, kind: Community['kind']): Community {
  const profile = readCommunity(ctx);
  if (!profile) throw new AppError('community_required');
  if (profile.kind !== kind) throw new AppError(kind === 'community' ? 'community_only' : 'sub_district_only');
  return profile;
}

const uidKey = 'community_uid';

/** This community's lasting identity in its reports: chosen once, kept across renames and new certificates. */
export function communityUid(ctx: ServiceContext): string {
  const row = ctx.db.select().from(appSetting).where(eq(appSetting.key, uidKey)).get();
  if (row) return row.value;
  const uid = randomUUID();
  change(ctx, (tx, audit) => {
    tx.insert(appSetting).values({ key: uidKey, value: uid }).run();
    audit({ action: 'community.uid', entity: 'setting', entityId: uidKey, payload: { uid } });
  });
  return uid;
}

export function communityService(
  ctx: ServiceContext,
): Pick<Handlers, 'community:get' | 'community:save' | 'subdistrict:save'> {
  function save(profile: Omit<Community, 'updatedAt'>): Community {
    const current = readCommunity(ctx);
    if (current && current.kind !== profile.kind) throw new AppError('profile_kind_fixed');
    const updatedAt = ctx.now().toISOString();
    change(ctx, (tx, audit) => {
      const values = { id: 1, ...profile, updatedAt };
      tx.insert(community).values(values).onConflictDoUpdate({ target: community.id, set: values }).run();
      audit({ action: `${profile.kind}.save`, entity: 'community', entityId: 1, payload: profile });
    });
    ctx.events.emit({ type: 'community:changed' });
    return { ...profile, updatedAt };
  }
  return {
    'community:get': () => readCommunity(ctx),
    'community:save': (profile) => save({ ...profile, kind: 'community' }),
    // A sub-district's name stands in both name fields; it has no pavilion.
    'subdistrict:save': ({ name, district }) =>
      save({
        kind: 'sub_district',
        name,
        subDistrict: name,
        district,
        pavilionName: '',
        pavilionPlace: '',
        contactName: '',
        contactPhone: '',
        noticeBoard: '',
      }),
  };
}
