/**
 * The library's "Save offline" without Svelte: each item's availability, drawn hidden by the
 * server (src/lib/components/OfflineAvailability.svelte), is shown once Cache Storage has said
 * which items this device holds, and its button saves the item and says how that went.
 */
import { contentPage } from '$lib/offline/content';
import { savedPaths } from '$lib/offline/content-cache';
import { saveOffline, type SaveOutcome } from '$lib/offline/save';

interface Row {
	slug: string;
	element: HTMLElement;
	button: HTMLButtonElement;
	label: HTMLElement;
	availability: HTMLElement;
	outcome: HTMLElement;
}

function rowOf(element: HTMLElement): Row | null {
	const slug = element.dataset.offlineItem;
	const button = element.querySelector('button');
	const label = element.querySelector<HTMLElement>('[data-label]');
	const availability = element.querySelector<HTMLElement>('[data-availability]');
	const outcome = element.querySelector<HTMLElement>('[data-outcome]');
	return slug && button && label && availability && outcome
		? { slug, element, button, label, availability, outcome }
		: null;
}

async function savedSlugs() {
	const slugs = (await savedPaths()).map((path) => {
		const page = contentPage(path);
		return page?.kind === 'read' ? page.slug : '';
	});
	return new Set(slugs);
}

function showOutcome(row: Row, outcome: SaveOutcome | undefined) {
	row.outcome.hidden = !outcome;
	row.outcome.textContent = outcome?.message ?? '';
	row.outcome.toggleAttribute('data-failed', outcome?.ok === false);
	if (outcome) row.outcome.setAttribute('role', outcome.ok ? 'status' : 'alert');
	else row.outcome.removeAttribute('role');
}

export function offerSaving(elements: ArrayLike<HTMLElement>) {
	if (!('caches' in window)) return;
	const rows = Array.from(elements, rowOf).filter((row) => row !== null);

	const refresh = async () => {
		const saved = await savedSlugs();
		for (const row of rows) {
			const here = saved.has(row.slug);
			row.element.hidden = false;
			row.element.querySelector('.offline')?.classList.toggle('saved', here);
			row.availability.textContent = here ? 'Available offline' : 'Not available offline';
			row.button.hidden = here;
		}
	};

	for (const row of rows) {
		row.button.addEventListener('click', async () => {
			for (const other of rows) showOutcome(other, undefined);
			row.button.disabled = true;
			row.label.textContent = 'Saving…';
			try {
				showOutcome(row, await saveOffline(row.slug));
			} finally {
				row.button.disabled = false;
				row.label.textContent = 'Save offline';
				await refresh();
			}
		});
	}
	return refresh();
}
