import { checkRetryDays } from '../billing/retry-schedule.ts';
import type { Emulator } from '../emulator.ts';
import { invalidRequest } from '../errors.ts';
import { moveCustomerOntoClock } from '../clock/test-clocks.ts';
import { closeDispute, openDispute } from '../payments/disputes.ts';
import type { Route } from '../router.ts';
import { getEvent } from './events.ts';

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

function billingState(emu: Emulator) {
	return { retry_days: emu.billing.retryDays, after_retries: emu.billing.afterRetries };
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
		// Discards every delivery not made yet, as when an endpoint stayed down past Stripe's
		// three days of retries: the events stay listed (`delivery_success=false`), nothing is sent.
		method: 'POST',
		path: '/_emulator/webhooks/drop',
		handler: (emu) => ({ dropped: emu.webhooks.drop(), ...webhookState(emu) })
	},
	{ method: 'GET', path: '/_emulator/billing', handler: (emu) => billingState(emu) },
	{
		method: 'POST',
		path: '/_emulator/billing',
		handler: (emu, req) => {
			const after = str(req.params.after_retries);
			if (after !== undefined && !['cancel', 'unpaid', 'past_due'].includes(after))
				throw invalidRequest('after_retries must be cancel, unpaid or past_due.', 'after_retries');
			// `retry_days[]=2&retry_days[]=5`; `retry_days=` (empty) means no retries at all.
			const raw = req.params.retry_days;
			const days = Array.isArray(raw) ? raw.map(Number) : raw === '' ? [] : undefined;
			const problem = days && checkRetryDays(days);
			if (problem) throw invalidRequest(problem, 'retry_days');
			if (after) emu.billing.afterRetries = after as Emulator['billing']['afterRetries'];
			if (days) emu.billing.retryDays = days;
			return billingState(emu);
		}
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
		path: '/_emulator/customers/:id/test_clock',
		handler: (emu, req) => moveCustomerOntoClock(emu, req.path.id, req.request)
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
