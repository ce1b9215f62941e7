import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false });

/**
 * Markdown written by the seller, as safe HTML: rendered with marked, then sanitised to an
 * allow-list, so a product's text can never carry a script into a buyer's page.
 */
export function renderMarkdown(source: string): string {
	const html = marked.parse(source, { async: false });
	return sanitizeHtml(html, {
		allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'h1', 'h2'],
		allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title', 'width', 'height'] },
		allowedSchemes: ['https', 'mailto'],
		allowedSchemesByTag: { img: ['https', 'data'] },
		transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) }
	});
}
