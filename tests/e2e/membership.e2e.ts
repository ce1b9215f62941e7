import { expect, test } from '@playwright/test';
import { uniqueEmail } from '@storefront/local-stack';
import {
	createTestPlan,
	failFutureCharges,
	moveOntoClock,
	type TestPlan
} from '../support/membership.ts';
import { stripe } from '../support/stripe.ts';
import {
	canRead,
	days,
	expectMembership,
	join,
	memberEmail,
	moveTo,
	openPortal,
	periodEndAtStripe,
	returnToStore
} from './membership-support.ts';
import { cachedContentPaths, expectServiceWorker } from './offline-support.ts';
import { buy, cards, closeDb, db, expectReading, logInWithLink, products } from './support.ts';

/**
 * A membership's whole life, in a browser, with Stripe's time moved by a test clock: a guest's
 * trial, its first payment, a renewal that fails (the grace period, then no access), the card
 * fixed in Stripe's portal; and a cancellation at the period end, undone and then kept.
 */

let trialPlan: TestPlan;
let plainPlan: TestPlan;
test.beforeAll(async () => {
	trialPlan = await createTestPlan(db(), { name: `All access ${uniqueEmail('t')}`, trialDays: 7 });
	plainPlan = await createTestPlan(db(), { name: `Reader ${uniqueEmail('p')}`, trialDays: 0 });
});
test.afterAll(closeDb);

const memberOnly = products.night;
const boughtOutright = products.houseplants;
const read = (slug: string) => `/products/${slug}/read`;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The button of a plan's monthly price on /membership (its accessible name names the plan). */
const monthlyButton = (verb: string, plan: TestPlan) =>
	new RegExp(`^${verb}: ${escaped(plan.name)}, .* per month$`);

test('a guest’s monthly trial: reads at once, pays at the trial’s end, keeps reading through a failed renewal’s grace period, loses membership items (also offline) but not purchases after it, and is back after fixing the card in the portal', async ({
	page
}) => {
	test.setTimeout(240_000);
	const address = uniqueEmail('member');

	// A guest starts a trial and reads a paid item at once (the browser is scoped to its checkout).
	await join(page, monthlyButton('Start free trial', trialPlan), { email: address });
	await expect(page.getByText('Your membership opens everything below')).toBeVisible();
	await page.goto(read(memberOnly.slug));
	await expectReading(page, memberOnly);
	const trialing = await expectMembership(address, { status: 'trialing', access: true });

	// The welcome email proves the address; then an outright purchase, and both saved offline.
	const welcome = await memberEmail(
		address,
		new RegExp(`^Welcome to ${escaped(trialPlan.name)}$`),
		1
	);
	await logInWithLink(page, welcome.link);
	await page.waitForURL((url) => url.pathname === '/library');
	await buy(page, boughtOutright);
	await expectReading(page, boughtOutright);
	await page.goto('/library');
	await expect(page.getByRole('heading', { name: 'Yours to keep' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'With your membership' })).toBeVisible();
	await expectServiceWorker(page);
	// Read pages opened under the service worker are kept already; the others are saved here.
	for (const product of [memberOnly, boughtOutright]) {
		const row = page.locator('main li').filter({ hasText: product.title });
		await expect(row.getByText(/^(Not available|Available) offline$/)).toBeVisible();
		const save = row.getByRole('button', { name: `Save offline ${product.title}` });
		if (await save.isVisible()) await save.click();
	}
	await expect
		.poll(() => cachedContentPaths(page))
		.toEqual(expect.arrayContaining([read(memberOnly.slug), read(boughtOutright.slug)]));

	// Stripe's time: the guest's customer goes on a test clock, moved past the trial's end.
	const clock = await moveOntoClock(trialing.customer);
	await moveTo(clock.id, clock.frozen_time + days(7) + 7200);
	const invoices = await stripe.invoices.list({
		subscription: trialing.subscription,
		status: 'paid'
	});
	expect(invoices.data.map((i) => i.amount_paid)).toContain(900);
	await expectMembership(address, { status: 'active', access: true });
	expect(await canRead(page, memberOnly)).toBe(true);

	// The next renewal fails: past due, still reading within the grace period, and an email.
	await failFutureCharges(trialing.customer, trialing.subscription);
	const renewal = await periodEndAtStripe(trialing.subscription);
	await moveTo(clock.id, renewal + 7200);
	await expectMembership(address, { status: 'past_due', access: true });
	expect(await canRead(page, memberOnly)).toBe(true);
	const failed = await memberEmail(address, /did not go through$/, 3);
	expect(failed.link).toContain('/auth/confirm');
	await page.goto('/account');
	await expect(page.getByText('payment failed; you keep reading until')).toBeVisible();

	// Past the grace period (Stripe still retrying): the membership's items are gone, online and
	// offline; what was bought stays.
	await moveTo(clock.id, renewal + days(8) + 7200);
	await expectMembership(address, { status: 'past_due', access: false });
	expect(await canRead(page, memberOnly)).toBe(false);
	await expect(page).toHaveURL(new RegExp(`/products/${memberOnly.slug}$`));
	expect(await canRead(page, boughtOutright)).toBe(true);
	await page.goto('/library');
	await expect(page.locator('main li .title')).toHaveText([boughtOutright.title]);
	await expect.poll(() => cachedContentPaths(page)).not.toContain(read(memberOnly.slug));
	expect(await cachedContentPaths(page)).toContain(read(boughtOutright.slug));

	// The card fixed in Stripe's portal pays the open invoice: active again.
	await openPortal(page);
	await page.getByLabel('Card number').fill(cards.ok);
	await page.getByLabel('Expiry').fill('12 / 34');
	await page.getByLabel('CVC').fill('123');
	await page.getByRole('button', { name: 'Update card' }).click();
	await expect(page.getByText('Active')).toBeVisible();
	await returnToStore(page);
	await expectMembership(address, { status: 'active', access: true });
	expect(await canRead(page, memberOnly)).toBe(true);
});

