-- Visitors who are not logged in read the plans on offer (the storefront and every product page
-- offer the membership). The policies of the membership migration also let a seller see archived
-- plans through `public.is_admin()`, which `anon` may not execute (studio migration): evaluating
-- them as `anon` failed with "permission denied for function is_admin", so those pages were 500s
-- for every logged-out visitor. Each role now gets a policy it can run.

drop policy "plans on offer are public" on public.plans;
drop policy "prices of plans on offer are public" on public.plan_prices;

create policy "plans on offer are public"
  on public.plans for select to anon
  using (archived_at is null);
create policy "plans on offer, and all of them for the seller"
  on public.plans for select to authenticated
  using (archived_at is null or public.is_admin());

create policy "prices of plans on offer are public"
  on public.plan_prices for select to anon
  using (active and exists (select 1 from public.plans p where p.id = plan_id and p.archived_at is null));
create policy "prices of plans on offer, and all of them for the seller"
  on public.plan_prices for select to authenticated
  using (
    (active and exists (select 1 from public.plans p where p.id = plan_id and p.archived_at is null))
    or public.is_admin()
  );
