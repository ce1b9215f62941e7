import { expect, type Page } from '@playwright/test';
import { waitForEmails } from '@storefront/local-stack';
import { advanceClock, DAY } from '../support/membership.ts';
import { stripe } from '../support/stripe.ts';
import { cards, credentialsIn, db, type TestProduct } from './support.ts';

/** Steps of the membership e2e tests: joining, time at Stripe, the store's copy, the portal. */

export { DAY };

/** /membership → a plan's price → the hosted page, paid with `card` (typing the email if given). */
export async function join(
	page: Page,
	button: RegExp,
	{ email, card = cards.ok }: { email?: string; card?: string }
) {
	await page.goto('/membership');
	await page.getByRole('button', { name: button }).click();
	await page.waitForURL(/\/c\/pay\/cs_/);
	if (email) await page.getByLabel('Email').fill(email);
	await page.getByLabel('Card number').fill(card);
	await page.getByLabel('Expiry').fill('12 / 34');
	await page.getByLabel('CVC').fill('123');
	await page.getByRole('button', { name: /^(Start trial|Subscribe)/ }).click();
	await page.waitForURL(/\/library\?membership=welcome/);
}

export interface HeldMembership {
	subscription: string;
	customer: string;
	status: string;
	access: boolean;
	periodEnd: Date;
	cancelAtPeriodEnd: boolean;
}

/** The store's copy of the address's newest membership. */
export async function membershipOf(email: string): Promise<HeldMembership | undefined> {
	const [row] = await db()<HeldMembership[]>`
		select stripe_subscription_id as subscription, stripe_customer_id as customer, status,
			public.membership_grants_access(status, grace_ends_at) as access,
			current_period_ends_at as "periodEnd", cancel_at_period_end as "cancelAtPeriodEnd"
		from public.memberships where email = ${email.toLowerCase()} order by created_at desc limit 1`;
	return row;
}

/** Waits until the store (through its webhook) holds the membership in `expected`. */
export async function expectMembership(email: string, expected: Partial<HeldMembership>) {
	await expect.poll(async () => membershipOf(email), { timeout: 30_000 }).toMatchObject(expected);
	return (await membershipOf(email))!;
}

/** Moves the membership's clock (at Stripe) to `to`, and waits until all that was due has run. */
export async function moveTo(clock: string, to: number) {
	await advanceClock(clock, Math.round(to));
}

/** The subscription's current period end at Stripe, in seconds. */
export async function periodEndAtStripe(subscription: string) {
	const s = await stripe.subscriptions.retrieve(subscription);
	return s.items.data[0].current_period_end;
}

/** The address's emails with this subject start, waiting for the `nth`; its link and code. */
export async function memberEmail(address: string, subject: RegExp, nth: number) {
	const mails = await waitForEmails(address, nth, 30_000);
	const found = mails.find((m) => subject.test(m.subject));
	expect(
		found,
		`an email "${subject}" among ${mails.map((m) => m.subject).join(' | ')}`
	).toBeTruthy();
	return credentialsIn(found!.html);
}

/** The read page shows the full text, or sends the visitor to the product page. */
export async function canRead(page: Page, product: TestProduct) {
	await page.goto(`/products/${product.slug}/read`);
	return page.getByText(product.fullText).isVisible();
}

/** Opens the member's Stripe portal from the account page. */
export async function openPortal(page: Page) {
	await page.goto('/account');
	await page.getByRole('button', { name: 'Manage membership' }).click();
	await page.waitForURL(/\/p\/session\//);
	await expect(page.getByRole('heading', { name: 'Billing' })).toBeVisible();
}

/** Back from the portal to the store's account page. */
export async function returnToStore(page: Page) {
	await page.getByRole('link', { name: /Return to/ }).click();
	await page.waitForURL(/\/account/);
}

/** One day of Stripe time, in seconds. */
export const days = (n: number) => n * DAY;
