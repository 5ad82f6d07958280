import { eq } from 'drizzle-orm';
import { defaultLocale, locales, type Locale } from '../../shared/locale';
import { appSetting } from '../db/schema';
import { backupsToKeep, keepSettingKey } from '../db/backups';
import { change, type Handlers, type ServiceContext } from './context';

export function readLocale(ctx: ServiceContext): Locale {
  const row = ctx.db.select().from(appSetting).where(eq(appSetting.key, 'locale')).get();
  return locales.find((l) => l === row?.value) ?? defaultLocale;
}

export function settingsService(
  ctx: ServiceContext,
): Pick<Handlers, 'settings:setLocale' | 'backup:getKeep' | 'backup:setKeep'> {
  return {
    'backup:getKeep': () => backupsToKeep(ctx.db.$client),
    'backup:setKeep': ({ keep }) => {
      change(ctx, (tx, audit) => {
        tx.insert(appSetting)
          .values({ key: keepSettingKey, value: String(keep) })
          .onConflictDoUpdate({ target: appSetting.key, set: { value: String(keep) } })
          .run();
        audit({ action: 'settings.backupKeep', entity: 'setting', entityId: keepSettingKey, payload: { keep } });
      });
      return keep;
    },
    'settings:setLocale': ({ locale }) => {
      change(ctx, (tx, audit) => {
        tx.insert(appSetting)
          .values({ key: 'locale', value: locale })
          .onConflictDoUpdate({ target: appSetting.key, set: { value: locale } })
          .run();
        audit({ action: 'settings.locale', entity: 'setting', entityId: 'locale', payload: { locale } });
      });
      ctx.events.emit({ type: 'locale:changed', locale });
      return locale;
    },
  };
}
