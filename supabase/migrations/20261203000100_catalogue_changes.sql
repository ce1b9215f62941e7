-- What every visitor sees is kept in each store server's memory (the catalogue, the plans on
-- offer, the pages rendered from them) until it changes. Every change, whoever makes it (the
-- studio, SQL, Supabase's table editor, a migration), tells every server at once: a statement that
-- changes one of these tables sends `NOTIFY catalogue_changed` when its transaction commits (and
-- never when it rolls back), which each server LISTENs for (src/lib/server/catalogue-changes.ts).
-- Postgres folds identical notifications of one transaction into one.

create function public.notify_catalogue_changed()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform pg_notify('catalogue_changed', tg_table_name);
  return null;
end
$$;

revoke execute on function public.notify_catalogue_changed() from public, anon, authenticated;

create trigger catalogue_changed after insert or update or delete or truncate on public.products
  for each statement execute function public.notify_catalogue_changed();
create trigger catalogue_changed after insert or update or delete or truncate
  on public.product_slugs
  for each statement execute function public.notify_catalogue_changed();
create trigger catalogue_changed after insert or update or delete or truncate on public.plans
  for each statement execute function public.notify_catalogue_changed();
create trigger catalogue_changed after insert or update or delete or truncate
  on public.plan_prices
  for each statement execute function public.notify_catalogue_changed();
