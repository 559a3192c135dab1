import type { Kysely } from 'kysely';
import { SettingsSchema, type Settings } from '../../../shared/settings/schema';
import type { LocalDatabase } from '../database/schema';

const KEY = 'app';

/** This device's preferences; they describe the adviser and programme and never leave the device. */
export class SettingsService {
  constructor(
    private readonly db: Kysely<LocalDatabase>,
    private readonly now: () => string,
  ) {}

  async get(): Promise<Settings> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
    // A value written by another version that no longer parses falls back to defaults rather than locking the app.
    const parsed = SettingsSchema.safeParse(row ? JSON.parse(row.value) : {});
    return parsed.success ? parsed.data : SettingsSchema.parse({});
  }

  async save(settings: Settings): Promise<Settings> {
    const value = JSON.stringify(settings);
    await this.db
      .insertInto('settings')
      .values({ key: KEY, value, updated_at: this.now() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: this.now() }))
      .execute();
    return settings;
  }
}
