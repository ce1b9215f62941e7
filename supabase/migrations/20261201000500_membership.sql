-- All-access membership: a Stripe subscription that opens every published product. Its state is
-- Stripe's subscription object, copied whole whenever any of its events arrives (never inferred
-- from arrival order). The ownership rule (`may_read_product`) grows a second way in, so every
-- policy, the library, downloads and the offline rules follow it without change.

-- Plans the seller offers, each with a monthly and a yearly price per currency (Stripe Prices).
create table public.plans (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 100),
  description text not null default '' check (length(description) <= 1000),
  stripe_product_id text unique check (stripe_product_id ~ '^prod_'),
  -- A plan with members is archived (no new members), never deleted.
  archived_at timestamptz,
  created_at timestamptz not null default now()
);

create table public.plan_prices (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references public.plans (id) on delete cascade,
  interval text not null check (interval in ('month', 'year')),
  currency text not null check (currency ~ '^[a-z]{3}$'),
  unit_amount integer not null check (unit_amount > 0),
  trial_days integer not null default 0 check (trial_days between 0 and 730),
  stripe_price_id text not null unique check (stripe_price_id ~ '^price_'),
  active boolean not null default true,
  created_at timestamptz not null default now()
);

create unique index plan_prices_one_active on public.plan_prices (plan_id, interval, currency)
  where active;

-- One Stripe customer per account, recorded the first time Stripe makes one for it.
create table public.customers (
  user_id uuid primary key references auth.users (id) on delete cascade,
  stripe_customer_id text not null unique check (stripe_customer_id ~ '^cus_'),
  created_at timestamptz not null default now()
);

create table public.memberships (
  stripe_subscription_id text primary key check (stripe_subscription_id ~ '^sub_'),
  -- Null until the account exists (as for purchases: recorded first, linked after).
  user_id uuid references auth.users (id) on delete cascade,
  email text not null check (email = lower(email)),
  stripe_customer_id text not null check (stripe_customer_id ~ '^cus_'),
  stripe_price_id text not null,
  status text not null check (status in (
    'incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid',
    'paused'
  )),
  current_period_ends_at timestamptz,
  trial_ends_at timestamptz,
  cancel_at_period_end boolean not null default false,
  -- When it fell past due, on Stripe's clock (a test clock's time in tests).
  past_due_at timestamptz,
  -- Access while past due ends here, on the database's clock: the grace period (the store's
  -- configuration) counted on Stripe's clock, carried over at each sync.
  grace_ends_at timestamptz,
  ended_at timestamptz,
  -- The Checkout Session that started it: a session scoped to that checkout sees it.
  stripe_checkout_session_id text unique check (stripe_checkout_session_id ~ '^cs_'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index memberships_by_user on public.memberships (user_id);
create index memberships_unlinked on public.memberships (email) where user_id is null;

alter table public.plans enable row level security;
alter table public.plan_prices enable row level security;
alter table public.customers enable row level security;
alter table public.memberships enable row level security;
revoke all on public.plans, public.plan_prices, public.customers, public.memberships
  from anon, authenticated;
grant select on public.plans, public.plan_prices to anon, authenticated;
grant select on public.memberships, public.customers to authenticated;

create policy "plans on offer are public"
  on public.plans for select to anon, authenticated
  using (archived_at is null or public.is_admin());
create policy "prices of plans on offer are public"
  on public.plan_prices for select to anon, authenticated
  using (
    (active and exists (select 1 from public.plans p where p.id = plan_id and p.archived_at is null))
    or public.is_admin()
  );
create policy "customers see their own customer record"
  on public.customers for select to authenticated
  using (user_id = (select auth.uid()) or public.is_admin());

-- Sessions started by the return from a membership's Checkout are scoped to it.
create table public.session_membership_scopes (
  session_id uuid not null,
  stripe_subscription_id text not null
    references public.memberships (stripe_subscription_id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (session_id, stripe_subscription_id)
);
alter table public.session_membership_scopes enable row level security;
revoke all on public.session_membership_scopes from anon, authenticated;

-- A session scoped to checkouts is one with rows in either scope table.
create or replace function public.session_is_scoped()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
      select 1 from public.session_scopes s where s.session_id = public.current_session_id()
    )
    or exists (
      select 1 from public.session_membership_scopes s
      where s.session_id = public.current_session_id()
    )
$$;

-- A session proven by the emailed code or link (see session_sees_purchase).
create function public.session_is_passwordless()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false) = false
    and jsonb_path_exists(
      coalesce(auth.jwt() -> 'amr', '[]'::jsonb),
      '$[*] ? (@.method == "otp" || @.method == "magiclink")'
    )
$$;

