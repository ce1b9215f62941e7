-- The seller's studio: who is a seller, the product lifecycle (draft, published, archived), slugs
-- that move without breaking links, uploaded covers and files for owners. Sellers write only
-- through the security definer functions below, which check the seller themselves; no client role
-- gains a write grant.

-- A seller is a user whose app_metadata says `"role": "admin"` (set by the server alone:
-- `npm run admin -- grant <email>`), signed in with a proven address: read live from auth.users,
-- so revoking takes effect at once, not when the JWT expires.
create function public.is_admin()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
      select 1 from auth.users u
      where u.id = auth.uid() and u.raw_app_meta_data ->> 'role' = 'admin' and u.deleted_at is null
    )
    and jsonb_path_exists(
      coalesce(auth.jwt() -> 'amr', '[]'::jsonb),
      '$[*] ? (@.method == "otp" || @.method == "magiclink")'
    )
    and not public.session_is_scoped()
$$;

revoke execute on function public.is_admin() from public, anon;
grant execute on function public.is_admin() to authenticated, service_role;

-- Archived: no longer for sale, kept for its owners (a product that sold is never deleted).
alter table public.products
  add column archived_at timestamptz,
  add constraint products_archived_is_not_published check (not (published and archived_at is not null)),
  -- An uploaded cover (Storage bucket `covers`): the object prefix and the widths made of it.
  -- It takes the place of `cover`, which stays as the fallback (the seed's SVGs, a placeholder).
  add column cover_image jsonb check (
    cover_image is null or (
      jsonb_typeof(cover_image -> 'prefix') = 'string'
      and jsonb_typeof(cover_image -> 'widths') = 'array'
      and jsonb_typeof(cover_image -> 'width') = 'number'
      and jsonb_typeof(cover_image -> 'height') = 'number'
    )
  );

-- Slugs a product had before: their pages redirect to its current one.
create table public.product_slugs (
  slug text primary key check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  product_id uuid not null references public.products (id) on delete cascade,
  retired_at timestamptz not null default now()
);

alter table public.product_slugs enable row level security;
revoke all on public.product_slugs from anon, authenticated;
grant select on public.product_slugs to anon, authenticated;
create policy "old slugs of what is on sale or owned lead to it"
  on public.product_slugs for select
  to anon, authenticated
  using (exists (select 1 from public.products p where p.id = product_id));

-- Files for owners, in the private Storage bucket `files` under `<product id>/…`.
create table public.product_files (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references public.products (id) on delete cascade,
  object_path text not null unique check (object_path ~ '^[0-9a-f-]{36}/[0-9a-f-]{36}/.+'),
  name text not null check (length(name) between 1 and 200),
  mime_type text not null check (length(mime_type) <= 100),
  size_bytes bigint not null check (size_bytes > 0),
  created_at timestamptz not null default now()
);

create index product_files_by_product on public.product_files (product_id, created_at);

-- Each download: who took which file, when (the seller sees the counts).
create table public.downloads (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  product_file_id uuid not null references public.product_files (id) on delete cascade,
  created_at timestamptz not null default now()
);

create index downloads_by_file on public.downloads (product_file_id);

alter table public.product_files enable row level security;
alter table public.downloads enable row level security;
revoke all on public.product_files, public.downloads from anon, authenticated;
grant select on public.product_files, public.downloads to authenticated;

create policy "readers of a product see its files"
  on public.product_files for select
  to authenticated
  using (public.may_read_product(product_id) or public.is_admin());

create policy "sellers see downloads"
  on public.downloads for select
  to authenticated
  using (public.is_admin());

-- Sellers see the whole catalogue, drafts and archived included, and the content.
create policy "sellers see every product"
  on public.products for select
  to authenticated
  using (public.is_admin());

create policy "sellers read every product's content"
  on public.product_content for select
  to authenticated
  using (public.is_admin());

-- Sellers see every purchase (their sales).
create policy "sellers see every purchase"
  on public.purchases for select
  to authenticated
  using (public.is_admin());

-- Refuses anyone who is not a seller, with the SQLSTATE the store answers 404 to.
create function public.require_admin()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not public.is_admin() then
    raise exception 'not a seller' using errcode = '42501';
  end if;
end
$$;

-- Creates (p_id null) or updates a product with its content. A new slug retires the old one.
create function public.admin_save_product(
  p_id uuid,
  p_slug text,
  p_title text,
  p_summary text,
  p_price_cents integer,
  p_currency text,
  p_sample text,
  p_body text
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  saved uuid;
  previous text;
begin
  perform public.require_admin();
  -- A slug that another product used before now belongs to this one.
  delete from public.product_slugs where slug = p_slug;
  if p_id is null then
    insert into public.products (slug, title, summary, price_cents, currency, sample, cover)
    values (p_slug, p_title, p_summary, p_price_cents, lower(p_currency), p_sample,
            '/covers/placeholder.svg')
    returning id into saved;
    insert into public.product_content (product_id, body) values (saved, p_body);
  else
    select slug into previous from public.products where id = p_id for update;
    if previous is null then
      raise exception 'no product %', p_id using errcode = 'P0002';
    end if;
    update public.products
    set slug = p_slug, title = p_title, summary = p_summary, price_cents = p_price_cents,
        currency = lower(p_currency), sample = p_sample, updated_at = now()
    where id = p_id;
    insert into public.product_content (product_id, body) values (p_id, p_body)
    on conflict (product_id) do update set body = excluded.body, updated_at = now();
    if previous <> p_slug then
      insert into public.product_slugs (slug, product_id) values (previous, p_id)
      on conflict (slug) do update set product_id = excluded.product_id, retired_at = now();
    end if;
    saved := p_id;
  end if;
  return saved;
end
$$;

-- Publish, unpublish (back to draft) or archive (no longer for sale; owners keep it).
create function public.admin_set_product_state(p_id uuid, p_state text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform public.require_admin();
  if p_state not in ('draft', 'published', 'archived') then
    raise exception 'unknown state %', p_state using errcode = '22023';
  end if;
  update public.products
  set published = (p_state = 'published'),
      archived_at = case when p_state = 'archived' then coalesce(archived_at, now()) end,
      updated_at = now()
  where id = p_id;
  if not found then
    raise exception 'no product %', p_id using errcode = 'P0002';
  end if;
end
$$;

-- Deletes a product that never sold (a sold one is archived instead). Returns its file paths so
-- the caller removes them from Storage.
create function public.admin_delete_product(p_id uuid)
returns setof text
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform public.require_admin();
  if exists (select 1 from public.purchases where product_id = p_id) then
    raise exception 'product % has sold: archive it instead', p_id using errcode = '23503';
  end if;
  return query select object_path from public.product_files where product_id = p_id;
  delete from public.products where id = p_id;
end
$$;

-- Sets (or clears, with null) a product's uploaded cover.
create function public.admin_set_cover(p_id uuid, p_cover_image jsonb)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform public.require_admin();
  update public.products set cover_image = p_cover_image, updated_at = now() where id = p_id;
  if not found then
    raise exception 'no product %', p_id using errcode = 'P0002';
  end if;
end
$$;

-- Records a file the seller uploaded (checked by the server first) for a product's owners.
create function public.admin_add_file(
  p_product_id uuid, p_object_path text, p_name text, p_mime_type text, p_size_bytes bigint
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  added uuid;
begin
  perform public.require_admin();
  if split_part(p_object_path, '/', 1) <> p_product_id::text then
    raise exception 'a file of product % must live under its folder', p_product_id
      using errcode = '22023';
  end if;
  insert into public.product_files (product_id, object_path, name, mime_type, size_bytes)
  values (p_product_id, p_object_path, p_name, p_mime_type, p_size_bytes)
  returning id into added;
  return added;
end
$$;

-- Removes a file's record; returns its object path so the caller removes the bytes.
create function public.admin_remove_file(p_file_id uuid)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  removed text;
begin
  perform public.require_admin();
  delete from public.product_files where id = p_file_id returning object_path into removed;
  return removed;
end
$$;

-- Records a download by the caller, if this session may read the file's product. Returns the
-- object path to sign, or nothing when refused.
create function public.record_download(p_file_id uuid)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  file public.product_files;
begin
  select * into file from public.product_files where id = p_file_id;
  if file.id is null or not public.may_read_product(file.product_id) then
    return null;
  end if;
  insert into public.downloads (user_id, product_file_id) values (auth.uid(), file.id);
  return file.object_path;
end
$$;

revoke execute on function
  public.require_admin(),
  public.admin_save_product(uuid, text, text, text, integer, text, text, text),
  public.admin_set_product_state(uuid, text),
  public.admin_delete_product(uuid),
  public.admin_set_cover(uuid, jsonb),
  public.admin_add_file(uuid, text, text, text, bigint),
  public.admin_remove_file(uuid),
  public.record_download(uuid)
  from public, anon;

grant execute on function
  public.require_admin(),
  public.admin_save_product(uuid, text, text, text, integer, text, text, text),
  public.admin_set_product_state(uuid, text),
  public.admin_delete_product(uuid),
  public.admin_set_cover(uuid, jsonb),
  public.admin_add_file(uuid, text, text, text, bigint),
  public.admin_remove_file(uuid),
  public.record_download(uuid)
  to authenticated;
