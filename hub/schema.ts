import type { Role } from '../shared/sync/protocol';

/**
 * The hub's tables as Kysely sees them. Counters are `number | string` because PostgreSQL's bigint
 * reaches JavaScript as text through `pg`; read them with `toNumber`. Times are ISO text on both
 * databases, JSON columns are text.
 */
export interface HubSchema {
  hub_meta: { key: string; value: string };
  hub_migrations: { name: string; applied_at: string };
  programmes: { id: string; name: string; last_seq: number | string; created_at: string };
  users: { id: string; programme_id: string; name: string; role: Role; created_at: string };
  enrol_codes: { code_hash: string; user_id: string; created_at: string; expires_at: string; used_at: string | null };
  devices: {
    device_id: string;
    user_id: string;
    programme_id: string;
    name: string;
    public_key: string;
    token_hash: string;
    previous_token_hash: string | null;
    token_issued_at: string;
    enrolled_at: string;
    revoked_at: string | null;
    last_hlc: string | null;
    change_count: number | string;
    last_seen_at: string | null;
  };
  rows: {
    programme_id: string;
    table_name: string;
    row_id: string;
    owner_user_id: string | null;
    company_id: string | null;
    values: string;
    clocks: string;
    seq: number | string;
  };
  changes: { change_id: string; programme_id: string; device_id: string; outcome: 'accepted' | 'conflict'; received_at: string };
  batches: { device_id: string; batch_id: string; response: string; received_at: string };
  audit_log: {
    id: string;
    at: string;
    programme_id: string | null;
    user_id: string | null;
    device_id: string | null;
    action: string;
    detail: string;
  };
}

export function toNumber(value: number | string | bigint): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new Error(`Counter out of range: ${String(value)}`);
  return number;
}