test('cancel at the period end in the portal: reading until the period ends; resumed, it renews; cancelled again, access ends with the period', async ({
	page
}) => {
	test.setTimeout(180_000);
	const address = uniqueEmail('canceller');
	await join(page, monthlyButton('Join', plainPlan), { email: address });
	const member = await expectMembership(address, { status: 'active', access: true });
	const welcome = await memberEmail(
		address,
		new RegExp(`^Welcome to ${escaped(plainPlan.name)}$`),
		1
	);
	await logInWithLink(page, welcome.link);
	await page.waitForURL((url) => url.pathname === '/library');
	const clock = await moveOntoClock(member.customer);

	await openPortal(page);
	await page.getByRole('button', { name: 'Cancel subscription' }).click();
	await expect(page.getByRole('button', { name: 'Renew subscription' })).toBeVisible();
	await returnToStore(page);
	await expectMembership(address, { cancelAtPeriodEnd: true, access: true });
	await page.reload();
	await expect(page.getByText(/ends on/)).toBeVisible();
	expect(await canRead(page, memberOnly)).toBe(true);

	// Resumed before the end: the period renews and reading goes on.
	await openPortal(page);
	await page.getByRole('button', { name: 'Renew subscription' }).click();
	await expect(page.getByRole('button', { name: 'Cancel subscription' })).toBeVisible();
	await expectMembership(address, { cancelAtPeriodEnd: false });
	const firstEnd = await periodEndAtStripe(member.subscription);
	await moveTo(clock.id, firstEnd + 7200);
	await expectMembership(address, { status: 'active', access: true });
	expect(await canRead(page, memberOnly)).toBe(true);

	// Cancelled again: still reading until the period ends, nothing after.
	await openPortal(page);
	await page.getByRole('button', { name: 'Cancel subscription' }).click();
	await expectMembership(address, { cancelAtPeriodEnd: true, access: true });
	const secondEnd = await periodEndAtStripe(member.subscription);
	await moveTo(clock.id, secondEnd - days(1));
	expect(await canRead(page, memberOnly)).toBe(true);
	await moveTo(clock.id, secondEnd + 60);
	await expectMembership(address, { status: 'canceled', access: false });
	expect(await canRead(page, memberOnly)).toBe(false);
	await memberEmail(address, /membership has ended$/, 2);
});
