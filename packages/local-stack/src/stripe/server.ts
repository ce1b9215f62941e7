import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi } from './api.ts';
import type { Emulator } from './emulator.ts';
import { expireOverdueSessions } from './checkout-sessions.ts';
import { servePage } from './page.ts';
import { resumeSettlements } from './payments.ts';
import { Store } from './store.ts';
import { WebhookDispatcher, type DispatcherOptions } from './webhooks/dispatcher.ts';

const EXPIRY_SWEEP_MS = 10_000;

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
	const emulator: Emulator = {
		store: new Store(options.stateFile),
		webhooks: new WebhookDispatcher(options.webhooks),
		publicUrl: '',
		asyncSettleMs: options.asyncSettleMs ?? 2000,
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
		servePage(emulator, req.method ?? 'GET', url.pathname, body, res);
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
	const sweep = setInterval(() => expireOverdueSessions(emulator), EXPIRY_SWEEP_MS);
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
			emulator.store.save();
		}
	};
}
