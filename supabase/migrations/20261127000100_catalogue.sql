-- The catalogue: what the store sells. Anyone may see published products; the content itself
-- is readable only by its owners (policy in the purchases migration) or, for free items, by any
-- logged-in buyer. Nobody writes from the client: the seller edits through migrations/seed or
-- the service role.

create table public.products (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  title text not null check (length(title) between 1 and 200),
  summary text not null default '' check (length(summary) <= 2000),
  -- Minor units of `currency` (cents, pence, yen). 0 means free for any logged-in buyer.
  price_cents integer not null check (price_cents >= 0),
  currency text not null check (currency ~ '^[a-z]{3}$'),
  cover text not null check (cover ~ '^/covers/[a-z0-9-]+\.(svg|png|webp|jpg)$'),
  -- A free excerpt shown to everyone on the product page (Markdown).
  sample text not null default '',
  published boolean not null default false,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index products_listing on public.products (position, created_at) where published;

create table public.product_content (
  product_id uuid primary key references public.products (id) on delete cascade,
  -- The full text (Markdown), sanitised when rendered.
  body text not null,
  updated_at timestamptz not null default now()
);

alter table public.products enable row level security;
alter table public.product_content enable row level security;

create policy "published products are public"
  on public.products for select
  to anon, authenticated
  using (published);

create policy "free content is readable when logged in"
  on public.product_content for select
  to authenticated
  using (
    exists (
      select 1 from public.products p
      where p.id = product_id and p.published and p.price_cents = 0
    )
  );

-- Table grants follow Supabase's defaults (all to the API roles); the writes are taken back so
-- that a missing policy can never turn into a client write.
revoke insert, update, delete, truncate on public.products, public.product_content
  from anon, authenticated;
