import { expect, type APIResponse, type Browser, type Page, type Route } from '@playwright/test';
import { codeIn, emailsTo, linksIn, waitForEmail } from '@storefront/local-stack';
import { stripeApiUrl } from './stack.ts';

/** Shared steps of the purchase and login e2e tests: checkout, what the browser shows, email. */

/** Seed products, each with a sentence that only its full content (not the sample) contains. */
export const products = {
	sourdough: {
		slug: 'sourdough-field-guide',
		title: 'The Sourdough Field Guide',
		fullText: 'Let it cool for an hour before cutting.'
	},
	night: {
		slug: 'night-photography',
		title: 'Pocket Guide to Night Photography',
		fullText: 'Lower the highlights before anything else'
	},
	houseplants: {
		slug: 'houseplants-that-forgive',
		title: 'Houseplants That Forgive You',
		fullText: 'A month away is fine for every plant in this guide.'
	},
	bike: {
		slug: 'bike-repair-basics',
		title: 'Bike Repair for the Rest of Us',
		fullText: 'Turn the barrel adjuster'
	},
	ferments: {
		slug: 'tiny-kitchen-ferments',
		title: 'Tiny Kitchen Ferments',
		fullText: 'is harmless: skim it off.'
	},
	/** The free item: claimed with an email address. */
	clearEmails: {
		slug: 'clear-emails',
		title: 'Writing Clear Emails',
		fullText: 'Delete your first paragraph and read the email again.'
	}
} as const;
/** A product the tests buy and read: its page, its title, and a sentence only its full content has. */
export interface TestProduct {
	slug: string;
	title: string;
	fullText: string;
}

export const cards = {
	ok: '4242424242424242',
	declined: '4000000000000002',
	paysLater: '4000000000000077',
	failsLater: '4000000000000341'
} as const;

export * from './stack.ts';

// ---- checkout -------------------------------------------------------------------------------

/** Product page → Buy → the emulator's hosted page. Returns the Checkout Session id. */
export async function openCheckout(page: Page, product: TestProduct) {
	await page.goto(`/products/${product.slug}`);
	await page.getByRole('button', { name: 'Buy' }).click();
	await page.waitForURL(/\/c\/pay\/cs_/);
	const sessionId = /\/c\/pay\/(cs_[A-Za-z0-9_]+)/.exec(page.url())?.[1];
	expect(sessionId, 'Checkout Session id in the hosted page URL').toBeTruthy();
	return sessionId!;
}

interface PayDetails {
	/** Typed only when given (the field is read-only for a logged-in buyer). */
	email?: string;
	card?: string;
}

async function fillPayment(page: Page, { email, card = cards.ok }: PayDetails) {
	if (email) await page.getByLabel('Email').fill(email);
	await page.getByLabel('Card number').fill(card);
	await page.getByLabel('Expiry').fill('12 / 34');
	await page.getByLabel('CVC').fill('123');
}

/** Fills the hosted page and presses Pay. */
export async function pay(page: Page, details: PayDetails) {
	await fillPayment(page, details);
	await page.getByRole('button', { name: /^Pay / }).click();
}

/** A whole purchase from the product page; returns once the browser is back on the store. */
export async function buy(page: Page, product: TestProduct, email?: string, card?: string) {
	const sessionId = await openCheckout(page, product);
	await pay(page, { email, card });
	await page.waitForURL(
		(url) => !url.href.startsWith(stripeApiUrl) && !url.pathname.endsWith('/return')
	);
	return sessionId;
}

/**
 * Pays, but holds the browser's way back: the emulator's answer to the Pay POST (a 303 to the
 * store's /return) is fetched and kept from the browser until `release()` (the buyer comes back)
 * or `drop()` (the browser is closed). Playwright does not route a redirect's target, so the
 * POST is what is held.
 */
export async function payHoldingReturn(page: Page, details: PayDetails) {
	let hold: (held: { route: Route; response: APIResponse }) => void = () => {};
	const held = new Promise<{ route: Route; response: APIResponse }>((r) => (hold = r));
	await page.route(/\/c\/pay\/cs_/, async (route) => {
		if (route.request().method() !== 'POST') return route.continue();
		const response = await route.fetch({ maxRedirects: 0 });
		if (response.status() !== 303) return route.fulfill({ response });
		hold({ route, response });
	});
	await fillPayment(page, details);
	// The click waits for its navigation, which waits for the release: do not wait for it here.
	const clicked = page.getByRole('button', { name: /^Pay / }).click();
	const { route, response } = await held;
	return {
		returnUrl: response.headers()['location'],
		release: async () => {
			await route.fulfill({ response });
			await clicked;
		},
		drop: async () => {
			await route.abort('connectionclosed');
			await clicked.catch(() => {});
		}
	};
}

