import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stackPaths } from '../../../src/config/paths.ts';
import { readPorts } from '../../../src/config/ports.ts';
import { loadConfig } from '../../../src/config/supabase-config.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A project folder whose `supabase/config.toml` is `toml`; returns its `supabase/`. */
function supabaseDir(toml: string) {
	const root = mkdtempSync(path.join(tmpdir(), 'config-'));
	dirs.push(root);
	const dir = path.join(root, 'supabase');
	mkdirSync(dir);
	writeFileSync(path.join(dir, 'config.toml'), toml);
	return dir;
}

describe('loadConfig on the Supabase CLI 3 keys', () => {
	it('reads the mail catcher from [local_smtp]', () => {
		const dir = supabaseDir(
			'[local_smtp]\nport = 1025\nsmtp_port = 1026\nadmin_email = "a@b.test"\nsender_name = "Shop"\n'
		);
		expect(readPorts(dir)).toMatchObject({ mailWeb: 1025, mailSmtp: 1026 });
		expect(loadConfig(dir).mail).toEqual({ adminEmail: 'a@b.test', senderName: 'Shop' });
	});

	it('stops at [inbucket] with the CLI’s own message', () => {
		const dir = supabaseDir('[inbucket]\nport = 54324\n');
		const message = `[inbucket] in ${path.join(dir, 'config.toml')} is no longer supported. Use [local_smtp] instead.`;
		expect(() => loadConfig(dir)).toThrow(message);
		expect(() => readPorts(dir)).toThrow(message);
	});

	it('reads the email provider from [auth.email] enabled, and still from its old name', () => {
		const email = (toml: string) => loadConfig(supabaseDir(`[auth.email]\n${toml}`)).auth.email;
		expect(email('').enabled).toBe(true);
		expect(email('enabled = false').enabled).toBe(false);
		expect(email('enable_signup = false').enabled).toBe(false);
		expect(email('enabled = true\nenable_signup = false').enabled).toBe(true);
	});

	it('reads the repository’s own file as the CLI does', () => {
		const config = loadConfig(stackPaths().supabase);
		expect(config.auth.email.enabled).toBe(true);
		expect(config.auth.enableSignup).toBe(false);
		expect(config.mail.adminEmail).toBe('store@example.test');
		expect(config.ports).toMatchObject({ mailWeb: 54324, mailSmtp: 54325 });
	});
});
