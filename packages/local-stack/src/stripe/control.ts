import type { Emulator } from './emulator.ts';
import { invalidRequest } from './errors.ts';
import { closeDispute, openDispute } from './disputes.ts';
import { getEvent } from './events.ts';
import type { Route } from './router.ts';

/**
 * The test-control API, under `/_emulator/` (a path Stripe does not use) and without a key: it
 * does to the emulator what on Stripe only the outside world does (a bank opening a dispute, a
 * network failing a delivery), so tests can provoke it.
 */
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

function webhookState(emu: Emulator) {
	const w = emu.webhooks;
	return {
		paused: w.paused,
		delay_ms: w.delayMs,
		retry_factor: w.retryFactor,
		pending: w.pending(),
		endpoints: w.endpoints.map((e) => ({ url: e.url, enabled_events: e.enabledEvents ?? ['*'] }))
	};
}

export const controlRoutes: Route[] = [
	{ method: 'GET', path: '/_emulator/health', handler: () => ({ ok: true }) },
	{ method: 'GET', path: '/_emulator/webhooks', handler: (emu) => webhookState(emu) },
	{
		method: 'POST',
		path: '/_emulator/webhooks/pause',
		handler: (emu) => (emu.webhooks.pause(), webhookState(emu))
	},
	{
		method: 'POST',
		path: '/_emulator/webhooks/resume',
		handler: (emu) => (emu.webhooks.resume(), webhookState(emu))
	},
	{
		method: 'POST',
		path: '/_emulator/webhooks/delay',
		handler: (emu, req) => {
			const ms = Number(str(req.params.ms));
			if (!Number.isInteger(ms) || ms < 0)
				throw invalidRequest('ms must be a non-negative integer of milliseconds.', 'ms');
			emu.webhooks.delayMs = ms;
			return webhookState(emu);
		}
	},
	{
		method: 'POST',
		path: '/_emulator/webhooks/endpoints',
		handler: (emu, req) => {
			const url = str(req.params.url);
			const secret = str(req.params.secret);
			if (!url || !secret?.startsWith('whsec_'))
				throw invalidRequest('url and a whsec_ secret are required.', url ? 'secret' : 'url');
			const events = Array.isArray(req.params.enabled_events)
				? req.params.enabled_events.map(String)
				: ['*'];
			emu.webhooks.endpoints.push({ url, secret, enabledEvents: events });
			return webhookState(emu);
		}
	},
	{
		method: 'GET',
		path: '/_emulator/webhooks/attempts',
		handler: (emu, req) => {
			const event = str(req.params.event);
			return { data: emu.webhooks.attempts.filter((a) => !event || a.event === event) };
		}
	},
	{
		method: 'POST',
		path: '/_emulator/events/:id/redeliver',
		handler: (emu, req) => {
			const copies = Number(str(req.params.copies) ?? '1');
			if (!Number.isInteger(copies) || copies < 1 || copies > 10)
				throw invalidRequest('copies must be between 1 and 10.', 'copies');
			emu.webhooks.enqueue(getEvent(emu, req.path.id), copies);
			return webhookState(emu);
		}
	},
	{
		method: 'POST',
		path: '/_emulator/events/:id/deliver_twice',
		handler: (emu, req) => (emu.webhooks.enqueue(getEvent(emu, req.path.id), 2), webhookState(emu))
	},
	{
		method: 'POST',
		path: '/_emulator/charges/:id/dispute',
		handler: (emu, req) => openDispute(emu, req.path.id, str(req.params.reason))
	},
	{
		method: 'POST',
		path: '/_emulator/disputes/:id/close',
		handler: (emu, req) => closeDispute(emu, req.path.id, str(req.params.status) ?? '')
	}
];
