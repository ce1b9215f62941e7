-- Who may read what, in one place, and free items anyone can claim.
--
-- Stripe does not verify the email typed at checkout. The return from Checkout therefore logs the
-- buying browser in with a session *scoped* to the purchases it paid for itself
-- (public.session_scopes); only a session started by the emailed link or code (the address
-- proven) sees the whole account. public.session_sees_purchase says so, and
-- public.may_read_product, built on it, is what every policy about content uses.
--
-- Purchases are recorded before any account exists (user_id is null until the account is
-- linked), so an account is only ever created for a purchase or claim already recorded.

alter table public.purchases
  alter column user_id drop not null,
  alter column stripe_checkout_session_id drop not null,
  -- A Stripe Checkout purchase, or a free item claimed with an email address.
  add column source text not null default 'checkout' check (source in ('checkout', 'claim')),
  add constraint purchases_checkout_has_session
    check ((source = 'checkout') = (stripe_checkout_session_id is not null));

-- Claiming a free item twice records it once.
create unique index purchases_one_claim on public.purchases (product_id, email)
  where source = 'claim';
-- Purchases waiting for their account, found by address when it is created.
create index purchases_unlinked on public.purchases (email) where user_id is null;

-- The outbox reads the buyer's account from the purchase (it may be linked after queueing).
alter table public.purchase_emails drop column user_id;

-- Sessions started by the return from Checkout, and the purchases each may see. Rows are kept
-- after logout on purpose: an access token outlives its session by up to an hour, and a token of
-- a scoped session must never read as a full one.
create table public.session_scopes (
  session_id uuid not null,
  purchase_id uuid not null references public.purchases (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (session_id, purchase_id)
);

alter table public.session_scopes enable row level security;
revoke all on public.session_scopes from anon, authenticated;

-- The caller's session id, from the verified JWT (null when absent or not a uuid).
create function public.current_session_id()
returns uuid
language sql
stable
set search_path = ''
as $$
  select case
    when auth.jwt() ->> 'session_id' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    then (auth.jwt() ->> 'session_id')::uuid
  end
$$;

-- True when the caller's session was started by the return from Checkout and has not proven
-- its address since (a proof starts a new session).
create function public.session_is_scoped()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.session_scopes s where s.session_id = public.current_session_id()
  )
$$;

-- Whether the caller's session may see one of its user's purchases. The store is passwordless:
-- only a session from an emailed code or link (amr `otp`, or `magiclink` for PKCE) counts, so a
-- password someone set through Supabase Auth's API on an account they do not own opens nothing.
-- A scoped session sees only the purchases of its own checkouts.
create function public.session_sees_purchase(p_purchase_id uuid)
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
    and (
      not public.session_is_scoped()
      or exists (
        select 1 from public.session_scopes s
        where s.session_id = public.current_session_id() and s.purchase_id = p_purchase_id
      )
    )
$$;

-- The one ownership rule: the caller may read a product's content when one of their purchases of
-- it is paid (not refunded or disputed) and visible to this session.
create function public.may_read_product(p_product_id uuid)
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
$$;

drop policy "buyers see their own purchases" on public.purchases;
create policy "buyers see their own purchases, as far as this session may"
  on public.purchases for select
  to authenticated
  using (user_id = (select auth.uid()) and public.session_sees_purchase(id));

drop policy "owners read what they bought" on public.product_content;
drop policy "free content is readable when logged in" on public.product_content;
create policy "readers of a product read its content"
  on public.product_content for select
  to authenticated
  using (public.may_read_product(product_id));

drop policy "owners see what they bought, even once it is withdrawn from sale" on public.products;
create policy "readers see what they own, even once it is withdrawn from sale"
  on public.products for select
  to authenticated
  using (public.may_read_product(id));

