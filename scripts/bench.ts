// `npm run bench`: the purchase path's figures, each against a baseline measured in the same run
// on the same machine (so the ratios mean something where the absolute times do not).
//   1. the return handler (fulfil + account + login) against a plain product page render;
//   2. webhook throughput under a storm of duplicate deliveries against requests refused at the
//      signature check (the function's floor).
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { stackCli, uniqueEmail } from '@storefront/local-stack';
import { startApp, startCheckout } from '../tests/support/app-process.ts';
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
