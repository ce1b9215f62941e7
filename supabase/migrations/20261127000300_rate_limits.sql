-- Rate limits kept in Postgres, so they hold across several app servers: login emails per
-- address and per IP, wrong codes per address. Buckets carry hashes, never raw addresses.

create table public.rate_limit_hits (
  bucket text not null check (length(bucket) <= 200),
  hit_at timestamptz not null default now()
);

create index rate_limit_hits_by_bucket on public.rate_limit_hits (bucket, hit_at);

alter table public.rate_limit_hits enable row level security;
revoke all on public.rate_limit_hits from anon, authenticated;

-- Counts a hit in the bucket unless it already holds p_limit hits within p_window, or its last
-- hit is more recent than p_cooldown. Returns whether the hit was allowed and, if not, after
-- how many seconds it would be. One caller per bucket at a time (advisory lock), so concurrent
-- requests cannot slip past the limit together.
create function public.rate_limit_hit(
  p_bucket text, p_limit integer, p_window interval, p_cooldown interval default '0 seconds'
)
returns table (allowed boolean, retry_after_seconds integer)
language plpgsql
security definer
set search_path = ''
as $$
declare
  recent integer;
  oldest timestamptz;
  newest timestamptz;
  wait interval;
begin
  perform pg_advisory_xact_lock(hashtextextended(p_bucket, 0));
  delete from public.rate_limit_hits where bucket = p_bucket and hit_at < now() - p_window;
  select count(*), min(hit_at), max(hit_at) into recent, oldest, newest
    from public.rate_limit_hits where bucket = p_bucket;
  wait := greatest(
    case when recent >= p_limit then oldest + p_window - now() else '0 seconds'::interval end,
    case when newest is not null then newest + p_cooldown - now() else '0 seconds'::interval end
  );
  if wait > '0 seconds'::interval then
    return query select false, ceil(extract(epoch from wait))::integer;
    return;
  end if;
  insert into public.rate_limit_hits (bucket) values (p_bucket);
  return query select true, 0;
end
$$;

revoke execute on function public.rate_limit_hit(text, integer, interval, interval)
  from public, anon, authenticated;
grant execute on function public.rate_limit_hit(text, integer, interval, interval) to service_role;
