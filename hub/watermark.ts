import type { DeviceWatermark } from '../shared/sync/protocol';
import type { HubDb, HubTrx } from './database';
import { toNumber } from './schema';

export async function deviceWatermark(db: HubDb | HubTrx, deviceId: string): Promise<DeviceWatermark> {
  const row = await db.selectFrom('devices').select(['last_hlc', 'change_count']).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  return { lastHlc: row.last_hlc, changeCount: toNumber(row.change_count) };
}
