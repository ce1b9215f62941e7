import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import { formatPrice } from '$lib/money';
import { notFound, requireAdmin } from '$lib/server/admin';
import { readForm } from '$lib/server/form';
import { auditLog } from '$lib/server/studio/audit-log';
import { refundable, refundRequests, requestRefund } from '$lib/server/studio/refunds';
import { studioOrder } from '$lib/server/studio/sales';
import { refundForm } from '$lib/studio/refund-form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const orderOf = async (event: RequestEvent, user: SessionUser) => {
	const id = z.uuid().safeParse(event.params.id);
	return (id.success && (await studioOrder(user, id.data))) || notFound();
};

export const load = (async (event) => {
	const user = await requireAdmin(event);
	const order = await orderOf(event, user);
	const [requests, events] = await Promise.all([
		refundRequests(user, order.id),
		auditLog(user, {
			order: { sessionId: order.sessionId, paymentIntentId: order.paymentIntentId }
		})
	]);
	return {
		order,
		requests,
		events,
		refundable: refundable(order, requests),
		stripeUrl: order.paymentIntentId
			? `https://dashboard.stripe.com/${order.sessionId?.startsWith('cs_live_') ? '' : 'test/'}payments/${order.paymentIntentId}`
			: null,
		form: await superValidate(
			{
				requestId: crypto.randomUUID(),
				reason: 'requested_by_customer' as const,
				amount: '',
				note: ''
			},
			zod4(refundForm),
			{ errors: false }
		)
	};
}) satisfies PageServerLoad;

export const actions = {
	refund: async (event) => {
		const user = await requireAdmin(event);
		const order = await orderOf(event, user);
		const body = await readForm(event.request);
		if (!(body instanceof FormData)) return body;
		const form = await superValidate(body, zod4(refundForm));
		if (!form.valid) return fail(400, { form });
		const result = await requestRefund(user, order, form.data);
		if (!result.ok) {
			return result.field
				? setError(form, result.field, result.message)
				: message(form, result.message, { status: 400 });
		}
		// A new refund from this page is a new request (with its own Idempotency-Key).
		form.data = { requestId: crypto.randomUUID(), amount: '', reason: form.data.reason, note: '' };
		return message(
			form,
			`Refund of ${formatPrice(result.amount, order.currency)} requested. Stripe confirms it in a moment; access changes then.`
		);
	}
} satisfies Actions;
