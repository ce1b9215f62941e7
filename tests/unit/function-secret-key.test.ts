import { describe, expect, it } from 'vitest';
import { presentsSecretKey, secretKeys } from '../../supabase/functions/_shared/api-keys.ts';

const env: Record<string, string> = {
	SUPABASE_SECRET_KEYS: JSON.stringify({ default: 'sb_secret_aaa', cron: 'sb_secret_bbb' }),
	SUPABASE_SERVICE_ROLE_KEY: 'legacy.jwt.value'
};
const read = (name: string) => env[name];

describe('a function that only the secret key may call', () => {
	it('knows every secret key of the project', () => {
		expect(secretKeys(read)).toEqual(['sb_secret_aaa', 'sb_secret_bbb', 'legacy.jwt.value']);
		expect(secretKeys(() => undefined)).toEqual([]);
		expect(secretKeys((n) => (n === 'SUPABASE_SECRET_KEYS' ? 'not json' : undefined))).toEqual([]);
	});

	it('accepts one in apikey or as the bearer token, and nothing else', () => {
		const ok: Record<string, string>[] = [
			{ apikey: 'sb_secret_bbb' },
			{ authorization: 'Bearer legacy.jwt.value' }
		];
		const refused: Record<string, string>[] = [
			{},
			{ apikey: 'sb_secret_aa' },
			{ apikey: 'sb_secret_aaaa' },
			{ authorization: 'legacy.jwt.value' },
			{ authorization: 'Bearer sb_publishable_x' }
		];
		for (const h of ok) expect(presentsSecretKey(new Headers(h), read)).toBe(true);
		for (const h of refused) expect(presentsSecretKey(new Headers(h), read)).toBe(false);
	});
});
