// The purchase path's figures, each against a baseline of the same run: the return from Stripe
// (fulfil, account, login) against a product page render, and requests to Supabase Auth per page
// view with a session signed by the project's signing key against the legacy HS256 secret.
import { performance } from 'node:perf_hooks';
import { uniqueEmail } from '@storefront/local-stack';
import { buyAndReturn, startApp, startCheckout } from '../../tests/support/app-process.ts';
import { CookieJar } from '../../tests/support/cookie-jar.ts';
import { startCountingProxy } from '../../tests/support/counting-proxy.ts';
import { stackEnv } from '../../tests/support/env.ts';
import { payHostedPage } from '../../tests/support/stripe.ts';
import { percentile } from './load.ts';

async function timed(work: () => Promise<unknown>) {
	const start = performance.now();
	await work();
	return performance.now() - start;
}

/** Times of `rounds` returns from Stripe, and of the (uncached, logged-in) product page beside each. */
export async function returnTimes(origin: string, rounds: number) {
	const page: number[] = [];
	const returns: number[] = [];
	const jar = new CookieJar();
	await buyAndReturn(origin, 'bike-repair-basics', uniqueEmail('bench-page'), jar);
	for (let i = 0; i < rounds; i++) {
		page.push(
			await timed(() =>
				fetch(`${origin}/products/night-photography`, {
					headers: { cookie: jar.header() }
				}).then((r) => r.text())
			)
		);
		const { checkoutUrl, nonceCookie } = await startCheckout(origin, 'night-photography');
		const paid = await payHostedPage(checkoutUrl, '4242424242424242', uniqueEmail('bench'));
		returns.push(
			await timed(() =>
				fetch(paid.location!, { redirect: 'manual', headers: { cookie: nonceCookie } })
			)
		);
	}
	return {
		pageP95: percentile(page, 95),
		returnP50: percentile(returns, 50),
		returnP95: percentile(returns, 95)
	};
}

/** Requests to Supabase Auth per view of /library, by the kind of key the session is signed with. */
export async function authRequestsPerView(build: string, views = 20) {
	const { apiUrl, publishableKey, secretKey, jwtSecret } = stackEnv();
	const proxy = await startCountingProxy(apiUrl);
	const viewer = await startApp(
		4196,
		{
			PUBLIC_SUPABASE_URL: proxy.url,
			PUBLIC_SUPABASE_PUBLISHABLE_KEY: publishableKey,
			SUPABASE_SECRET_KEY: secretKey,
			PURCHASE_EMAIL_POLL_SECONDS: '3600'
		},
		build
	);
	const perView = async (jar: CookieJar) => {
		proxy.reset();
		for (let i = 0; i < views; i++) {
			await fetch(`${viewer.origin}/library`, { headers: { cookie: jar.header() } }).then((r) =>
				r.text()
			);
		}
		return proxy.authRequests().length / views;
	};
	try {
		const jar = new CookieJar();
		await buyAndReturn(viewer.origin, 'houseplants-that-forgive', uniqueEmail('views'), jar);
		await fetch(`${viewer.origin}/library`, { headers: { cookie: jar.header() } }); // JWKS, once
		const asymmetric = await perView(jar);
		await jar.resignSession(jwtSecret);
		const legacy = await perView(jar);
		return { asymmetric, legacy };
	} finally {
		await viewer.stop();
		await proxy.stop();
	}
}
