// `npm run bench`: the purchase path's figures, each against a baseline measured in the same run
// on the same machine (so the ratios mean something where the absolute times do not).
//   1. the return handler (fulfil + account + login) against a plain product page render;
//   2. webhook throughput under a storm of duplicate deliveries against requests refused at the
//      signature check (the function's floor);
//   3. requests to Supabase Auth per page view of /library: a session signed with the project's
//      signing key (ES256, verified from the JWKS) against the same session signed with the legacy
//      secret (HS256, which only Auth can verify).
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { stackCli, uniqueEmail } from '@storefront/local-stack';
import { buyAndReturn, startApp, startCheckout } from '../tests/support/app-process.ts';
import { CookieJar } from '../tests/support/cookie-jar.ts';
import { startCountingProxy } from '../tests/support/counting-proxy.ts';
import { stackEnv } from '../tests/support/env.ts';
import {
	completedEvent,
	control,
	deliver,
	payHostedPage,
	stripe,
	webhookUrl
} from '../tests/support/stripe.ts';

const node = process.execPath;
execFileSync(node, [stackCli, 'up', '--quiet'], { stdio: 'inherit' });
execFileSync(node, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
	stdio: 'inherit'
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function timed(work: () => Promise<unknown>) {
	const start = performance.now();
	await work();
	return performance.now() - start;
}

/** Runs `total` calls with `concurrency` in flight; returns calls per second. */
async function throughput(total: number, concurrency: number, call: () => Promise<unknown>) {
	let started = 0;
	const start = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (started++ < total) await call();
		})
	);
	return total / ((performance.now() - start) / 1000);
}

const app = await startApp(4195, { PURCHASE_EMAIL_POLL_SECONDS: '3600' });
await control('webhooks/pause');
try {
	const rounds = 10;
	const page: number[] = [];
	const returns: number[] = [];
	for (let i = 0; i < rounds; i++) {
		page.push(
			await timed(() => fetch(`${app.origin}/products/night-photography`).then((r) => r.text()))
		);
		const { checkoutUrl, nonceCookie } = await startCheckout(app.origin, 'night-photography');
		const paid = await payHostedPage(checkoutUrl, '4242424242424242', uniqueEmail('bench'));
		returns.push(
			await timed(() =>
				fetch(paid.location!, { redirect: 'manual', headers: { cookie: nonceCookie } })
			)
		);
	}
	console.log(`\nReturn handler, ${rounds} purchases (median):`);
	console.log(`  product page render (baseline)        ${ms(median(page))}`);
	console.log(`  return: verify, fulfil, account, login ${ms(median(returns))}`);
	console.log(
		`  ratio                                 ${(median(returns) / median(page)).toFixed(1)}x`
	);

	const { checkoutUrl } = await startCheckout(app.origin, 'slow-mornings');
	const paid = await payHostedPage(checkoutUrl, '4242424242424242', uniqueEmail('storm'));
	const session = await stripe.checkout.sessions.retrieve(
		new URL(paid.location!).searchParams.get('session_id')!
	);
	const payload = completedEvent(session);
	await deliver(payload); // the first delivery fulfils; the storm is made of duplicates
	const total = 400;
	const refused = await throughput(total, 20, () =>
		fetch(webhookUrl(), {
			method: 'POST',
			headers: { 'stripe-signature': 't=1,v1=0' },
			body: payload
		}).then((r) => r.text())
	);
	const duplicates = await throughput(total, 20, () => deliver(payload).then((r) => r.text()));
	console.log(`\nWebhook, ${total} deliveries, 20 in flight:`);
	console.log(`  refused at the signature check (baseline) ${refused.toFixed(0)} /s`);
	console.log(`  verified duplicates of one paid checkout  ${duplicates.toFixed(0)} /s`);
	console.log(`  ratio                                     ${(duplicates / refused).toFixed(2)}x`);
} finally {
	await control('webhooks/resume');
	await app.stop();
}

/** Page views of /library with the jar's session: Auth requests per view, and the median time. */
async function libraryViews(
	origin: string,
	jar: CookieJar,
	proxy: { authRequests: () => string[]; reset: () => void },
	views = 20
) {
	proxy.reset();
	const times: number[] = [];
	for (let i = 0; i < views; i++) {
		times.push(
			await timed(() =>
				fetch(`${origin}/library`, { headers: { cookie: jar.header() } }).then((r) => r.text())
			)
		);
	}
	return { perView: proxy.authRequests().length / views, median: median(times) };
}

const { apiUrl, publishableKey, secretKey, jwtSecret } = stackEnv();
const proxy = await startCountingProxy(apiUrl);
const viewer = await startApp(4196, {
	PUBLIC_SUPABASE_URL: proxy.url,
	PUBLIC_SUPABASE_PUBLISHABLE_KEY: publishableKey,
	SUPABASE_SECRET_KEY: secretKey,
	PURCHASE_EMAIL_POLL_SECONDS: '3600'
});
try {
	const jar = new CookieJar();
	await buyAndReturn(viewer.origin, 'houseplants-that-forgive', uniqueEmail('views'), jar);
	await fetch(`${viewer.origin}/library`, { headers: { cookie: jar.header() } }); // JWKS, once
	const asymmetric = await libraryViews(viewer.origin, jar, proxy);
	await jar.resignSession(jwtSecret);
	const legacy = await libraryViews(viewer.origin, jar, proxy);
	console.log('\nRequests to Supabase Auth per page view of /library (20 views after the first):');
	console.log(
		`  HS256 session (legacy secret, baseline)  ${legacy.perView.toFixed(2)} /view  ${ms(legacy.median)}`
	);
	console.log(
		`  ES256 session (signing key, JWKS)        ${asymmetric.perView.toFixed(2)} /view  ${ms(asymmetric.median)}`
	);
} finally {
	await viewer.stop();
	await proxy.stop();
}