create function public.session_sees_membership(p_subscription_id text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select public.session_is_passwordless()
    and (
      not public.session_is_scoped()
      or exists (
        select 1 from public.session_membership_scopes s
        where s.session_id = public.current_session_id()
          and s.stripe_subscription_id = p_subscription_id
      )
    )
$$;

create policy "members see their own memberships, as far as this session may"
  on public.memberships for select to authenticated
  using ((user_id = (select auth.uid()) and public.session_sees_membership(stripe_subscription_id))
    or public.is_admin());

-- Whether a membership opens the catalogue now: trialing or active, or past due within its grace.
create function public.membership_grants_access(p_status text, p_grace_until timestamptz)
returns boolean
language sql
stable
set search_path = ''
as $$
  select p_status in ('trialing', 'active') or (p_status = 'past_due' and p_grace_until > now())
$$;

-- The caller's membership that opens the catalogue now, visible to this session, if any.
create function public.current_membership()
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select m.stripe_subscription_id from public.memberships m
  where m.user_id = auth.uid()
    and public.membership_grants_access(m.status, m.grace_ends_at)
    and public.session_sees_membership(m.stripe_subscription_id)
  order by m.current_period_ends_at desc nulls last
  limit 1
$$;

-- The one ownership rule, now with its second way in: a paid purchase of the product, or a
-- membership that opens the catalogue (every published product) now.
create or replace function public.may_read_product(p_product_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
      select 1 from public.purchases pu
      where pu.product_id = p_product_id
        and pu.user_id = auth.uid()
        and pu.status = 'paid'
        and public.session_sees_purchase(pu.id)
    )
    or (
      exists (select 1 from public.products p where p.id = p_product_id and p.published)
      and public.current_membership() is not null
    )
$$;

-- Copies a subscription as Stripe holds it now (every field, whatever event brought it). The
-- account is linked when it exists. The grace period starts when it first falls past due, on
-- Stripe's clock (`p_stripe_now`: a test clock's frozen time, else now), and is stored as when it
-- ends on the database's clock, so a test clock moved past it ends it at the next sync.
create function public.sync_membership(
  p_subscription_id text,
  p_customer_id text,
  p_email text,
  p_price_id text,
  p_status text,
  p_current_period_end timestamptz,
  p_trial_end timestamptz,
  p_cancel_at_period_end boolean,
  p_ended_at timestamptz,
  p_checkout_session_id text,
  p_grace interval,
  p_past_due_since timestamptz,
  p_stripe_now timestamptz
)
returns table (user_id uuid, previous_status text, status text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  before text;
  since timestamptz;
  account uuid;
begin
  select m.status into before from public.memberships m
    where m.stripe_subscription_id = p_subscription_id for update;
  -- Past due since the unpaid invoice's first attempt (Stripe's time, from its invoice), so the
  -- grace period is the same whenever and in whatever order the events arrive.
  since := case when p_status = 'past_due' then coalesce(p_past_due_since, p_stripe_now) end;
  select c.user_id into account from public.customers c where c.stripe_customer_id = p_customer_id;
  if account is null then
    select u.id into account from auth.users u
      where lower(u.email) = lower(p_email) and u.deleted_at is null limit 1;
  end if;
  insert into public.memberships as m (
    stripe_subscription_id, user_id, email, stripe_customer_id, stripe_price_id, status,
    current_period_ends_at, trial_ends_at, cancel_at_period_end, ended_at, stripe_checkout_session_id,
    past_due_at, grace_ends_at
  ) values (
    p_subscription_id, account, lower(p_email), p_customer_id, p_price_id, p_status,
    p_current_period_end, p_trial_end, p_cancel_at_period_end, p_ended_at, p_checkout_session_id,
    since, now() + ((since + p_grace) - p_stripe_now)
  )
  on conflict (stripe_subscription_id) do update set
    user_id = coalesce(m.user_id, excluded.user_id),
    stripe_customer_id = excluded.stripe_customer_id,
    stripe_price_id = excluded.stripe_price_id,
    status = excluded.status,
    current_period_ends_at = excluded.current_period_ends_at,
    trial_ends_at = excluded.trial_ends_at,
    cancel_at_period_end = excluded.cancel_at_period_end,
    ended_at = excluded.ended_at,
    stripe_checkout_session_id = coalesce(m.stripe_checkout_session_id, excluded.stripe_checkout_session_id),
    past_due_at = excluded.past_due_at,
    grace_ends_at = excluded.grace_ends_at,
    updated_at = now();
  if account is not null then
    insert into public.customers (user_id, stripe_customer_id) values (account, p_customer_id)
    on conflict do nothing;
  end if;
  return query
    select m.user_id, before, m.status from public.memberships m
    where m.stripe_subscription_id = p_subscription_id;
end
$$;

