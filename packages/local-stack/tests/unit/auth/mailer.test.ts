import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confirmationUrl, loadTemplates } from '../../../src/auth/mailer.ts';
import type { AuthSettings } from '../../../src/auth/settings.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'auth-templates-'));
const file = (name: string, text: string) => {
	const p = path.join(dir, name);
	writeFileSync(p, text);
	return p;
};
const settings = (templates: AuthSettings['templates']) =>
	({ templates, verifyUrl: 'https://project.supabase.test/auth/v1/verify' }) as AuthSettings;
const data = {
	SiteURL: 'http://127.0.0.1:3000',
	ConfirmationURL: 'http://x/verify?token=t&type=magiclink',
	Email: 'a@example.test',
	Token: '123456',
	TokenHash: 'hash',
	Data: {},
	RedirectTo: 'http://127.0.0.1:3000'
};

describe('email templates from config.toml', () => {
	it('renders the configured subject and body', () => {
		const warnings: string[] = [];
		const t = loadTemplates(
			settings({
				magic_link: {
					subject: 'Code {{ .Token }}',
					contentPath: file('ok.html', '<p>{{ .Token }}</p>')
				}
			}),
			'magic_link',
			(m) => warnings.push(m)
		);
		expect(t.subject.render(data)).toBe('Code 123456');
		expect(t.body.render(data)).toBe('<p>123456</p>');
		expect(warnings).toEqual([]);
	});

	it('falls back to GoTrue’s default, with a warning, when a template cannot be used', () => {
		const warnings: string[] = [];
		const t = loadTemplates(
			settings({ magic_link: { contentPath: file('bad.html', '{{ range .Data }}x{{ end }}') } }),
			'magic_link',
			(m) => warnings.push(m)
		);
		expect(t.body.render(data)).toContain('href="http://x/verify?token=t&amp;type=magiclink"');
		expect(t.subject.render(data)).toBe('Your sign-in link');
		expect(warnings[0]).toMatch(/unsupported template action/);
		const missing = loadTemplates(
			settings({ magic_link: { contentPath: path.join(dir, 'nope.html') } }),
			'magic_link',
			(m) => warnings.push(m)
		);
		expect(missing.body.render(data)).toContain('Sign in');
		expect(warnings[1]).toMatch(/cannot read/);
	});
});

describe('confirmationUrl', () => {
	it('escapes redirect_to only when it holds &, = or #, as GoTrue does', () => {
		const s = settings({});
		expect(confirmationUrl(s, 'abc', 'magiclink', 'http://127.0.0.1:5173/cb')).toBe(
			'https://project.supabase.test/auth/v1/verify?token=abc&type=magiclink&redirect_to=http://127.0.0.1:5173/cb'
		);
		expect(
			confirmationUrl(s, 'abc', 'signup', 'http://127.0.0.1:5173/auth/callback?next=/cart')
		).toBe(
			'https://project.supabase.test/auth/v1/verify?token=abc&type=signup&redirect_to=http%3A%2F%2F127.0.0.1%3A5173%2Fauth%2Fcallback%3Fnext%3D%2Fcart'
		);
	});
});
