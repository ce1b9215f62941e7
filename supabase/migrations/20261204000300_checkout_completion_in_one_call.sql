-- A Checkout Session's completion, recorded by the webhook in one call (docs/architecture.md,
-- "Fast pages"): the event, the purchase (fulfil_checkout: once per session, its email queued),
-- the payment's state at Stripe when a refund or a dispute came first, and the event's outcome,
-- in the caller's transaction. The same steps as before, one round trip instead of four, so a
-- delivery holds a connection of the function's small pool for as short a time as it can. The
-- buyer's account is not made here (supabase/functions/_shared/fulfilment.ts says where).
create function public.record_checkout_completion(
  p_event_id text,
  p_event_type text,
  p_livemode boolean,
  p_payload jsonb,
  p_session_id text,
  p_product_id uuid,
  p_email text,
  p_amount_total integer,
  p_currency text,
  p_payment_intent_id text,
  p_paid_at timestamptz,
  -- The payment's state at Stripe now; settled only when it is not simply paid.
  p_status public.purchase_status,
  p_amount_refunded integer,
  -- Reconciliation records a new purchase as `reconciled`, saying what it did.
  p_reconciling boolean
)
-- What it did, as the webhook answers it (reconciliation's own label is only stored).
returns table (purchase_id uuid, first_fulfilment boolean, outcome text, detail text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  recorded record;
  done text;
  said text;
begin
  perform public.record_stripe_event(p_event_id, p_event_type, p_livemode, p_payload);
  select f.purchase_id, f.first_fulfilment into recorded
    from public.fulfil_checkout(p_session_id, p_product_id, p_email, p_amount_total, p_currency,
      p_payment_intent_id, p_paid_at) f;
  if p_payment_intent_id is not null and (p_status <> 'paid' or p_amount_refunded > 0) then
    perform public.settle_purchase(p_payment_intent_id, p_status, p_amount_refunded);
  end if;
  done := case when recorded.first_fulfilment then 'fulfilled' else 'already-fulfilled' end;
  said := 'purchase ' || recorded.purchase_id
    || case when p_status <> 'paid' then ' (' || p_status || ')' else '' end;
  if p_reconciling and recorded.first_fulfilment then
    perform public.mark_stripe_event_processed(p_event_id, 'reconciled', done || ': ' || said);
  else
    perform public.mark_stripe_event_processed(p_event_id, done, said);
  end if;
  return query select recorded.purchase_id, recorded.first_fulfilment, done, said;
end
$$;

revoke execute on function public.record_checkout_completion(
  text, text, boolean, jsonb, text, uuid, text, integer, text, text, timestamptz,
  public.purchase_status, integer, boolean
) from public, anon, authenticated;
grant execute on function public.record_checkout_completion(
  text, text, boolean, jsonb, text, uuid, text, integer, text, text, timestamptz,
  public.purchase_status, integer, boolean
) to service_role;
