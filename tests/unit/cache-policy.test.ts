import { describe, expect, it } from 'vitest';
import {
	cacheHeaders,
	isSessionCookie,
	PRIVATE,
	SHARED,
	type AnswerFacts
} from '$lib/server/cache-policy';

const anonymousHome: AnswerFacts = {
	method: 'GET',
	routeId: '/',
	dataRequest: false,
	status: 200,
	sessionCookie: false,
	userShown: false,
	setsCookie: false,
	routeChoice: null
};
const answer = (facts: Partial<AnswerFacts>) => cacheHeaders({ ...anonymousHome, ...facts });

describe('cacheHeaders', () => {
	it('lets shared caches keep the storefront and product pages as a logged-out visitor sees them', () => {
		expect(answer({})).toEqual({ 'cache-control': SHARED, vary: 'Cookie' });
		expect(answer({ routeId: '/products/[slug]', method: 'HEAD' })).toEqual({
			'cache-control': SHARED,
			vary: 'Cookie'
		});
	});

	it('keeps any answer private once the session is in play, a cookie is set, or for __data.json', () => {
		for (const facts of [
			{ sessionCookie: true },
			{ userShown: true },
			{ setsCookie: true },
			{ dataRequest: true }
		]) {
			expect(answer(facts)).toEqual({ 'cache-control': PRIVATE, vary: 'Cookie' });
			expect(answer({ ...facts, routeChoice: 'public, max-age=600' })['cache-control']).toBe(
				PRIVATE
			);
		}
	});

	it('keeps redirects, errors, other methods and every other route private', () => {
		for (const facts of [
			{ status: 303 },
			{ status: 404 },
			{ status: 500 },
			{ method: 'POST' },
			{ routeId: '/library' },
			{ routeId: '/login/code' },
			{ routeId: null }
		]) {
			expect(answer(facts)['cache-control'], JSON.stringify(facts)).toBe(PRIVATE);
		}
	});

	it("keeps a route's own choice when the session plays no part", () => {
		expect(answer({ routeId: '/manifest.webmanifest', routeChoice: 'no-cache' })).toEqual({
			'cache-control': 'no-cache'
		});
	});
});

describe('isSessionCookie', () => {
	it("knows Supabase's session cookies, chunked or not, and nothing else", () => {
		for (const name of [
			'sb-127-auth-token',
			'sb-abcdefgh-auth-token.0',
			'sb-x-auth-token.12',
			'sb-x-auth-token-code-verifier'
		]) {
			expect(isSessionCookie(name), name).toBe(true);
		}
		for (const name of ['login_email', 'checkout_nonce', 'sb-auth-token', 'xsb-1-auth-token']) {
			expect(isSessionCookie(name), name).toBe(false);
		}
	});
});
