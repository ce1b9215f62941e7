import { describe, expect, it } from 'vitest';
import { authorizationFor, isOpenAuthRoute } from '../../../src/gateway/api-keys.ts';

const keys = {
	publishable: 'sb_publishable_p',
	secret: 'sb_secret_s',
	anon: 'ANON.JWT',
	serviceRole: 'SERVICE.JWT'
};

describe('the API key swap (the CLI Kong’s request-transformer)', () => {
	it('turns the publishable and secret keys into their roles’ JWTs', () => {
		expect(authorizationFor({ apikey: 'sb_publishable_p' }, keys)).toBe('Bearer ANON.JWT');
		expect(authorizationFor({ apikey: 'sb_secret_s' }, keys)).toBe('Bearer SERVICE.JWT');
		expect(
			authorizationFor({ apikey: 'sb_secret_s', authorization: 'Bearer sb_secret_s' }, keys)
		).toBe('Bearer SERVICE.JWT');
	});

	it('leaves a client’s own token alone, whatever the apikey', () => {
		expect(
			authorizationFor({ apikey: 'sb_secret_s', authorization: 'Bearer user.jwt' }, keys)
		).toBeUndefined();
		expect(authorizationFor({ authorization: 'bearer sb_secret_s' }, keys)).toBeUndefined();
	});

	it('passes any other key on as it is, and adds nothing without one', () => {
		expect(authorizationFor({ apikey: 'sb_secret_unknown' }, keys)).toBe('sb_secret_unknown');
		expect(authorizationFor({ apikey: 'legacy.anon.jwt' }, keys)).toBe('legacy.anon.jwt');
		expect(authorizationFor({}, keys)).toBeUndefined();
		expect(authorizationFor({ authorization: 'Bearer sb_publishable_p' }, keys)).toBeUndefined();
	});

	it('keeps the links in emails open, as Kong routes them without the swap', () => {
		expect(isOpenAuthRoute('/auth/v1/verify')).toBe(true);
		expect(isOpenAuthRoute('/auth/v1/callback')).toBe(true);
		expect(isOpenAuthRoute('/auth/v1/otp')).toBe(false);
	});
});
