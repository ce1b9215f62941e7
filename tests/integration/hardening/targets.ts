import fc from 'fast-check';
import { formBody } from '../../support/form-bodies.ts';
import { bytes, encodedValue, pathSegment, restParam } from '../../support/http-arbitraries.ts';
import { functionTargets } from './function-targets.ts';
import { studioActions, studioEndpoints, studioPages } from './studio-targets.ts';
import {
	bodies,
	pageRequestParts,
	type ActionTarget,
	type EndpointTarget,
	type PageTarget
} from './target-types.ts';

/**
 * The fuzz suite's generator for every route, action and edge function, by the name the
 * filesystem gives it (tests/support/routes.ts). A route, action or function found on disk but
 * missing here fails the suite: add its entry, saying which parameters and fields it reads and
 * what in the database it may change.
 */

/** Seed slugs, so some requests reach past the product lookup (clear-emails is free). */
export const knownSlugs = ['bike-repair-basics', 'night-photography', 'clear-emails'];
const slug = pathSegment(knownSlugs);

export const pages: Record<string, PageTarget> = {
	'/': { path: fc.constant('/'), query: ['token_hash', 'type'] },
	'/account': { path: fc.constant('/account'), query: ['notice'] },
	'/auth/confirm/[...next]': {
		path: restParam(['library', 'products']).map((next) => `/auth/confirm/${next}`),
		query: ['token_hash', 'type', 'next']
	},
	'/library': { path: fc.constant('/library'), query: [] },
	'/login': { path: fc.constant('/login'), query: ['next', 'email'] },
	'/login/code': { path: fc.constant('/login/code'), query: ['next'] },
	'/logout': { path: fc.constant('/logout'), query: [] },
	'/orders': { path: fc.constant('/orders'), query: [] },
	'/orders/[id]/receipt': {
		path: fc.oneof(fc.uuid(), pathSegment()).map((id) => `/orders/${id}/receipt`),
		query: []
	},
	'/membership': { path: fc.constant('/membership'), query: ['checkout'] },
	'/membership/return': { path: fc.constant('/membership/return'), query: ['session_id'] },
	'/products/[slug]': { path: slug.map((s) => `/products/${s}`), query: ['checkout'] },
	'/products/[slug]/read': { path: slug.map((s) => `/products/${s}/read`), query: ['checkout'] },
	'/products/[slug]/return': {
		path: slug.map((s) => `/products/${s}/return`),
		query: ['session_id']
	},
	...studioPages
};

const codeForm: ActionTarget = {
	cases: bodies(formBody(['email', 'code', 'next'])),
	allowed: 'login limits'
};

/** Keyed `<route id> ?/<action>`. */
export const actions: Record<string, ActionTarget> = {
	'/auth/confirm/[...next] ?/link': {
		cases: bodies(formBody(['token_hash', 'type', 'next'])),
		allowed: 'nothing'
	},
	'/auth/confirm/[...next] ?/code': codeForm,
	// Logged out, a way to log in; the portal is a Stripe session, not a row.
	'/account ?/manage': { cases: bodies(formBody([])), allowed: 'nothing' },
	'/login ?/default': { cases: bodies(formBody(['email', 'next'])), allowed: 'login limits' },
	'/login/code ?/default': codeForm,
	// Without a session there is nothing to end: no table changes.
	'/logout ?/default': { cases: bodies(formBody([])), allowed: 'nothing' },
	// A Checkout Session lives at Stripe (the emulator), not in the database, until it is paid.
	'/products/[slug] ?/buy': { cases: bodies(formBody([])), allowed: 'nothing' },
	// A well-formed address claims the free item (an account and a purchase, written after the
	// answer): that is the form working, not bad input, so these bodies carry no address at all.
	'/products/[slug] ?/claim': {
		cases: bodies(
			formBody(
				['email'],
				encodedValue.filter((value) => !/@|%40/i.test(value))
			)
		),
		allowed: 'nothing'
	},
	// No generated id is a price on offer; a Checkout Session lives at Stripe until it is paid.
	'/membership ?/subscribe': { cases: bodies(formBody(['price'])), allowed: 'nothing' },
	...studioActions
};

/** Keyed `<route id> <method it exports>`. */
export const endpoints: Record<string, EndpointTarget> = {
	'/manifest.webmanifest GET': {
		path: fc.constant('/manifest.webmanifest'),
		query: [],
		allowed: 'nothing'
	},
	// A download: logged out, a redirect to log in; an id that is no file of theirs, a 404.
	'/products/[slug]/files/[fileId] GET': {
		path: fc
			.tuple(slug, fc.oneof(fc.uuid(), pathSegment()))
			.map(([s, id]) => `/products/${s}/files/${id}`),
		query: [],
		allowed: 'nothing'
	},
	'/robots.txt GET': { path: fc.constant('/robots.txt'), query: [], allowed: 'nothing' },
	'/sitemap.xml GET': { path: fc.constant('/sitemap.xml'), query: [], allowed: 'nothing' },
	// Logged out, a 401 before the body is read; positions are written only for a reader.
	'/products/[slug]/position POST': {
		path: slug.map((s) => `/products/${s}/position`),
		query: [],
		body: fc.oneof(
			fc.jsonValue().map((value) => ({
				contentType: 'application/json',
				body: bytes(JSON.stringify(value) ?? 'null')
			})),
			formBody(['reader', 'fraction', 'anchor', 'at'])
		),
		allowed: 'nothing'
	},
	...studioEndpoints
};

export { functionTargets as functions };
export { pageRequestParts };
