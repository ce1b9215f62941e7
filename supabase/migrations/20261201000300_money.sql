-- Money the seller can see and trust: the billing audit log (in stripe_events, where the webhook
-- already records each event: no second table that could disagree), refunds asked for from the
-- studio, the amounts refunded, and the runs of the reconciliation that catches missed events.

-- The audit log: every event, its deliveries, what it did and why, and failures (the webhook
-- answered 5xx, Stripe retries). Reconciliation records what it repaired under `reconcile_…` ids
-- when Stripe no longer lists the event (older than its 30 days).
alter table public.stripe_events
  drop constraint stripe_events_id_check,
  add constraint stripe_events_id_check check (id ~ '^(evt|reconcile)_'),
  add column deliveries integer not null default 1,
  add column last_error text check (length(last_error) <= 1000),
  add column object_id text generated always as (payload #>> '{data,object,id}') stored,
  add column payment_intent_id text generated always as (
    coalesce(payload #>> '{data,object,payment_intent,id}', payload #>> '{data,object,payment_intent}')
  ) stored,
  add constraint stripe_events_outcome_check check (outcome in (
    'fulfilled', 'already-fulfilled', 'revoked', 'restored', 'unchanged', 'ignored', 'reconciled',
    'failed'
  ));

create index stripe_events_by_received on public.stripe_events (received_at desc);
create index stripe_events_by_object on public.stripe_events (object_id);
create index stripe_events_by_payment_intent on public.stripe_events (payment_intent_id);

-- A delivery of an event already processed: counted, nothing else.
create function public.count_stripe_event_delivery(p_id text)
returns void
language sql
security definer
set search_path = ''
as $$
  update public.stripe_events set deliveries = deliveries + 1 where id = p_id
$$;

-- An event whose processing failed (the webhook answers 5xx and Stripe retries): recorded with
-- the reason, unless it was processed meanwhile.
create function public.fail_stripe_event(
  p_id text, p_type text, p_livemode boolean, p_payload jsonb, p_error text
)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.stripe_events (id, type, livemode, payload, outcome, last_error)
  values (p_id, p_type, p_livemode, p_payload, 'failed', left(p_error, 1000))
  on conflict (id) do update
    set outcome = 'failed', last_error = left(p_error, 1000)
    where public.stripe_events.processed_at is null
$$;

-- How much of a purchase Stripe has refunded (a partial refund keeps access).
alter table public.purchases
  add column amount_refunded integer not null default 0 check (amount_refunded >= 0);

create index purchases_by_created on public.purchases (created_at desc);

-- The status and refunded amount of a payment's purchase, as Stripe holds them now. Returns how
-- many purchases changed status.
create function public.settle_purchase(
  p_payment_intent_id text, p_status public.purchase_status, p_amount_refunded integer
)
returns integer
language sql
security definer
set search_path = ''
as $$
  with changed as (
    update public.purchases
    set status = p_status, amount_refunded = p_amount_refunded, updated_at = now()
    where stripe_payment_intent_id = p_payment_intent_id
      and (status <> p_status or amount_refunded <> p_amount_refunded)
    returning 1
  )
  select count(*)::integer from changed
$$;

-- Refunds a seller asked for in the studio. The access change still comes from Stripe's
-- `charge.refunded` (one writer of truth); until then the order shows "refund pending".
create table public.refund_requests (
  id uuid primary key,
  purchase_id uuid not null references public.purchases (id) on delete cascade,
  amount integer not null check (amount > 0),
  reason text not null check (reason in ('requested_by_customer', 'duplicate', 'fraudulent')),
  note text not null default '' check (length(note) <= 500),
  stripe_refund_id text unique check (stripe_refund_id ~ '^re_'),
  requested_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);

create index refund_requests_by_purchase on public.refund_requests (purchase_id);

alter table public.refund_requests enable row level security;
revoke all on public.refund_requests from anon, authenticated;
grant select on public.refund_requests to authenticated;
create policy "sellers see refund requests"
  on public.refund_requests for select
  to authenticated
  using (public.is_admin());

-- Records a refund the seller asked Stripe for (after Stripe accepted it; the same request id is
-- the Idempotency-Key, so a double submit records and refunds once).
create function public.admin_record_refund(
  p_id uuid, p_purchase_id uuid, p_amount integer, p_reason text, p_note text, p_stripe_refund_id text
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform public.require_admin();
  insert into public.refund_requests
    (id, purchase_id, amount, reason, note, stripe_refund_id, requested_by)
  values (p_id, p_purchase_id, p_amount, p_reason, p_note, p_stripe_refund_id, auth.uid())
  on conflict (id) do nothing;
end
$$;

-- Each reconciliation run: when, over what window, what it checked and what it changed.
create table public.reconcile_runs (
  id bigint generated always as identity primary key,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  since timestamptz not null,
  trigger text not null check (trigger in ('command', 'function')),
  checked integer not null default 0,
  changes jsonb not null default '[]',
  error text
);

alter table public.reconcile_runs enable row level security;
revoke all on public.reconcile_runs from anon, authenticated;
grant select on public.reconcile_runs to authenticated;
create policy "sellers see reconciliation runs"
  on public.reconcile_runs for select
  to authenticated
  using (public.is_admin());

-- Sellers read the audit log.
grant select on public.stripe_events to authenticated;
create policy "sellers read the billing audit log"
  on public.stripe_events for select
  to authenticated
  using (public.is_admin());

revoke execute on function
  public.count_stripe_event_delivery(text),
  public.fail_stripe_event(text, text, boolean, jsonb, text),
  public.settle_purchase(text, public.purchase_status, integer),
  public.admin_record_refund(uuid, uuid, integer, text, text, text)
  from public, anon, authenticated;
grant execute on function
  public.count_stripe_event_delivery(text),
  public.fail_stripe_event(text, text, boolean, jsonb, text),
  public.settle_purchase(text, public.purchase_status, integer)
  to service_role;
grant execute on function public.admin_record_refund(uuid, uuid, integer, text, text, text)
  to authenticated;
grant insert, update, select on public.reconcile_runs to service_role;

-- The purchase email waits for the buyer's return for a window measured from the payment (the
-- completion event's time), not from when the store learnt of it: a purchase that reconciliation
-- finds days later is emailed at once.
alter table public.purchase_emails add column paid_at timestamptz;

drop function public.fulfil_checkout(text, uuid, text, integer, text, text);
create function public.fulfil_checkout(
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
    insert into public.purchase_emails (stripe_checkout_session_id, email, paid_at)
    values (p_session_id, lower(p_email), least(p_paid_at, now()));
  end if;
  return query
    select p.id, recorded is not null, p.user_id, u.raw_app_meta_data ->> 'created_by_checkout'
    from public.purchases p left join auth.users u on u.id = p.user_id
    where p.stripe_checkout_session_id = p_session_id;
end
$$;

create or replace function public.claim_due_purchase_emails(
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
      and coalesce(send_after, coalesce(paid_at, created_at) + p_return_window) <= now()
      and (claimed_at is null or claimed_at < now() - interval '5 minutes')
    order by created_at
    limit p_limit
    for update skip locked
  )
  returning e.*
$$;

revoke execute on function
  public.fulfil_checkout(text, uuid, text, integer, text, text, timestamptz)
  from public, anon, authenticated;
grant execute on function
  public.fulfil_checkout(text, uuid, text, integer, text, text, timestamptz)
  to service_role;
