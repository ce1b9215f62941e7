import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '$lib/server/markdown';

describe('renderMarkdown', () => {
	it('renders headings, emphasis and lists', () => {
		const html = renderMarkdown('## Day one\n\nFlour and *water*.\n\n- mix\n- wait');
		expect(html).toContain('<h2 id="section-day-one">Day one</h2>');
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

	it('gives headings ids of their own, unique in the document, and keeps no other ids', () => {
		const html = renderMarkdown(
			'## Day one\n\n### Day *one*\n\n## Über Brot\n\n<h2 id="content">x</h2>\n\n<p id="section-x">y</p>'
		);
		expect(html).toContain('<h2 id="section-day-one">Day one</h2>');
		expect(html).toContain('<h3 id="section-day-one-2">Day <em>one</em></h3>');
		expect(html).toContain('<h2 id="section-ueber-brot">Über Brot</h2>');
		expect(html).toContain('<h2>x</h2>');
		expect(html).toContain('<p>y</p>');
	});
});
