// Growth: each page's server time with 10,000 products and 1,000,000 purchases against its time
// with the demo catalogue, for the same signed-in buyer owning the same item in both databases.
// Signed in, so every view runs its queries (a logged-out page would come from memory).
import { performance } from 'node:perf_hooks';
import { startApp } from '../../tests/support/app-process.ts';
import { createAccount, signedInCookies } from '../../tests/support/sessions.ts';
import { addBuyer, seedScale } from '../seed-scale.ts';
import { percentile } from './load.ts';

const VIEWS = 30;

/** Median time of a page's views (after a few unmeasured ones). */
async function serverTime(url: string, cookie: string) {
	const times: number[] = [];
	for (let i = 0; i < VIEWS + 5; i++) {
		const start = performance.now();
		const response = await fetch(url, { headers: { cookie } });
		await response.arrayBuffer();
		if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
		if (i >= 5) times.push(performance.now() - start);
	}
	return percentile(times, 50);
}

export const growthPages = [
	['shop', '/'],
	['product', '/products/night-photography'],
	['library', '/library'],
	['read', '/products/night-photography/read']
] as const;

export async function growth(demo: { origin: string; databaseUrl: string }, build: string) {
	const scaleUrl = await seedScale();
	const user = await createAccount('bench-growth');
	await addBuyer(demo.databaseUrl, user, 'night-photography');
	await addBuyer(scaleUrl, user, 'night-photography');
	const scale = await startApp(
		4197,
		{ DATABASE_URL: scaleUrl, DATABASE_LISTEN_URL: scaleUrl, PURCHASE_EMAIL_POLL_SECONDS: '3600' },
		build
	);
	try {
		const cookie = await signedInCookies(demo.origin, user.email);
		const times: Record<string, { demo: number; scale: number }> = {};
		for (const [name, path] of growthPages) {
			times[name] = {
				demo: await serverTime(`${demo.origin}${path}`, cookie),
				scale: await serverTime(`${scale.origin}${path}`, cookie)
			};
		}
		return times;
	} finally {
		await scale.stop();
	}
}
