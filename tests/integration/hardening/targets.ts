import fc from 'fast-check';
import { formBody, type FuzzBody } from '../../support/form-bodies.ts';
import {
	encodedValue,
	pathSegment,
	queryString,
	restParam
} from '../../support/http-arbitraries.ts';
import type { Allowed } from './db-state.ts';
import { functionTargets } from './function-targets.ts';

/**
 * The fuzz suite's generator for every route, action and edge function, by the name the
 * filesystem gives it (tests/support/routes.ts). A route, action or function found on disk but
 * missing here fails the suite: add its entry, saying which parameters and fields it reads and
 * what in the database it may change.
 */

/** Seed slugs, so some requests reach past the product lookup (clear-emails is free). */
export const knownSlugs = ['bike-repair-basics', 'night-photography', 'clear-emails'];
const slug = pathSegment(knownSlugs);

export interface PageTarget {
	/** Paths of this route, params filled with generated segments (raw, percent-encoded). */
	path: fc.Arbitrary<string>;
	/** Query parameters the route reads. */
	query: string[];
}

export const pages: Record<string, PageTarget> = {
	'/': { path: fc.constant('/'), query: ['token_hash', 'type'] },
	'/auth/confirm/[...next]': {
		path: restParam(['library', 'products']).map((next) => `/auth/confirm/${next}`),
		query: ['token_hash', 'type', 'next']
	},
	'/library': { path: fc.constant('/library'), query: [] },
	'/login': { path: fc.constant('/login'), query: ['next', 'email'] },
	'/login/code': { path: fc.constant('/login/code'), query: ['next'] },
	'/logout': { path: fc.constant('/logout'), query: [] },
	'/products/[slug]': { path: slug.map((s) => `/products/${s}`), query: ['checkout'] },
	'/products/[slug]/read': { path: slug.map((s) => `/products/${s}/read`), query: ['checkout'] },
	'/products/[slug]/return': {
		path: slug.map((s) => `/products/${s}/return`),
		query: ['session_id']
	}
};

export interface ActionTarget {
	/** Form fields the action reads. */
	body: fc.Arbitrary<FuzzBody>;
	allowed: Allowed;
}

const codeForm: ActionTarget = {
	body: formBody(['email', 'code', 'next']),
	allowed: 'login limits'
};

/** Keyed `<route id> ?/<action>`. */
export const actions: Record<string, ActionTarget> = {
	'/auth/confirm/[...next] ?/link': {
		body: formBody(['token_hash', 'type', 'next']),
		allowed: 'nothing'
	},
	'/auth/confirm/[...next] ?/code': codeForm,
	'/login ?/default': { body: formBody(['email', 'next']), allowed: 'login limits' },
	'/login/code ?/default': codeForm,
	// Without a session there is nothing to end: no table changes.
	'/logout ?/default': { body: formBody([]), allowed: 'nothing' },
	// A Checkout Session lives at Stripe (the emulator), not in the database, until it is paid.
	'/products/[slug] ?/buy': { body: formBody([]), allowed: 'nothing' },
	// A well-formed address claims the free item (an account and a purchase, written after the
	// answer): that is the form working, not bad input, so these bodies carry no address at all.
	'/products/[slug] ?/claim': {
		body: formBody(
			['email'],
			encodedValue.filter((value) => !/@|%40/i.test(value))
		),
		allowed: 'nothing'
	}
};

export interface EndpointTarget extends PageTarget {
	/** The body a method that reads one is sent (none for GET). */
	body?: fc.Arbitrary<FuzzBody>;
	allowed: Allowed;
}

/** Keyed `<route id> <method it exports>`. */
export const endpoints: Record<string, EndpointTarget> = {
	'/manifest.webmanifest GET': {
		path: fc.constant('/manifest.webmanifest'),
		query: [],
		allowed: 'nothing'
	}
};

export { functionTargets as functions };

/** Pieces the page and action requests share. */
export const pageRequestParts = (target: PageTarget) =>
	fc.record({ path: target.path, query: queryString(target.query) });
