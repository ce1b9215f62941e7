-- What the library and the read page read, as functions, so Postgres keeps their plans
-- (docs/architecture.md, "Fast pages").
--
-- A statement sent as text is planned again each time, and with every table's policies in it the
-- library's took about a millisecond to plan, longer than to run. A PL/pgSQL function keeps the
-- plan of its query for the life of the connection. These run as the caller (security invoker):
-- the tables' RLS policies decide what they return, as they did for the statements they replace,
-- and only a signed-in role may call them.

-- The files of a product the caller may see, as JSON, in upload order (`[]` for none).
create function public.product_files_json(p_product_id uuid)
returns json
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select coalesce(
      json_agg(json_build_object('id', f.id, 'name', f.name, 'sizeBytes', f.size_bytes)
        order by f.created_at),
      '[]'::json
    )
    from public.product_files f where f.product_id = p_product_id
  );
end
$$;

-- What the caller may read: what they bought or claimed (as far as this session may see), newest
-- first, then, for a member, the rest of the catalogue in shop order; each with its files (RLS:
-- readers of a product see its files) and the slugs it had before.
create function public.library_items()
returns table (
  slug text,
  title text,
  cover text,
  cover_image jsonb,
  purchased_at timestamptz,
  via text,
  files json,
  former_slugs text[]
)
language plpgsql
stable
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
    with owned as (
      select distinct on (p.id) p.id, p.slug, p.title, p.cover, p.cover_image,
        pu.created_at as purchased_at
      from public.purchases pu join public.products p on p.id = pu.product_id
      where pu.user_id = (select auth.uid()) and pu.status = 'paid'
      order by p.id, pu.created_at desc
    )
    (select owned.slug, owned.title, owned.cover, owned.cover_image, owned.purchased_at,
      'purchase'::text, public.product_files_json(owned.id),
      array(select s.slug from public.product_slugs s where s.product_id = owned.id)
    from owned order by owned.purchased_at desc)
    union all
    (select p.slug, p.title, p.cover, p.cover_image, null::timestamptz, 'membership'::text,
      public.product_files_json(p.id),
      array(select s.slug from public.product_slugs s where s.product_id = p.id)
    from public.products p
    where (select public.current_membership() is not null) and p.published
      and p.id not in (select id from owned)
    order by p.position, p.created_at);
end
$$;

-- The caller's reading positions in what they may read (RLS), by the item's current slug.
create function public.reading_positions_by_slug()
returns table (slug text, fraction double precision, anchor text, device_updated_at timestamptz)
language plpgsql
stable
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
    select p.slug, rp.fraction, rp.anchor, rp.device_updated_at
    from public.reading_positions rp join public.products p on p.id = rp.product_id
    where rp.user_id = (select auth.uid());
end
$$;

-- A product's full text if the caller may read it (no row otherwise), whether this session is
-- scoped to its own checkouts, the product's files, and where the caller stopped reading it.
create function public.readable_content(p_product_id uuid)
returns table (
  body text,
  scoped boolean,
  files json,
  fraction double precision,
  anchor text,
  device_updated_at timestamptz
)
language plpgsql
stable
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
    select c.body, public.session_is_scoped(), public.product_files_json(c.product_id),
      rp.fraction, rp.anchor, rp.device_updated_at
    from public.product_content c
    left join public.reading_positions rp
      on rp.product_id = c.product_id and rp.user_id = (select auth.uid())
    where c.product_id = p_product_id;
end
$$;

revoke execute on function public.library_items(), public.product_files_json(uuid),
  public.reading_positions_by_slug(), public.readable_content(uuid) from public, anon;
grant execute on function public.library_items(), public.product_files_json(uuid),
  public.reading_positions_by_slug(), public.readable_content(uuid) to authenticated;
