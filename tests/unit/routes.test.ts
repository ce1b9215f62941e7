import { describe, expect, it } from 'vitest';
import { actionNames, edgeFunctions, exportedMethods, storeRoutes } from '../support/routes.ts';

describe('route discovery for the hardening suites', () => {
	it('reads action names however the object is written', () => {
		expect(
			actionNames(`export const actions = {
				link: async () => {}, code: logInWithCode, 'with-dash': x, shorthand, async method() {}
			} satisfies Actions;`)
		).toEqual(['link', 'code', 'with-dash', 'shorthand', 'method']);
		expect(actionNames(`export const load = () => ({});`)).toEqual([]);
		expect(actionNames(`const actions = { hidden: x };`)).toEqual([]);
	});

	it('refuses actions it cannot list for sure', () => {
		expect(() => actionNames(`export const actions = { ...shared };`)).toThrow(/cannot name/);
		expect(() => actionNames(`export const actions = build();`)).toThrow(/object literal/);
		expect(() => actionNames(`export const actions = { [name]: x };`)).toThrow(/cannot name/);
	});

	it('reads the methods a +server.ts exports', () => {
		expect(
			exportedMethods(`export const GET = () => {}; export async function POST() {}
				const put = 1; export { put as PUT }; export const prerender = true; export function fallback() {}`)
		).toEqual(['GET', 'POST', 'PUT', 'fallback']);
	});

	it('finds the store routes and functions of this repository', () => {
		const { pages, endpoints } = storeRoutes();
		expect(pages.find((p) => p.id === '/')).toEqual({ id: '/', actions: [] });
		expect(pages.find((p) => p.id === '/auth/confirm/[...next]')?.actions).toEqual([
			'link',
			'code'
		]);
		expect(endpoints.find((e) => e.id === '/manifest.webmanifest')?.methods).toEqual(['GET']);
		expect(edgeFunctions()).toContain('stripe-webhook');
		expect(edgeFunctions()).not.toContain('_shared');
	});
});
