-- Storage's own access rules say what the store's checks say. Covers live in the public bucket
-- `covers` (read by anyone through Storage's public URLs; written by the store's server only).
-- Files for owners live in the private bucket `files` under `<product id>/<file id>/<name>`:
-- readable by whoever may read the product (the one ownership rule, scoped sessions included)
-- and by sellers. No client role may write to either bucket; the server uploads with the secret
-- key, or hands a seller a signed upload URL for one path.

-- The product an object of `files` belongs to: its first folder, when that is a product id.
create function public.file_product_id(p_name text)
returns uuid
language sql
immutable
set search_path = ''
as $$
  select case
    when split_part(p_name, '/', 1) ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    then split_part(p_name, '/', 1)::uuid
  end
$$;

create policy "readers of a product read its files"
  on storage.objects for select
  to authenticated
  using (
    bucket_id = 'files'
    and (public.may_read_product(public.file_product_id(name)) or public.is_admin())
  );
