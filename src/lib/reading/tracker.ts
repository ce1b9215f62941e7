/**
 * The read page's side of reading positions: puts the reader back where they were (the newer of
 * the server's position and this device's own), then saves where they are as they read: a
 * second after they stop scrolling, and at once when the page is hidden or left.
 */
import { devicePosition, keepPosition, type Item } from './device';
import {
	measure,
	newest,
	samePlace,
	scrollTarget,
	type ReaderLayout,
	type ReadingPosition
} from './position';

const SAVE_AFTER_MS = 1000;

function layoutOf(text: HTMLElement): ReaderLayout {
	const scrollTop = window.scrollY;
	const top = (element: Element) => element.getBoundingClientRect().top + scrollTop;
	const headings = text.querySelectorAll<HTMLElement>(
		'h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]'
	);
	return {
		textTop: top(text),
		textHeight: text.getBoundingClientRect().height,
		headings: Array.from(headings, (h) => ({ id: h.id, top: top(h) })),
		scrollTop,
		viewportHeight: window.innerHeight,
		documentHeight: document.documentElement.scrollHeight
	};
}

/** Starts following the reader through `text`; returns the function that stops it. */
export function trackReading(text: HTMLElement, item: Item, saved: ReadingPosition | null) {
	let last: Omit<ReadingPosition, 'at'> | undefined;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;

	const save = (leaving = false) => {
		clearTimeout(timer);
		timer = undefined;
		// Gone from the page (navigated away): its geometry would say nothing.
		if (!text.isConnected) return;
		const here = measure(layoutOf(text));
		if (last && samePlace(here, last)) return;
		last = here;
		keepPosition(item, { ...here, at: new Date().toISOString() }, leaving).catch(() => {});
	};
	const onScroll = () => {
		clearTimeout(timer);
		timer = setTimeout(save, SAVE_AFTER_MS);
	};
	const onHidden = () => {
		if (document.visibilityState === 'hidden' && timer) save(true);
	};

	(async () => {
		const here = await devicePosition(item).catch(() => null);
		if (stopped) return;
		const start = newest(saved, here);
		// A link to a section (#…) says where to go; otherwise, where the reader was.
		if (start && !location.hash) {
			window.scrollTo({ top: scrollTarget(layoutOf(text), start), behavior: 'instant' });
		}
		// Where the page opened is not news: only the reader's own scrolling is saved.
		last = measure(layoutOf(text));
		addEventListener('scroll', onScroll, { passive: true });
		document.addEventListener('visibilitychange', onHidden);
	})();

	return () => {
		stopped = true;
		removeEventListener('scroll', onScroll);
		document.removeEventListener('visibilitychange', onHidden);
		if (timer) save(true);
	};
}