/**
 * Releases a held payment; returns the milliseconds from the release to the first response of the
 * page it ends on (the store's return handler, its redirect, and that page's server response).
 */
export async function releaseTimed(page: Page, release: () => Promise<void>, landing: RegExp) {
	const landed = page.waitForURL(landing, { waitUntil: 'commit' });
	const started = performance.now();
	await Promise.all([release(), landed]);
	return Math.round(performance.now() - started);
}

export const returnUrl = (product: TestProduct, sessionId: string) =>
	`/products/${product.slug}/return?session_id=${sessionId}`;

// ---- what the browser shows -----------------------------------------------------------------

export async function expectLoggedIn(page: Page, email: string) {
	const banner = page.getByRole('banner');
	await expect(banner.getByText(email)).toBeVisible();
	await expect(banner.getByRole('button', { name: 'Log out' })).toBeVisible();
}

export async function expectLoggedOut(page: Page) {
	const banner = page.getByRole('banner');
	await expect(banner.getByRole('link', { name: 'Log in' })).toBeVisible();
	await expect(banner.getByRole('button', { name: 'Log out' })).toHaveCount(0);
}

/** The read page of a product with its full content (not just the sample). */
export async function expectReading(page: Page, product: TestProduct) {
	await expect(page).toHaveURL(new RegExp(`/products/${product.slug}/read`));
	await expect(page.getByRole('heading', { level: 1, name: product.title })).toBeVisible();
	await expect(page.getByText(product.fullText)).toBeVisible();
}

// ---- email ----------------------------------------------------------------------------------

/**
 * The login link (its path and query: the confirm page and the token) and the code of an email
 * from the store. The link is opened on the store under test: on this shared stack another store
 * process's outbox worker may have sent the email, with that process's origin.
 */
export function credentialsIn(html: string) {
	const href = linksIn(html).find((h) => h.includes('/auth/confirm'));
	const code = codeIn(html);
	expect(href, 'a link to /auth/confirm').toBeTruthy();
	expect(code, 'a 6-digit code').toMatch(/^\d{6}$/);
	const url = new URL(href!);
	return { link: `${url.pathname}${url.search}`, origin: url.origin, code: code! };
}

/** The one purchase email of an address: checks its subject, returns its link and code. */
export async function purchaseEmail(address: string, product: TestProduct, timeoutMs = 20_000) {
	const email = await waitForEmail(address, timeoutMs);
	expect(email.subject).toBe(`Your purchase: ${product.title}`);
	return credentialsIn(email.html);
}

/**
 * Asserts that the address never holds more than `count` emails for `ms` milliseconds. Proving
 * that nothing more arrives needs a quiet period; it is bounded and short.
 */
export async function expectNoMoreEmails(address: string, count: number, ms = 4_000) {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		expect((await emailsTo(address)).length).toBeLessThanOrEqual(count);
		await new Promise((r) => setTimeout(r, 250));
	}
	expect(await emailsTo(address)).toHaveLength(count);
}

// ---- logging in with what the email carries -------------------------------------------------

/** Opens an emailed link (GET shows the confirm page) and presses Log in. */
export async function logInWithLink(page: Page, link: string) {
	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
	await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

/** Types the emailed code on the confirm page's code form (as from an installed app). */
export async function logInWithCode(page: Page, email: string, code: string, next = '/library') {
	await page.goto(`/auth/confirm?next=${encodeURIComponent(next)}`);
	await page.getByText('Have the 6-digit code instead?').click();
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('6-digit code').fill(code);
	await page.getByRole('button', { name: 'Log in with code' }).click();
}

/**
 * The purchase email used on another device (a fresh context) with its link or its code: it
 * logs that device in and opens the item.
 */
export async function readOnAnotherDevice(
	browser: Browser,
	email: string,
	product: TestProduct,
	sent: { link: string } | { code: string }
) {
	const other = await freshPage(browser);
	if ('link' in sent) await logInWithLink(other, sent.link);
	else await logInWithCode(other, email, sent.code, `/products/${product.slug}/read`);
	await expectReading(other, product);
	await expectLoggedIn(other, email);
}

/** A fresh browser context (its own cookie jar: another device, or the installed app). */
export async function freshPage(browser: Browser) {
	const context = await browser.newContext();
	return context.newPage();
}
