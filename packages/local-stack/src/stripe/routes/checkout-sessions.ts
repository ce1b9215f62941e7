import type Stripe from 'stripe';
import { createSessionParams, expandOnly, listSessionsParams } from '../checkout/params.ts';
import {
	createSession,
	expireSession,
	getSession,
	lineItemsOf,
	presentSession
} from '../checkout/sessions.ts';
import { paginate } from '../pagination.ts';
import type { Route } from '../router.ts';
import { validate } from '../validation.ts';
import { listRoute, type Kind } from './resource.ts';

const SESSION: Kind = {
	type: 'checkout.session',
	noun: 'checkout.session',
	param: 'session',
	base: '/v1/checkout/sessions'
};

export const checkoutSessionRoutes: Route[] = [
	{
		method: 'POST',
		path: '/v1/checkout/sessions',
		handler: (emu, req) => createSession(emu, validate(createSessionParams, req.params))
	},
	{
		method: 'GET',
		path: '/v1/checkout/sessions/:id',
		handler: (emu, req) =>
			presentSession(emu, getSession(emu, req.path.id), validate(expandOnly, req.params).expand)
	},
	{
		method: 'GET',
		path: '/v1/checkout/sessions/:id/line_items',
		handler: (emu, req) => {
			const params = validate(
				listSessionsParams.pick({
					limit: true,
					starting_after: true,
					ending_before: true,
					expand: true
				}),
				req.params
			);
			getSession(emu, req.path.id);
			return paginate(
				lineItemsOf(emu, req.path.id),
				params,
				`/v1/checkout/sessions/${req.path.id}/line_items`
			);
		}
	},
	listRoute(
		SESSION,
		listSessionsParams,
		(p) => (s: Stripe.Checkout.Session) =>
			(!p.payment_intent || s.payment_intent === p.payment_intent) &&
			(!p.subscription || s.subscription === p.subscription) &&
			(!p.customer || s.customer === p.customer) &&
			(!p.customer_details || s.customer_details?.email === p.customer_details.email) &&
			(!p.status || s.status === p.status) &&
			(!p.client_reference_id || s.client_reference_id === p.client_reference_id),
		(emu, session, paths) => presentSession(emu, session as Stripe.Checkout.Session, paths),
		// Reading a session expires it when its time has passed, as listing on Stripe shows.
		(emu) => emu.store.all<Stripe.Checkout.Session>(SESSION.type).map((s) => getSession(emu, s.id))
	),
	{
		method: 'POST',
		path: '/v1/checkout/sessions/:id/expire',
		handler: (emu, req) => {
			validate(expandOnly, req.params);
			const session = getSession(emu, req.path.id);
			expireSession(emu, session, req.request);
			return presentSession(emu, session);
		}
	}
];
