import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { handleApi } from './api.ts';
import { defaultBillingSettings } from './billing/settings.ts';
import { expireOverdueSessions } from './checkout/sessions.ts';
import { resumeSettlements } from './checkout/settle.ts';
import { runRealTime } from './clock/test-clocks.ts';
import type { Emulator } from './emulator.ts';
import { servePage } from './pages/serve.ts';
import { pruneEvents } from './routes/events.ts';
import { Store } from './store.ts';
import { WebhookDispatcher, type DispatcherOptions } from './webhooks/dispatcher.ts';

/** How often the emulator does what falls due in real time (expiries, renewals, retries). */
const SWEEP_MS = 10_000;

export interface StripeEmulatorOptions {
	/** The stack gives it the emulator's port (`config/ports.ts`); 0 picks a free one (tests). */
	port: number;
	host?: string;
	/** JSON file holding the state across restarts; none keeps it in memory. */
	stateFile?: string;
	webhooks?: DispatcherOptions;
	/** When set, the only secret key accepted (any `sk_test_…` otherwise). */
	apiKey?: string;
	/** Milliseconds before an async test card settles. */
	asyncSettleMs?: number;
}

export interface RunningEmulator {
	url: string;
	emulator: Emulator;
	close: () => Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export async function startStripeEmulator(
	options: StripeEmulatorOptions
): Promise<RunningEmulator> {
	const host = options.host ?? '127.0.0.1';
	const store = new Store(options.stateFile);
	const emulator: Emulator = {
		store,
		webhooks: new WebhookDispatcher({
			...options.webhooks,
			// An event's `pending_webhooks` counts the endpoints it has yet to reach (`delivery_success`).
			onDelivered: (id) => {
				const event = store.get<Stripe.Event>('event', id);
				if (event && event.pending_webhooks > 0) event.pending_webhooks--;
			}
		}),
		publicUrl: '',
		asyncSettleMs: options.asyncSettleMs ?? 2000,
		billing: defaultBillingSettings(),
		timers: new Set()
	};
	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://emulator');
		const body = await readBody(req);
		if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/_emulator/')) {
			const answer = handleApi(
				emulator,
				req,
				url.pathname,
				url.search.slice(1),
				body,
				options.apiKey
			);
			res.writeHead(answer.status, answer.headers).end(answer.body);
			return;
		}
		servePage(emulator, req.method ?? 'GET', url, body, res);
	};
	const server = createServer((req, res) => {
		// A bug in one request must answer 500, not take the whole emulator down.
		handle(req, res).catch((error: unknown) => {
			console.error(error);
			if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
			res.end('Internal error in the Stripe emulator');
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, host, resolve);
	});
	const { port } = server.address() as AddressInfo;
	emulator.publicUrl = `http://${host}:${port}`;
	resumeSettlements(emulator);
	const sweep = setInterval(() => {
		expireOverdueSessions(emulator);
		runRealTime(emulator);
		if (pruneEvents(emulator)) emulator.store.save();
	}, SWEEP_MS);
	sweep.unref();
	return {
		url: emulator.publicUrl,
		emulator,
		close: async () => {
			clearInterval(sweep);
			emulator.webhooks.close();
			for (const timer of emulator.timers) clearTimeout(timer);
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			emulator.store.flush();
		}
	};
}
