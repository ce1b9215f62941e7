// `npm run bench`: the store's figures, each against a baseline or target measured in the same
// run on the same machine (ratios mean something where absolute numbers do not), printed as one
// table and written to bench/results.json. Builds into .bench/build, so a store running from
// build/ (`npm start`) is not disturbed. See README "Performance".
import { execFileSync } from 'node:child_process';
import { stackCli, uniqueEmail } from '@storefront/local-stack';
import { buyAndReturn, startApp } from '../tests/support/app-process.ts';
import { CookieJar } from '../tests/support/cookie-jar.ts';
import { adminSql } from '../tests/support/db.ts';
import { stackEnv } from '../tests/support/env.ts';
import { fetchPage, foreignOrigins, pageJavaScriptBytes } from '../tests/support/page-weight.ts';
import { growth, growthPages } from './bench/growth.ts';
import { lighthouseScores } from './bench/lighthouse.ts';
import { CONNECTIONS } from './bench/load.ts';
import { pageLoad } from './bench/pages.ts';
import { authRequestsPerView, returnTimes } from './bench/purchase.ts';
import { add, ms, percent, perSecond, printTable, writeResults } from './bench/report.ts';
import { webhookLoads } from './bench/webhook.ts';

const BUILD = '.bench/build';
const JS_BUDGET = 30 * 1024;
const started = Date.now();
const node = process.execPath;
execFileSync(node, [stackCli, 'up', '--quiet'], { stdio: 'inherit' });
try {
	// Quiet unless it fails: the service worker's build prints its dependencies' warnings.
	execFileSync(node, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, BUILD_DIR: BUILD }
	});
} catch (error) {
	const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
	console.error(`${stdout ?? ''}${stderr ?? ''}`);
	throw error;
}

const sql = adminSql();
const store = await startApp(4195, { PURCHASE_EMAIL_POLL_SECONDS: '3600' }, BUILD);
try {
	const reader = new CookieJar();
	await buyAndReturn(store.origin, 'night-photography', uniqueEmail('bench-reader'), reader);
	const cookie = reader.header();

	console.log(
		`\nPages, ${CONNECTIONS} connections, store and bare node:http in alternating rounds:`
	);
	const pages = [
		{ name: '/ (logged out)', path: '/', share: 0.5 },
		{ name: 'product (logged out)', path: '/products/slow-mornings', share: 0.5 },
		{ name: 'library (logged in)', path: '/library', share: 0.05, cookie },
		{ name: 'read (logged in)', path: '/products/night-photography/read', share: 0.05, cookie }
	];
	for (const page of pages) {
		const load = await pageLoad(
			page.name,
			`${store.origin}${page.path}`,
			page.cookie ? { cookie: page.cookie } : {}
		);
		const ratio = load.store.rps / load.bare.rps;
		add({
			figure: `${page.name}, req/s`,
			value: `${perSecond(load.store.rps)} (p95 ${ms(load.store.p95)})`,
			baseline: `${perSecond(load.bare.rps)} bare`,
			ratio: percent(ratio),
			target: `≥ ${percent(page.share)} of bare`,
			met: ratio >= page.share,
			data: { store: load.store, bare: load.bare, bytes: load.bytes }
		});
	}

	console.log('\nJavaScript per page (gzip):');
	const foreign: string[] = [];
	const weighed = [...pages, { name: 'login', path: '/login', cookie: undefined }];
	for (const { name, path, cookie } of weighed) {
		const answer = await fetchPage(`${store.origin}${path}`, cookie ? { cookie } : {});
		const bytes = pageJavaScriptBytes(`${BUILD}/client`, answer);
		add({
			figure: `JavaScript, ${name}`,
			value: `${(bytes / 1024).toFixed(1)} KB gzip`,
			target: '≤ 30 KB',
			met: bytes <= JS_BUDGET,
			data: { bytes }
		});
		foreign.push(...foreignOrigins(answer.html, store.origin, [stackEnv().apiUrl]));
	}
	add({
		figure: 'third-party origins in those pages',
		value: foreign.length ? [...new Set(foreign)].join(' ') : 'none',
		target: 'none',
		met: foreign.length === 0
	});

	console.log('\nWebhook through the gateway:');
	const hook = await webhookLoads(sql, 600);
	add({
		figure: `webhook, first-time completions (${hook.firstTimeCount})`,
		value: `${perSecond(hook.firstTime.rps)} (p95 ${ms(hook.firstTime.p95)})`,
		baseline: `${perSecond(hook.refused.rps)} refused at signature`,
		ratio: percent(hook.firstTime.rps / hook.refused.rps),
		target: '≥ 300 /s',
		met: hook.firstTime.rps >= 300,
		data: { ...hook }
	});
	add({
		figure: 'webhook, duplicates',
		value: `${perSecond(hook.duplicates.rps)} (p95 ${ms(hook.duplicates.p95)})`,
		baseline: `${perSecond(hook.refused.rps)} refused at signature`,
		ratio: percent(hook.duplicates.rps / hook.refused.rps),
		target: '≥ 1,000 /s',
		met: hook.duplicates.rps >= 1000
	});

	console.log('\nReturn from Stripe (20 purchases, one at a time):');
	const back = await returnTimes(store.origin, 20);
	add({
		figure: 'return handler, server time',
		value: `p95 ${ms(back.returnP95)} (p50 ${ms(back.returnP50)})`,
		baseline: `p95 ${ms(back.pageP95)} product page`,
		ratio: `${(back.returnP95 / back.pageP95).toFixed(1)}x`,
		target: 'p95 ≤ 150 ms',
		met: back.returnP95 <= 150,
		data: back
	});

	const auth = await authRequestsPerView(BUILD);
	add({
		figure: 'Auth requests per /library view',
		value: `${auth.asymmetric.toFixed(2)} (ES256, JWKS)`,
		baseline: `${auth.legacy.toFixed(2)} (HS256 secret)`,
		target: '0 with signing keys',
		met: auth.asymmetric === 0,
		data: auth
	});

	console.log('\nLighthouse (mobile):');
	const scores = await lighthouseScores(
		pages.map((p) => ({ name: p.name, url: `${store.origin}${p.path}`, cookie: p.cookie }))
	);
	for (const [name, s] of Object.entries(scores)) {
		const all = [s.performance, s.accessibility, s['best-practices'], s.seo];
		add({
			figure: `Lighthouse, ${name}`,
			value: all.join(' / '),
			target: '100 / 100 / 100 / 100',
			met: all.every((x) => x === 100),
			data: { ...s }
		});
	}

	console.log('\nGrowth (10,000 products, 1,000,000 purchases; signed in, median of 30 views):');
	const times = await growth({ origin: store.origin, databaseUrl: stackEnv().databaseUrl }, BUILD);
	for (const [name] of growthPages) {
		const { demo, scale } = times[name];
		add({
			figure: `growth, ${name}`,
			value: ms(scale),
			baseline: `${ms(demo)} demo catalogue`,
			ratio: `${(scale / demo).toFixed(2)}x`,
			target: '≤ 2x',
			met: scale <= 2 * demo,
			data: { demo, scale }
		});
	}
} finally {
	await store.stop();
	await sql.end();
}

const seconds = Math.round((Date.now() - started) / 1000);
const table = printTable();
writeResults(table, { seconds, when: new Date().toISOString() });
console.log(`bench/results.json written (${seconds} s)`);
