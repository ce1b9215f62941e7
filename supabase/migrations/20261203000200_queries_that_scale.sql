-- Queries that stay cheap as the store grows (docs/architecture.md, "Fast pages").
--
-- The seller check in every policy runs once per statement, not once per row. Written as a plain
-- call, `public.is_admin()` is a function of no column that Postgres still evaluates for every row
-- it filters, and, inside an OR, it keeps the planner from any index: a buyer's purchases were a
-- sequential scan over the whole table (7.6 s with 1,000,000 purchases; scripts/scale-seed.sql).
-- As a scalar subquery it becomes an InitPlan, computed once; Supabase's RLS performance advice
-- writes `auth.uid()` the same way. Who may read what does not change.

alter policy "customers see their own customer record" on public.customers
  using (user_id = (select auth.uid()) or (select public.is_admin()));

alter policy "sellers see downloads" on public.downloads
  using ((select public.is_admin()));

alter policy "members see their own memberships, as far as this session may" on public.memberships
  using (
    (user_id = (select auth.uid()) and public.session_sees_membership(stripe_subscription_id))
    or (select public.is_admin())
  );

alter policy "prices of plans on offer, and all of them for the seller" on public.plan_prices
  using (
    (active and exists (
      select 1 from public.plans p where p.id = plan_prices.plan_id and p.archived_at is null
    ))
    or (select public.is_admin())
  );

alter policy "plans on offer, and all of them for the seller" on public.plans
  using (archived_at is null or (select public.is_admin()));

alter policy "sellers read every product's content" on public.product_content
  using ((select public.is_admin()));

alter policy "readers of a product see its files" on public.product_files
  using (public.may_read_product(product_id) or (select public.is_admin()));

alter policy "sellers see every product" on public.products
  using ((select public.is_admin()));

alter policy "sellers see every purchase" on public.purchases
  using ((select public.is_admin()));

alter policy "sellers see reconciliation runs" on public.reconcile_runs
  using ((select public.is_admin()));

alter policy "sellers see refund requests" on public.refund_requests
  using ((select public.is_admin()));

alter policy "sellers read the billing audit log" on public.stripe_events
  using ((select public.is_admin()));

alter policy "readers of a product read its files" on storage.objects
  using (
    bucket_id = 'files'
    and (public.may_read_product(public.file_product_id(name)) or (select public.is_admin()))
  );

-- The slugs a product had before, looked up by product (the library lists them with each item,
-- and product pages redirect from them): without an index, a scan of every old slug per item.
create index product_slugs_by_product on public.product_slugs (product_id);