-- Records a paid checkout once, before any account: linked at once when the address has an
-- account, else by public.link_purchases when it is created. The first call also queues the
-- purchase email. Refuses a product that does not exist (SQLSTATE P0002), a permanent error.
drop function public.fulfil_checkout(text, uuid, uuid, text, integer, text, text);
create function public.fulfil_checkout(
  p_session_id text,
  p_product_id uuid,
  p_email text,
  p_amount_total integer,
  p_currency text,
  p_payment_intent_id text
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
    insert into public.purchase_emails (stripe_checkout_session_id, email)
    values (p_session_id, lower(p_email));
  end if;
  -- The account (if any) and the checkout that created it: only that checkout's return may log a
  -- browser into it.
  return query
    select p.id, recorded is not null, p.user_id, u.raw_app_meta_data ->> 'created_by_checkout'
    from public.purchases p left join auth.users u on u.id = p.user_id
    where p.stripe_checkout_session_id = p_session_id;
end
$$;

-- Records a claim of a free, published item once per address, before any account (as above).
create function public.claim_free_product(p_product_id uuid, p_email text)
returns table (purchase_id uuid, first_claim boolean, user_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
declare
  product public.products;
  recorded uuid;
  account uuid;
begin
  select * into product from public.products p where p.id = p_product_id;
  if product.id is null or not product.published or product.price_cents <> 0 then
    raise exception 'product % is not a free item for sale', p_product_id using errcode = 'P0002';
  end if;
  select u.id into account from auth.users u
    where lower(u.email) = lower(p_email) and u.deleted_at is null
    limit 1;

  insert into public.purchases (user_id, product_id, email, amount_total, currency, source)
  values (account, p_product_id, lower(p_email), 0, product.currency, 'claim')
  on conflict (product_id, email) where source = 'claim' do nothing
  returning id into recorded;

  if recorded is not null then
    return query select recorded, true, account;
  else
    return query
      select p.id, false, p.user_id from public.purchases p
      where p.product_id = p_product_id and p.email = lower(p_email) and p.source = 'claim';
  end if;
end
$$;

-- Gives an account the purchases recorded for its address before it existed. Only the account
-- whose email it is: the address is checked here, not trusted from the caller.
create function public.link_purchases(p_user_id uuid)
returns integer
language sql
security definer
set search_path = ''
as $$
  with linked as (
    update public.purchases pu
    set user_id = u.id, updated_at = now()
    from auth.users u
    where u.id = p_user_id and pu.user_id is null and pu.email = lower(u.email)
    returning 1
  )
  select count(*)::integer from linked
$$;

-- Scopes a session to a purchase (the return from Checkout; again for each checkout it pays).
create function public.scope_session(p_session_id uuid, p_purchase_id uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.session_scopes (session_id, purchase_id)
  values (p_session_id, p_purchase_id)
  on conflict do nothing
$$;

-- What the webhook did with each event, for the seller's audit log.
alter table public.stripe_events
  add column outcome text,
  add column detail text check (length(detail) <= 1000);

drop function public.mark_stripe_event_processed(text);
create function public.mark_stripe_event_processed(p_id text, p_outcome text, p_detail text)
returns void
language sql
security definer
set search_path = ''
as $$
  update public.stripe_events
  set processed_at = now(), outcome = p_outcome, detail = left(p_detail, 1000)
  where id = p_id and processed_at is null
$$;

-- The outbox functions returned the old row type; recreate them for the new one.
drop function public.claim_purchase_email(text, text);
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

drop function public.claim_due_purchase_emails(text, integer, interval);
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

revoke execute on function
  public.fulfil_checkout(text, uuid, text, integer, text, text),
  public.mark_stripe_event_processed(text, text, text),
  public.claim_free_product(uuid, text),
  public.link_purchases(uuid),
  public.scope_session(uuid, uuid),
  public.claim_purchase_email(text, text),
  public.claim_due_purchase_emails(text, integer, interval)
  from public, anon, authenticated;

grant execute on function
  public.fulfil_checkout(text, uuid, text, integer, text, text),
  public.mark_stripe_event_processed(text, text, text),
  public.claim_free_product(uuid, text),
  public.link_purchases(uuid),
  public.scope_session(uuid, uuid),
  public.claim_purchase_email(text, text),
  public.claim_due_purchase_emails(text, integer, interval)
  to service_role;

-- The ownership rules are asked by policies and by the store for the signed-in caller.
revoke execute on function
  public.session_is_scoped(), public.session_sees_purchase(uuid), public.may_read_product(uuid)
  from public, anon;
grant execute on function
  public.session_is_scoped(), public.session_sees_purchase(uuid), public.may_read_product(uuid)
  to authenticated, service_role;
