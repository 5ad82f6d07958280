import { eq } from 'drizzle-orm';
import { defaultLocale, locales, type Locale } from '../../shared/locale';
import { appSetting } from '../db/schema';
import { change, type Handlers, type ServiceContext } from './context';

export function readLocale(ctx: ServiceContext): Locale {
  const row = ctx.db.select().from(appSetting).where(eq(appSetting.key, 'locale')).get();
  return locales.find((l) => l === row?.value) ?? defaultLocale;
}

export function settingsService(ctx: ServiceContext): Pick<Handlers, 'settings:setLocale'> {
  return {
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
