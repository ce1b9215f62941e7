-- Where each buyer stopped reading each item, so any of their devices resumes there.
--
-- A position is a fraction of the item (0 at its start, 1 at its end) and an anchor: the id of
-- the heading of the section being read, which survives a change of layout (another screen
-- width) where the fraction alone would drift. Devices write positions as the buyer reads, and
-- also later, when a device that read offline comes back online: the newest by the device's
-- clock wins (merge by time), so a late replay of an older position never overwrites a newer one.

create table public.reading_positions (
  user_id uuid not null references auth.users (id) on delete cascade,
  product_id uuid not null references public.products (id) on delete cascade,
  fraction double precision not null check (fraction >= 0 and fraction <= 1),
  anchor text check (anchor ~ '^[A-Za-z0-9_-]{1,128}$'),
  -- When the reader was there, by the device's clock (never later than the server's now).
  device_updated_at timestamptz not null,
  -- When the server last stored it.
  updated_at timestamptz not null default now(),
  primary key (user_id, product_id)
);

create index reading_positions_recent on public.reading_positions (user_id, device_updated_at desc);

alter table public.reading_positions enable row level security;
revoke all on public.reading_positions from anon, authenticated;
grant select on public.reading_positions to authenticated;

-- Only the reader, and only while this session may read the item (a refund hides the position
-- with the item; a session scoped to one checkout sees the positions of that item alone).
create policy "readers see their own positions in what they may read"
  on public.reading_positions for select
  to authenticated
  using (user_id = (select auth.uid()) and public.may_read_product(product_id));

-- Stores the caller's position in an item they may read, unless the stored one is at least as
-- new by the device's clock. A device clock ahead of the server's counts as now, so one fast
-- clock cannot hide every other device's positions. Returns the position now stored and whether
-- this call changed it. Refuses (42501) a caller who may not read the item.
create function public.save_reading_position(
  p_product_id uuid, p_fraction double precision, p_anchor text, p_device_updated_at timestamptz
)
returns table (fraction double precision, anchor text, device_updated_at timestamptz, applied boolean)
language plpgsql
security definer
set search_path = ''
as $$
declare
  reader uuid := auth.uid();
  changed boolean;
begin
  if reader is null or not public.may_read_product(p_product_id) then
    raise exception 'this session may not read product %', p_product_id using errcode = '42501';
  end if;
  insert into public.reading_positions as rp
    (user_id, product_id, fraction, anchor, device_updated_at)
  values
    (reader, p_product_id, p_fraction, p_anchor, least(p_device_updated_at, now()))
  on conflict (user_id, product_id) do update
    set fraction = excluded.fraction,
        anchor = excluded.anchor,
        device_updated_at = excluded.device_updated_at,
        updated_at = now()
    where rp.device_updated_at < excluded.device_updated_at;
  changed := found;
  return query
    select rp.fraction, rp.anchor, rp.device_updated_at, changed
    from public.reading_positions rp
    where rp.user_id = reader and rp.product_id = p_product_id;
end
$$;

revoke execute on function public.save_reading_position(uuid, double precision, text, timestamptz)
  from public, anon;
grant execute on function public.save_reading_position(uuid, double precision, text, timestamptz)
  to authenticated;
