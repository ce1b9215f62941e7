import { describe, expect, it } from 'vitest';
import { publishableKey, secretKey } from '../../supabase/functions/_shared/api-keys.ts';

const reading = (env: Record<string, string>) => (name: string) => env[name];

describe('the functions’ API keys', () => {
	it('is the default of SUPABASE_SECRET_KEYS, as the edge runtime injects it today', () => {
		const env = {
			SUPABASE_SECRET_KEYS: '{"default":"sb_secret_new"}',
			SUPABASE_SERVICE_ROLE_KEY: 'legacy.jwt'
		};
		expect(secretKey(reading(env))).toBe('sb_secret_new');
	});

	it('falls back to the legacy service_role key, and names both when neither is there', () => {
		expect(secretKey(reading({ SUPABASE_SERVICE_ROLE_KEY: 'legacy.jwt' }))).toBe('legacy.jwt');
		expect(
			secretKey(
				reading({ SUPABASE_SECRET_KEYS: 'not json', SUPABASE_SERVICE_ROLE_KEY: 'legacy.jwt' })
			)
		).toBe('legacy.jwt');
		expect(() => secretKey(reading({}))).toThrow(
			/SUPABASE_SECRET_KEYS .*SUPABASE_SERVICE_ROLE_KEY/
		);
	});

	it('the publishable key likewise, the anon key standing in', () => {
		expect(
			publishableKey(
				reading({
					SUPABASE_PUBLISHABLE_KEYS: '{"default":"sb_publishable_new"}',
					SUPABASE_ANON_KEY: 'a'
				})
			)
		).toBe('sb_publishable_new');
		expect(publishableKey(reading({ SUPABASE_ANON_KEY: 'legacy.anon' }))).toBe('legacy.anon');
	});
});
