-- A catalogue and a sales history at scale, for the growth figure of `npm run bench` and the
-- query plan test (tests/integration/scale): 10,000 products, 100,000 buyers, 1,000,000
-- purchases, generated in SQL. Run on a throw-away database (scripts/seed-scale.ts), never on one
-- that matters. Every row passes the schema's own checks.
set synchronous_commit = off;
set maintenance_work_mem = '256MB';

insert into public.products (slug, title, summary, price_cents, currency, cover, sample, published, position)
select 'scale-' || n, 'Scale item ' || n, 'A generated product for the scale tests.',
  100 + n % 5000, (array['eur', 'usd', 'gbp'])[1 + n % 3], '/covers/placeholder.svg',
  '## Sample' || chr(10) || 'A generated sample.', n % 10 <> 0, 100 + n
from generate_series(1, 10000) n;

insert into public.product_content (product_id, body)
select id, '# ' || title || chr(10) || 'Generated content.' from public.products
where slug like 'scale-%';

insert into auth.users (id, instance_id, aud, role, email, email_confirmed_at, raw_app_meta_data,
  raw_user_meta_data, created_at, updated_at)
select ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
  '00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated',
  'buyer' || n || '@scale.test', now(), '{"provider":"email","providers":["email"]}', '{}', now(), now()
from generate_series(1, 100000) n;

-- Product ids in an array, so each purchase picks one by its number (no join per row).
with catalogue as (
  select array_agg(id order by slug) as ids from public.products where slug like 'scale-%'
)
insert into public.purchases (user_id, product_id, stripe_checkout_session_id,
  stripe_payment_intent_id, email, amount_total, currency, status, created_at, updated_at)
select ('00000000-0000-4000-8000-' || lpad(to_hex(1 + n % 100000), 12, '0'))::uuid,
  catalogue.ids[1 + (n::bigint * 7919) % 10000],
  'cs_scale_' || n, 'pi_scale_' || n, 'buyer' || (1 + n % 100000) || '@scale.test',
  1200, 'eur', case when n % 50 = 0 then 'refunded' else 'paid' end::public.purchase_status,
  now() - (n % 365) * interval '1 day', now()
from generate_series(1, 1000000) n, catalogue;

analyze public.products;
analyze public.product_content;
analyze public.purchases;
analyze auth.users;
