import { describe, expect, it } from 'vitest';
import { parseTemplate, TemplateError } from '../../../src/auth/template.ts';

const data = {
	SiteURL: 'http://127.0.0.1:3000',
	ConfirmationURL:
		'https://project.supabase.test/auth/v1/verify?token=abc&type=magiclink&redirect_to=http://127.0.0.1:3000',
	Token: '012345',
	TokenHash: 'abc123',
	Email: 'a@example.test',
	RedirectTo: 'http://127.0.0.1:5173/auth/confirm?next=/library',
	Data: { name: '<Ann & "Bo">', plan: { tier: 'gold' }, empty: '' }
};
const render = (source: string) => parseTemplate(source).render(data);

describe('Go html/template subset', () => {
	it('substitutes fields and nested fields, escaping text as html/template does', () => {
		expect(render('<p>{{ .Token }} for {{.Email}}</p>')).toBe('<p>012345 for a@example.test</p>');
		expect(render('<p>{{ .Data.name }}</p>')).toBe('<p>&lt;Ann &amp; &#34;Bo&#34;&gt;</p>');
		expect(render('{{ .Data.plan.tier }}')).toBe('gold');
		expect(render('[{{ .Data.missing }}]')).toBe('[]');
	});

	it('escapes a URL attribute: & becomes &amp; at the start, the query part is percent-encoded', () => {
		expect(render('<a href="{{ .ConfirmationURL }}">x</a>')).toBe(
			'<a href="https://project.supabase.test/auth/v1/verify?token=abc&amp;type=magiclink&amp;redirect_to=http://127.0.0.1:3000">x</a>'
		);
		expect(render('<a href="{{ .SiteURL }}/c?next={{ .RedirectTo }}">x</a>')).toBe(
			'<a href="http://127.0.0.1:3000/c?next=http%3a%2f%2f127.0.0.1%3a5173%2fauth%2fconfirm%3fnext%3d%2flibrary">x</a>'
		);
		expect(parseTemplate('<a href="{{ .U }}">').render({ U: 'javascript:alert(1)' })).toBe(
			'<a href="#ZgotmplZ">'
		);
		expect(parseTemplate('<a href="{{ .U }}">').render({ U: "http://x/a b'%41%zz" })).toBe(
			'<a href="http://x/a%20b%27%41%25zz">'
		);
	});

	it('supports if / else if / else / end and with, with Go’s truthiness', () => {
		const t =
			'{{ if .Data.name }}A{{ else }}B{{ end }}{{ if .Data.empty }}C{{ else if .Data.plan }}D{{ else }}E{{ end }}';
		expect(render(t)).toBe('AD');
		expect(render('{{ with .Data.plan }}{{ .tier }}{{ end }}')).toBe('gold');
		expect(render('{{ with .Data.nope }}x{{ else }}none{{ end }}')).toBe('none');
	});

	it('trims around {{- and -}} and drops comments', () => {
		expect(render('a  {{- .Token -}}  b{{/* note */}}')).toBe('a012345b');
	});

	it('refuses constructs it does not implement, so the caller falls back to the default', () => {
		expect(() => parseTemplate('{{ range .Data }}x{{ end }}')).toThrow(TemplateError);
		expect(() => parseTemplate('{{ .Token | printf "%s" }}')).toThrow(TemplateError);
		expect(() => parseTemplate('{{ if .Token }}x')).toThrow(/unclosed/);
		expect(() => parseTemplate('<script>var t = "{{ .Token }}"</script>')).toThrow(TemplateError);
		expect(() => parseTemplate('<a onclick="{{ .Token }}">')).toThrow(TemplateError);
	});
});
