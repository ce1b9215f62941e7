-- Purchases, the Stripe events that record them, and the outbox of purchase emails.
-- Clients only ever read their own purchases; every write goes through the security definer
-- functions at the end, granted to service_role alone (the webhook and the store's server).

create type public.purchase_status as enum ('paid', 'refunded', 'disputed');

create table public.purchases (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  product_id uuid not null references public.products (id) on delete restrict,
  -- Idempotency of fulfilment: the success redirect and any number of webhook deliveries race
  -- to insert the same session; the constraint lets exactly one win.
  stripe_checkout_session_id text not null unique check (stripe_checkout_session_id ~ '^cs_'),
  stripe_payment_intent_id text,
  email text not null check (email = lower(email)),
  amount_total integer not null check (amount_total >= 0),
  currency text not null check (currency ~ '^[a-z]{3}$'),
  status public.purchase_status not null default 'paid',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index purchases_by_user on public.purchases (user_id, created_at desc);
create index purchases_by_payment_intent on public.purchases (stripe_payment_intent_id);

alter table public.purchases enable row level security;

create policy "buyers see their own purchases"
  on public.purchases for select
  to authenticated
  using (user_id = (select auth.uid()));

create policy "owners read what they bought"
  on public.product_content for select
  to authenticated
  using (
    exists (
      select 1 from public.purchases pu
      where pu.product_id = product_content.product_id
        and pu.user_id = (select auth.uid())
        and pu.status = 'paid'
    )
  );

create policy "owners see what they bought, even once it is withdrawn from sale"
  on public.products for select
  to authenticated
  using (
    exists (
      select 1 from public.purchases pu
      where pu.product_id = products.id and pu.user_id = (select auth.uid()) and pu.status = 'paid'
    )
  );

-- Every Stripe event the webhook accepted, once: the primary key deduplicates redeliveries.
create table public.stripe_events (
  id text primary key check (id ~ '^evt_'),
  type text not null,
  livemode boolean not null,
  payload jsonb not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz
);

alter table public.stripe_events enable row level security;

-- The purchase email, queued by the first fulfilment and sent once the return-path login has
-- happened or its window has closed: Supabase Auth's emailed token must be issued after any
-- server-side login of the buyer, which would otherwise invalidate it (docs/architecture.md).
create table public.purchase_emails (
  stripe_checkout_session_id text primary key
    references public.purchases (stripe_checkout_session_id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  email text not null,
  -- Null: wait for the buyer's return until the store's return window has passed since
  -- created_at. Set: send at that time (the return has happened, or a retry is scheduled).
  send_after timestamptz,
  claimed_at timestamptz,
  claimed_by text,
  sent_at timestamptz,
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now()
);

create index purchase_emails_unsent on public.purchase_emails (created_at) where sent_at is null;

alter table public.purchase_emails enable row level security;

revoke all on public.purchases, public.stripe_events, public.purchase_emails
  from anon, authenticated;
grant select on public.purchases to authenticated;

-- Records a paid checkout once. Returns the purchase and whether this call recorded it; the
-- first call also queues the purchase email, in the same transaction.
create function public.fulfil_checkout(
  p_session_id text,
  p_user_id uuid,
  p_product_id uuid,
  p_email text,
  p_amount_total integer,
  p_currency text,
  p_payment_intent_id text
)
returns table (purchase_id uuid, first_fulfilment boolean)
language plpgsql
security definer
set search_path = ''
as $$
declare
  recorded uuid;
begin
  insert into public.purchases
    (user_id, product_id, stripe_checkout_session_id, stripe_payment_intent_id, email,
     amount_total, currency)
  values
    (p_user_id, p_product_id, p_session_id, p_payment_intent_id, lower(p_email),
     p_amount_total, lower(p_currency))
  on conflict (stripe_checkout_session_id) do nothing
  returning id into recorded;

  if recorded is not null then
    insert into public.purchase_emails (stripe_checkout_session_id, user_id, email)
    values (p_session_id, p_user_id, lower(p_email));
    return query select recorded, true;
  else
    return query
      select p.id, false from public.purchases p where p.stripe_checkout_session_id = p_session_id;
  end if;
end
$$;

-- Refunds and disputes take access away; a dispute won gives it back.
create function public.set_purchase_status(p_payment_intent_id text, p_status public.purchase_status)
returns integer
language sql
security definer
set search_path = ''
as $$
  with changed as (
    update public.purchases
    set status = p_status, updated_at = now()
    where stripe_payment_intent_id = p_payment_intent_id and status <> p_status
    returning 1
  )
  select count(*)::integer from changed
$$;

-- Records a Stripe event once; false when it was already recorded.
create function public.record_stripe_event(p_id text, p_type text, p_livemode boolean, p_payload jsonb)
returns boolean
language sql
security definer
set search_path = ''
as $$
  with inserted as (
    insert into public.stripe_events (id, type, livemode, payload)
    values (p_id, p_type, p_livemode, p_payload)
    on conflict (id) do nothing
    returning 1
  )
  select exists (select 1 from inserted)
$$;

create function public.mark_stripe_event_processed(p_id text)
returns void
language sql
security definer
set search_path = ''
as $$
  update public.stripe_events set processed_at = now() where id = p_id and processed_at is null
$$;

-- Takes one purchase email for the buyer's return, whatever its schedule. A claim older than
-- five minutes is abandoned (its sender died) and may be taken again. Returns nothing when the
-- email is sent or someone else holds it.
create function public.claim_purchase_email(p_session_id text, p_claimer text)
returns setof public.purchase_emails
language sql
security definer
set search_path = ''
as $$
  update public.purchase_emails
  set claimed_at = now(), claimed_by = p_claimer, attempts = attempts + 1
  where stripe_checkout_session_id = p_session_id
    and sent_at is null
    and (claimed_at is null or claimed_at < now() - interval '5 minutes')
  returning *
$$;

-- The emails whose time has come (p_return_window after their purchase, or their scheduled
-- time), oldest first, claimed for one sender.
create function public.claim_due_purchase_emails(
  p_claimer text, p_limit integer, p_return_window interval
)
returns setof public.purchase_emails
language sql
security definer
set search_path = ''
as $$
  update public.purchase_emails e
  set claimed_at = now(), claimed_by = p_claimer, attempts = e.attempts + 1
  where e.stripe_checkout_session_id in (
    select stripe_checkout_session_id from public.purchase_emails
    where sent_at is null
      and coalesce(send_after, created_at + p_return_window) <= now()
      and (claimed_at is null or claimed_at < now() - interval '5 minutes')
    order by created_at
    limit p_limit
    for update skip locked
  )
  returning e.*
$$;

-- Ends a claim: sent, or released to be tried again after p_retry_after.
create function public.finish_purchase_email(
  p_session_id text, p_claimer text, p_sent boolean, p_error text, p_retry_after timestamptz
)
returns void
language sql
security definer
set search_path = ''
as $$
  update public.purchase_emails
  set sent_at = case when p_sent then now() end,
      last_error = p_error,
      send_after = coalesce(p_retry_after, send_after),
      claimed_at = null,
      claimed_by = null
  where stripe_checkout_session_id = p_session_id and claimed_by = p_claimer and sent_at is null
$$;

revoke execute on function
  public.fulfil_checkout(text, uuid, uuid, text, integer, text, text),
  public.set_purchase_status(text, public.purchase_status),
  public.record_stripe_event(text, text, boolean, jsonb),
  public.mark_stripe_event_processed(text),
  public.claim_purchase_email(text, text),
  public.claim_due_purchase_emails(text, integer, interval),
  public.finish_purchase_email(text, text, boolean, text, timestamptz)
  from public, anon, authenticated;

grant execute on function
  public.fulfil_checkout(text, uuid, uuid, text, integer, text, text),
  public.set_purchase_status(text, public.purchase_status),
  public.record_stripe_event(text, text, boolean, jsonb),
  public.mark_stripe_event_processed(text),
  public.claim_purchase_email(text, text),
  public.claim_due_purchase_emails(text, integer, interval),
  public.finish_purchase_email(text, text, boolean, text, timestamptz)
  to service_role;
