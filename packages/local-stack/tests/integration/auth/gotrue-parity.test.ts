import { describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../src/testing/mail.ts';
import { adminClient, authFetch, confirmedUser, db, env } from './helpers.ts';

/** Answers where GoTrue's order of checks or its data model decides, read from its source. */
describe('POST /otp with create_user false', () => {
	it('answers a malformed address as an unknown one: 422 otp_disabled', async () => {
		const r = await authFetch('/otp', { body: { email: 'not-an-email', create_user: false } });
		expect(r).toMatchObject({
			status: 422,
			json: { code: 'otp_disabled', message: 'Signups not allowed for otp' }
		});
	});
});

describe('GET /admin/users paging', () => {
	it('refuses a page that is no unsigned number: 400 Bad Pagination Parameters', async () => {
		const r = await authFetch('/admin/users?page=-1', { token: env.serviceRoleKey });
		expect(r).toMatchObject({
			status: 400,
			json: {
				code: 'validation_failed',
				message: 'Bad Pagination Parameters: strconv.ParseUint: parsing "-1": invalid syntax'
			}
		});
	});
});

describe('POST /admin/generate_link of type signup', () => {
	it('keeps data as the user metadata, exactly; the identity fields stay in identity_data', async () => {
		const email = uniqueEmail('gen-data');
		const { data, error } = await adminClient().auth.admin.generateLink({
			type: 'signup',
			email,
			password: 'a-long-enough-password',
			options: { data: { full_name: 'Data Only' } }
		});
		expect(error).toBeNull();
		expect(data.user!.user_metadata).toEqual({ full_name: 'Data Only' });
		expect(data.user!.identities![0].identity_data).toEqual({
			sub: data.user!.id,
			email,
			email_verified: false,
			phone_verified: false
		});
	});

	it('needs the new account’s password: 400 validation_failed', async () => {
		const r = await authFetch('/admin/generate_link', {
			token: env.serviceRoleKey,
			body: { type: 'signup', email: uniqueEmail('gen-nopass') }
		});
		expect(r).toMatchObject({
			status: 400,
			json: { code: 'validation_failed', message: 'Signup requires a valid password' }
		});
	});
});

describe('POST /verify with a phone number', () => {
	it('checks the number first: 400 when it is not E.164', async () => {
		const r = await authFetch('/verify', {
			body: { type: 'sms', phone: '+1 555 CALL NOW', token: '123456' }
		});
		expect(r).toMatchObject({
			status: 400,
			json: { code: 'validation_failed', message: 'Invalid phone number format (E.164 required)' }
		});
	});

	it('then finds no user for it: 403 otp_expired', async () => {
		const r = await authFetch('/verify', {
			body: { type: 'sms', phone: '+15555550100', token: '123456' }
		});
		expect(r).toMatchObject({
			status: 403,
			json: { code: 'otp_expired', message: 'Token has expired or is invalid' }
		});
	});

	it('a code for a type no email token has is 403 otp_expired, not a type error', async () => {
		const email = uniqueEmail('verify-type');
		await confirmedUser(email);
		const r = await authFetch('/verify', { body: { type: 'telepathy', email, token: '123456' } });
		expect(r).toMatchObject({ status: 403, json: { code: 'otp_expired' } });
	});
});

describe('POST /admin/users without a password', () => {
	// adminUserCreate gives the account a random password, and models.NewUser hashes it with Go's
	// bcrypt at the default cost: what makes each new account cost tens of milliseconds of CPU.
	it('stores a bcrypt hash of a random password, `$2a$` at cost 10', async () => {
		const email = uniqueEmail('no-password');
		const { data, error } = await adminClient().auth.admin.createUser({
			email,
			email_confirm: true
		});
		expect(error).toBeNull();
		const sql = db();
		try {
			const [row] = await sql<{ hash: string }[]>`
				select encrypted_password as hash from auth.users where id = ${data.user!.id}`;
			expect(row.hash).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
		} finally {
			await sql.end();
		}
	});
});
