import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import Stripe from 'stripe';
import { startStripeEmulator, type StripeEmulatorOptions } from '../../../src/stripe/server.ts';

import { stripeClient as sdkAt } from '../../../src/testing/stripe.ts';

export { freePort } from '../../../src/process/probes.ts';

export const SECRET_KEY = 'sk_test_emulator_suite';
export const WEBHOOK_SECRET = 'whsec_emulator_suite_secret';

/** The official SDK pointed at an emulator, with this suite's key unless told otherwise. */
export const stripeClient = (baseUrl: string, key = SECRET_KEY) => sdkAt(baseUrl, key);

/** An emulator of its own for one test file, its state in a temporary folder. */
export async function startEmulator(options: Partial<StripeEmulatorOptions> = {}) {
	const folder = mkdtempSync(path.join(tmpdir(), 'stripe-emulator-'));
	const stateFile = path.join(folder, 'state.json');
	const running = await startStripeEmulator({ port: 0, stateFile, apiKey: SECRET_KEY, ...options });
	return {
		...running,
		stateFile,
		stripe: stripeClient(running.url),
		/** Calls the emulator's test-control API. */
		control: async (route: string, params: Record<string, string> = {}, method = 'POST') => {
			const response = await fetch(`${running.url}/_emulator/${route}`, {
				method,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: method === 'GET' ? undefined : new URLSearchParams(params)
			});
			const body = await response.json();
			if (!response.ok)
				throw new Error(`control ${route}: ${response.status} ${JSON.stringify(body)}`);
			return body;
		},
		cleanUp: async () => {
			await running.close();
			rmSync(folder, { recursive: true, force: true });
		}
	};
}

export type TestEmulator = Awaited<ReturnType<typeof startEmulator>>;

/** The error the SDK throws for a call, or a failure when the call succeeds. */
export async function failureOf(call: Promise<unknown>) {
	try {
		await call;
	} catch (error) {
		return error as InstanceType<typeof Stripe.errors.StripeError>;
	}
	throw new Error('expected the call to fail');
}

/** Polls until `check` returns a value (bounded by a number of tries, not a wall-clock assertion). */
export async function eventually<T>(
	check: () => T | undefined | Promise<T | undefined>,
	tries = 200,
	pauseMs = 50
): Promise<T> {
	for (let i = 0; i < tries; i++) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		await new Promise((resolve) => setTimeout(resolve, pauseMs));
	}
	throw new Error('condition not met');
}

export interface ReceivedWebhook {
	body: string;
	headers: IncomingHttpHeaders;
}

/** A small webhook endpoint: records each delivery and answers with the next planned status (200 after). */
export async function startReceiver(port = 0, statuses: number[] = []) {
	const received: ReceivedWebhook[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
			res.writeHead(statuses.shift() ?? 200).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${address.port}/webhook`,
		port: address.port,
		received,
		eventsOfType: (type: string) =>
			received.map((r) => JSON.parse(r.body) as Stripe.Event).filter((e) => e.type === type),
		close: () => {
			server.closeAllConnections();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

export const SUCCESS_URL = 'http://127.0.0.1:9/thanks?session_id={CHECKOUT_SESSION_ID}';
export const CANCEL_URL = 'http://127.0.0.1:9/products/book';

/** A one-item payment session like the store creates. */
export function createSession(
	stripe: Stripe,
	overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
	options?: Stripe.RequestOptions
) {
	return stripe.checkout.sessions.create(
		{
			mode: 'payment',
			success_url: SUCCESS_URL,
			cancel_url: CANCEL_URL,
			metadata: { product_id: 'prod-local-1' },
			line_items: [
				{
					quantity: 1,
					price_data: {
						currency: 'usd',
						unit_amount: 1999,
						product_data: { name: 'The Field Guide', images: ['http://127.0.0.1:9/cover.png'] }
					}
				}
			],
			...overrides
		},
		options
	);
}

/**
 * Pays on the hosted page in Chromium and returns where the browser was sent. The success URL's
 * host does not answer, so the navigation's target is read from the redirect instead of the page.
 */
export async function payInBrowser(
	browser: Browser,
	sessionUrl: string,
	card: string,
	email = 'buyer@example.com'
) {
	const page = await browser.newPage();
	try {
		await page.goto(sessionUrl);
		const emailField = page.getByLabel('Email');
		if (!(await emailField.getAttribute('readonly'))) await emailField.fill(email);
		await page.getByLabel('Card number').fill(card);
		await page.getByLabel('Expiry').fill('12 / 34');
		await page.getByLabel('CVC').fill('123');
		const redirect = page.waitForRequest(
			(request) => !request.url().startsWith(new URL(sessionUrl).origin)
		);
		const answer = page.waitForResponse(
			(response) => response.url() === sessionUrl && response.request().method() === 'POST'
		);
		await page.getByRole('button', { name: /^Pay/ }).click();
		const response = await answer;
		if (response.status() === 303)
			return { status: 303, location: (await redirect).url(), error: undefined };
		await page.waitForLoadState();
		return {
			status: response.status(),
			location: undefined,
			error: await page.getByRole('alert').textContent()
		};
	} finally {
		await page.close();
	}
}
