import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { portOpen } from '@storefront/local-stack';
import type { CookieJar } from './cookie-jar.ts';
import { payHostedPage } from './stripe.ts';

/**
 * The store's production build in a process of its own, for integration tests that need the
 * real server next to the stack (the e2e suite has Playwright start its own), or for the bench or
 * an e2e test that needs a second build (`build`: the folder of another build or copy).
 */
export async function startApp(port: number, env: Record<string, string> = {}, build = 'build') {
	if (!existsSync(`${build}/handler.js`)) throw new Error('build the store first: npx vite build');
	const origin = `http://127.0.0.1:${port}`;
	const child: ChildProcess = spawn(
		process.execPath,
		['--env-file-if-exists=.env', 'server/index.ts'],
		{
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: origin,
				SHUTDOWN_TIMEOUT: '1',
				BUILD_DIR: build,
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let output = '';
	child.stdout!.on('data', (c) => (output += c));
	child.stderr!.on('data', (c) => (output += c));
	for (let i = 0; i < 200 && !(await portOpen(port)); i++) {
		if (child.exitCode !== null) throw new Error(`the store exited:\n${output}`);
		await new Promise((r) => setTimeout(r, 50));
	}
	return {
		origin,
		output: () => output,
		stop: () =>
			new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
				setTimeout(() => child.kill('SIGKILL'), 5000);
			})
	};
}

/** A form post to the store as a browser without JavaScript sends it; the jar keeps what it sets. */
export const postForm = (
	origin: string,
	path: string,
	form: Record<string, string>,
	jar: CookieJar
) =>
	fetch(`${origin}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			cookie: jar.header()
		},
		body: new URLSearchParams(form)
	}).then((r) => jar.add(r));

/** Starts a checkout as a browser would: the Buy form's POST, keeping the nonce cookie. */
export async function startCheckout(origin: string, slug: string) {
	const response = await fetch(`${origin}/products/${slug}?/buy`, {
		method: 'POST',
		redirect: 'manual',
		// A plain form post (not SvelteKit's enhanced fetch), as a browser without JavaScript sends it.
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: ''
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('checkout_nonce='));
	const location = response.headers.get('location');
	if (response.status !== 303 || !cookie || !location) {
		throw new Error(`Buy answered ${response.status} ${await response.text()}`);
	}
	return { checkoutUrl: location, nonceCookie: cookie.split(';')[0] };
}

/**
 * Buys `slug` as a browser would (the Buy form, the hosted page, the return from Checkout); the
 * jar then holds the buyer's session. Returns the return's answer.
 */
export async function buyAndReturn(origin: string, slug: string, email: string, jar: CookieJar) {
	const { checkoutUrl, nonceCookie } = await startCheckout(origin, slug);
	const paid = await payHostedPage(checkoutUrl, '4242424242424242', email);
	return jar.add(
		await fetch(paid.location!, { redirect: 'manual', headers: { cookie: nonceCookie } })
	);
}
