import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '$lib/server/markdown';

describe('renderMarkdown', () => {
	it('renders headings, emphasis and lists', () => {
		const html = renderMarkdown('## Day one\n\nFlour and *water*.\n\n- mix\n- wait');
		expect(html).toContain('<h2>Day one</h2>');
		expect(html).toContain('<em>water</em>');
		expect(html).toContain('<li>mix</li>');
	});

	it('drops scripts, event handlers and javascript: links', () => {
		const html = renderMarkdown(
			'<script>alert(1)</script>\n\n<img src="https://x.test/a.png" onerror="alert(1)">\n\n[x](javascript:alert(1))'
		);
		expect(html).not.toMatch(/<script|onerror|javascript:/i);
		expect(html).toContain('src="https://x.test/a.png"');
	});
});
