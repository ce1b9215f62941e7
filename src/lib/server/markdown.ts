import slugify from '@sindresorhus/slugify';
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { memoized } from './memo';

/** Heading ids carry this prefix, so a heading can never take an id the page itself uses. */
const HEADING_ID = /^section-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** Ids given in the document being rendered (rendering is synchronous: one document at a time). */
const used = new Map<string, number>();

/** `section-day-one`, then `section-day-one-2` for a second heading with the same words. */
function headingId(text: string) {
	const base = `section-${slugify(text).slice(0, 80).replace(/-+$/, '') || 'part'}`;
	const seen = (used.get(base) ?? 0) + 1;
	used.set(base, seen);
	return seen === 1 ? base : `${base}-${seen}`;
}

const marked = new Marked({
	gfm: true,
	breaks: false,
	hooks: {
		preprocess(source) {
			used.clear();
			return source;
		}
	},
	renderer: {
		// Headings get ids: the reader's saved position names the section it is in (an anchor that
		// survives another screen width), see src/lib/reading.
		heading({ tokens, depth, text }: Tokens.Heading) {
			return `<h${depth} id="${headingId(text)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
		}
	}
});

/** Keeps a heading's id only when it is one of ours (`section-…`). */
const headingTransform = (tagName: string, attribs: sanitizeHtml.Attributes) => ({
	tagName,
	attribs: HEADING_ID.test(attribs.id ?? '') ? { id: attribs.id } : {}
});

/**
 * Markdown written by the seller, as safe HTML: rendered with marked, then sanitised to an
 * allow-list, so a product's text can never carry a script into a buyer's page. Pure, so the
 * HTML of a source seen lately is reused: every reader of an item is sent the same HTML, and
 * marked and sanitize-html would otherwise run on every view of the read page.
 */
export const renderMarkdown = memoized(render, 200);

function render(source: string): string {
	const html = marked.parse(source, { async: false });
	return sanitizeHtml(html, {
		allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'h1', 'h2'],
		allowedAttributes: {
			a: ['href', 'title'],
			img: ['src', 'alt', 'title', 'width', 'height'],
			...Object.fromEntries(headings.map((tag) => [tag, ['id']]))
		},
		allowedSchemes: ['https', 'mailto'],
		allowedSchemesByTag: { img: ['https', 'data'] },
		transformTags: {
			a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
			...Object.fromEntries(headings.map((tag) => [tag, headingTransform]))
		}
	});
}
