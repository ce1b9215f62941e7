-- storage.search: one level of a bucket under a prefix, as the list endpoint (and storage-js'
-- `list`) shows it. Same signature and answers as storage-api's function: names relative to the
-- prefix; a folder is one row with a null id; `search` narrows by the next characters, ignoring
-- case; sorted by name (folders and files together, ignoring case) or, for a date column,
-- folders first by name, then files by that column. It runs as the caller (security invoker),
-- so RLS on storage.objects decides what is listed.

create or replace function storage.search(
  prefix text,
  bucketname text,
  limits int default 100,
  levels int default 1,
  offsets int default 0,
  search text default '',
  sortcolumn text default 'name',
  sortorder text default 'asc'
)
returns table (
  name text,
  id uuid,
  updated_at timestamptz,
  created_at timestamptz,
  last_accessed_at timestamptz,
  metadata jsonb
)
language plpgsql stable security invoker as $func$
declare
  v_prefix text := coalesce(prefix, '');
  v_direction text := case when lower(coalesce(sortorder, 'asc')) = 'desc' then 'desc' else 'asc' end;
  v_column text := case lower(coalesce(sortcolumn, 'name'))
    when 'updated_at' then 'updated_at'
    when 'created_at' then 'created_at'
    when 'last_accessed_at' then 'last_accessed_at'
    else 'name'
  end;
  v_order text;
begin
  if v_column = 'name' then
    v_order := format('lower(e.name) collate "C" %1$s, e.name collate "C" %1$s', v_direction);
  else
    v_order := format('e.folder desc, case when e.folder then e.name end collate "C" %1$s, e.%2$I %1$s, e.name collate "C" %1$s', v_direction, v_column);
  end if;

  return query execute format($sql$
    with matching as (
      select o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata,
             substr(o.name, length($1) + 1) as rest
      from storage.objects o
      where o.bucket_id = $2
        and starts_with(lower(o.name), lower($1 || $3))
    ),
    entries as (
      select distinct split_part(m.rest, '/', 1) as name, null::uuid as id,
             null::timestamptz as updated_at, null::timestamptz as created_at,
             null::timestamptz as last_accessed_at, null::jsonb as metadata, true as folder
      from matching m
      where strpos(m.rest, '/') > 0
      union all
      select m.rest, m.id, m.updated_at, m.created_at, m.last_accessed_at, m.metadata, false
      from matching m
      where strpos(m.rest, '/') = 0
    )
    select e.name, e.id, e.updated_at, e.created_at, e.last_accessed_at, e.metadata
    from entries e
    order by %s
    limit $4 offset $5
  $sql$, v_order)
  using v_prefix, bucketname, coalesce(search, ''), least(coalesce(limits, 100), 1500), coalesce(offsets, 0);
end
$func$;
