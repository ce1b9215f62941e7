import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	generateOtp,
	generateRefreshToken,
	goQueryEscape,
	isWellFormedRefreshToken,
	pkceParamsError,
	tokenHash,
	verifierMatches
} from '../../../src/auth/tokens.ts';

describe('tokenHash', () => {
	it('is hex sha224 of the lowercased email followed by the code, as GoTrue stores it', () => {
		const hash = tokenHash('Spec-A-1795708518@Example.test', '840929');
		expect(hash).toBe(
			createHash('sha224').update('spec-a-1795708518@example.test840929').digest('hex')
		);
		// The value measured on a real GoTrue v2.196 (supabase-auth.md 2.4).
		expect(hash.startsWith('6d13a893')).toBe(true);
		expect(hash.endsWith('2eed48e')).toBe(true);
	});
});

describe('generateOtp', () => {
	it('has the configured length (6..10), zero-padded digits, else 6', () => {
		expect(generateOtp(6)).toMatch(/^\d{6}$/);
		expect(generateOtp(10)).toMatch(/^\d{10}$/);
		expect(generateOtp(4)).toMatch(/^\d{6}$/);
		expect(generateOtp(12)).toMatch(/^\d{6}$/);
	});
});

describe('refresh tokens', () => {
	it('are 12 lowercase base32 characters and pass GoTrue’s shape check', () => {
		const token = generateRefreshToken();
		expect(token).toMatch(/^[a-z2-7]{12}$/);
		expect(isWellFormedRefreshToken(token)).toBe(true);
		expect(isWellFormedRefreshToken('short')).toBe(false);
		expect(isWellFormedRefreshToken('ABCDEFGHIJKL')).toBe(false);
	});
});

describe('PKCE', () => {
	const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
	const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'; // RFC 7636 appendix B

	it('matches S256 and plain challenges, and nothing else', () => {
		expect(verifierMatches('s256', challenge, verifier)).toBe(true);
		expect(verifierMatches('s256', challenge, `${verifier}x`)).toBe(false);
		expect(verifierMatches('plain', verifier, verifier)).toBe(true);
	});

	it('validates the pair as /otp does', () => {
		expect(pkceParamsError(undefined, undefined)).toBeUndefined();
		expect(pkceParamsError(challenge, 'S256')).toBeUndefined();
		expect(pkceParamsError(challenge, undefined)).toBe(
			'PKCE flow requires code_challenge_method and code_challenge'
		);
		expect(pkceParamsError('short', 's256')).toBe(
			'code challenge has to be between 43 and 128 characters'
		);
	});
});

describe('goQueryEscape', () => {
	it('escapes as Go’s url.QueryEscape', () => {
		expect(goQueryEscape('http://127.0.0.1:5173/auth/callback?next=/cart')).toBe(
			'http%3A%2F%2F127.0.0.1%3A5173%2Fauth%2Fcallback%3Fnext%3D%2Fcart'
		);
		expect(goQueryEscape("a b!'")).toBe('a+b%21%27');
	});
});