-- Gives an account the memberships recorded for its address before it existed (as purchases).
create or replace function public.link_purchases(p_user_id uuid)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  linked integer;
begin
  update public.purchases pu set user_id = u.id, updated_at = now()
  from auth.users u
  where u.id = p_user_id and pu.user_id is null and pu.email = lower(u.email);
  get diagnostics linked = row_count;
  with members as (
    update public.memberships m set user_id = u.id, updated_at = now()
    from auth.users u
    where u.id = p_user_id and m.user_id is null and m.email = lower(u.email)
    returning m.stripe_customer_id
  )
  insert into public.customers (user_id, stripe_customer_id)
  select p_user_id, stripe_customer_id from members
  on conflict do nothing;
  return linked;
end
$$;

create function public.scope_session_to_membership(p_session_id uuid, p_subscription_id text)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.session_membership_scopes (session_id, stripe_subscription_id)
  values (p_session_id, p_subscription_id)
  on conflict do nothing
$$;

-- Sellers manage plans through these (their Stripe objects are made by the store's server first).
create function public.admin_save_plan(p_id uuid, p_name text, p_description text, p_stripe_product_id text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  saved uuid;
begin
  perform public.require_admin();
  if p_id is null then
    insert into public.plans (name, description, stripe_product_id)
    values (p_name, p_description, p_stripe_product_id) returning id into saved;
  else
    update public.plans set name = p_name, description = p_description where id = p_id
    returning id into saved;
  end if;
  return saved;
end
$$;

create function public.admin_add_plan_price(
  p_plan_id uuid, p_interval text, p_currency text, p_unit_amount integer, p_trial_days integer,
  p_stripe_price_id text
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform public.require_admin();
  update public.plan_prices set active = false
    where plan_id = p_plan_id and interval = p_interval and currency = lower(p_currency) and active;
  insert into public.plan_prices (plan_id, interval, currency, unit_amount, trial_days, stripe_price_id)
  values (p_plan_id, p_interval, lower(p_currency), p_unit_amount, p_trial_days, p_stripe_price_id);
end
$$;

-- Archives a plan (no new members) or, when it never had a member, deletes it. Returns what it did.
create function public.admin_retire_plan(p_id uuid)
returns text
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform public.require_admin();
  if exists (
    select 1 from public.memberships m join public.plan_prices pp on pp.stripe_price_id = m.stripe_price_id
    where pp.plan_id = p_id
  ) then
    update public.plans set archived_at = coalesce(archived_at, now()) where id = p_id;
    update public.plan_prices set active = false where plan_id = p_id;
    return 'archived';
  end if;
  delete from public.plans where id = p_id;
  return 'deleted';
end
$$;

-- The email outbox, for every email the store asks Supabase Auth to send on its own behalf (its
-- Send Email Hook composes them): the purchase email (as before), a membership's welcome, and
-- the membership notices (a failed payment with a link to fix it, a trial ending, an end). Each
-- is keyed by what it is for, so it is queued once however often its cause is delivered.
create table public.email_outbox (
  key text primary key check (length(key) <= 300),
  kind text not null check (kind in (
    'purchase', 'membership', 'payment_failed', 'trial_ending', 'membership_ended'
  )),
  email text not null,
  -- The purchase id or the subscription id the email names.
  about text not null,
  paid_at timestamptz,
  send_after timestamptz,
  claimed_at timestamptz,
  claimed_by text,
  sent_at timestamptz,
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now()
);

create index email_outbox_unsent on public.email_outbox (created_at) where sent_at is null;
alter table public.email_outbox enable row level security;
revoke all on public.email_outbox from anon, authenticated;

insert into public.email_outbox
  (key, kind, email, about, paid_at, send_after, claimed_at, claimed_by, sent_at, attempts,
   last_error, created_at)
select e.stripe_checkout_session_id, 'purchase', e.email, p.id::text, e.paid_at, e.send_after,
  e.claimed_at, e.claimed_by, e.sent_at, e.attempts, e.last_error, e.created_at
from public.purchase_emails e join public.purchases p using (stripe_checkout_session_id);

drop function public.claim_purchase_email(text, text);
drop function public.claim_due_purchase_emails(text, integer, interval);
drop function public.finish_purchase_email(text, text, boolean, text, timestamptz);

create or replace function public.fulfil_checkout(
  p_session_id text,
  p_product_id uuid,
  p_email text,
  p_amount_total integer,
  p_currency text,
  p_payment_intent_id text,
  p_paid_at timestamptz default now()
)
returns table (
  purchase_id uuid, first_fulfilment boolean, user_id uuid, account_created_by_checkout text
)
language plpgsql
security definer
set search_path = ''
as $$
declare
  recorded uuid;
  account uuid;
begin
  if not exists (select 1 from public.products p where p.id = p_product_id) then
    raise exception 'unknown product %', p_product_id using errcode = 'P0002';
  end if;
  select u.id into account from auth.users u
    where lower(u.email) = lower(p_email) and u.deleted_at is null
    limit 1;

  insert into public.purchases
    (user_id, product_id, stripe_checkout_session_id, stripe_payment_intent_id, email,
     amount_total, currency)
  values
    (account, p_product_id, p_session_id, p_payment_intent_id, lower(p_email),
     p_amount_total, lower(p_currency))
  on conflict (stripe_checkout_session_id) do nothing
  returning id into recorded;

  if recorded is not null then
    insert into public.email_outbox (key, kind, email, about, paid_at)
    values (p_session_id, 'purchase', lower(p_email), recorded::text, least(p_paid_at, now()));
  end if;
  return query
    select p.id, recorded is not null, p.user_id, u.raw_app_meta_data ->> 'created_by_checkout'
    from public.purchases p left join auth.users u on u.id = p.user_id
    where p.stripe_checkout_session_id = p_session_id;
end
$$;

drop table public.purchase_emails;

-- Queues one email (once per key). A purchase's or a membership's welcome waits for the buyer's
-- return (see claim_due_emails); a notice is due at once.
create function public.queue_email(
  p_key text, p_kind text, p_email text, p_about text, p_paid_at timestamptz default null
)
returns boolean
language sql
security definer
set search_path = ''
as $$
  with queued as (
    insert into public.email_outbox (key, kind, email, about, paid_at, send_after)
    values (p_key, p_kind, lower(p_email), p_about, p_paid_at,
      case when p_kind in ('purchase', 'membership') then null else now() end)
    on conflict (key) do nothing
    returning 1
  )
  select exists (select 1 from queued)
$$;

-- Takes one email for the buyer's return, whatever its schedule (nothing when it is sent or held).
create function public.claim_email(p_key text, p_claimer text)
returns setof public.email_outbox
language sql
security definer
set search_path = ''
as $$
  update public.email_outbox
  set claimed_at = now(), claimed_by = p_claimer, attempts = attempts + 1
  where key = p_key
    and sent_at is null
    and (claimed_at is null or claimed_at < now() - interval '5 minutes')
  returning *
$$;

-- The emails whose time has come, oldest first, claimed for one sender.
create function public.claim_due_emails(p_claimer text, p_limit integer, p_return_window interval)
returns setof public.email_outbox
language sql
security definer
set search_path = ''
as $$
  update public.email_outbox e
  set claimed_at = now(), claimed_by = p_claimer, attempts = e.attempts + 1
  where e.key in (
    select key from public.email_outbox
    where sent_at is null
      and coalesce(send_after, coalesce(paid_at, created_at) + p_return_window) <= now()
      and (claimed_at is null or claimed_at < now() - interval '5 minutes')
    order by created_at
    limit p_limit
    for update skip locked
  )
  returning e.*
$$;

-- Ends a claim: sent, or released to be tried again after p_retry_after.
create function public.finish_email(
  p_key text, p_claimer text, p_sent boolean, p_error text, p_retry_after timestamptz
)
returns void
language sql
security definer
set search_path = ''
as $$
  update public.email_outbox
  set sent_at = case when p_sent then now() end,
      last_error = p_error,
      send_after = coalesce(p_retry_after, send_after),
      claimed_at = null,
      claimed_by = null
  where key = p_key and claimed_by = p_claimer and sent_at is null
$$;

revoke execute on function
  public.sync_membership(text, text, text, text, text, timestamptz, timestamptz, boolean, timestamptz, text, interval, timestamptz, timestamptz),
  public.scope_session_to_membership(uuid, text),
  public.queue_email(text, text, text, text, timestamptz),
  public.claim_email(text, text),
  public.claim_due_emails(text, integer, interval),
  public.finish_email(text, text, boolean, text, timestamptz),
  public.admin_save_plan(uuid, text, text, text),
  public.admin_add_plan_price(uuid, text, text, integer, integer, text),
  public.admin_retire_plan(uuid)
  from public, anon, authenticated;
grant execute on function
  public.sync_membership(text, text, text, text, text, timestamptz, timestamptz, boolean, timestamptz, text, interval, timestamptz, timestamptz),
  public.scope_session_to_membership(uuid, text),
  public.queue_email(text, text, text, text, timestamptz),
  public.claim_email(text, text),
  public.claim_due_emails(text, integer, interval),
  public.finish_email(text, text, boolean, text, timestamptz)
  to service_role;
grant execute on function
  public.admin_save_plan(uuid, text, text, text),
  public.admin_add_plan_price(uuid, text, text, integer, integer, text),
  public.admin_retire_plan(uuid)
  to authenticated;
revoke execute on function
  public.session_is_passwordless(), public.session_sees_membership(text), public.current_membership()
  from public, anon;
grant execute on function
  public.session_is_passwordless(), public.session_sees_membership(text), public.current_membership()
  to authenticated, service_role;
