import { eq } from 'drizzle-orm';
import type { Community } from '../../shared/domain/community';
import { community } from '../db/schema';
import { change, type Handlers, type ServiceContext } from './context';

export function readCommunity(ctx: ServiceContext): Community | null {
  const row = ctx.db.select().from(community).where(eq(community.id, 1)).get();
  if (!row) return null;
  const { id: _id, ...profile } = row;
  return profile;
}

export function communityService(ctx: ServiceContext): Pick<Handlers, 'community:get' | 'community:save'> {
  return {
    'community:get': () => readCommunity(ctx),
    'community:save': (profile) => {
      const updatedAt = ctx.now().toISOString();
      change(ctx, (tx, audit) => {
        const values = { id: 1, ...profile, updatedAt };
        tx.insert(community).values(values).onConflictDoUpdate({ target: community.id, set: values }).run();
        audit({ action: 'community.save', entity: 'community', entityId: 1, payload: profile });
      });
      ctx.events.emit({ type: 'community:changed' });
      return { ...profile, updatedAt };
    },
  };
}
