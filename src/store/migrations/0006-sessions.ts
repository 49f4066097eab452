/**
 * Dashboard sessions: a browser logs in once with an API key and then carries an opaque random token
 * in an httpOnly cookie. Only the sha256 of the token is stored, so a leaked table (a backup, a
 * replica) cannot be replayed as a login. `key_prefix` names the API key the session was opened with:
 * revoking that key ends its sessions too. `expires_at` slides forward on use (idle timeout). The
 * cookie carries the account id next to the token, so every lookup is by (account_id, token_hash).
 */
export default /* sql */ `
create table sessions (
  account_id text not null references accounts (account_id),
  token_hash text not null,
  key_prefix text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  constraint sessions_pkey primary key (account_id, token_hash),
  constraint sessions_token_hash_check check (token_hash ~ '^[0-9a-f]{64}$')
);
create index sessions_ended_idx on sessions (account_id, expires_at);
`;
