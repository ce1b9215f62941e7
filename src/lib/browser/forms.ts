/**
 * Forms of pages that do not hydrate post as plain HTML forms (their actions answer with the
 * page, or a redirect). Two things are added here: a button that says what is under way and
 * refuses a second press, and logout's purge of the device before the form posts.
 */

/** Attribute of a submit button: its label while the form is being sent ("Sending…"). */
const BUSY_LABEL = 'data-busy-label';
/** Attribute of a logout form: the device forgets paid content and positions first. */
const LOGOUT = 'data-logout';

function markBusy(button: HTMLButtonElement) {
	const label = button.getAttribute(BUSY_LABEL);
	if (!label) return;
	button.dataset.idleLabel = button.textContent ?? '';
	button.textContent = label;
	button.setAttribute('aria-busy', 'true');
	// After the submission has taken the button's name and value.
	setTimeout(() => (button.disabled = true));
}

/** A page shown again from the back-forward cache: its buttons are idle again. */
function resetBusy() {
	document.querySelectorAll<HTMLButtonElement>(`[${BUSY_LABEL}][aria-busy]`).forEach((button) => {
		button.textContent = button.dataset.idleLabel ?? button.textContent;
		button.removeAttribute('aria-busy');
		button.disabled = false;
	});
}

/**
 * Removes the device's copies of paid content and its reading positions, then posts the form.
 * A failure to purge must not keep the buyer logged in; the logout response's Clear-Site-Data
 * header is the second line.
 */
async function purgeThenSubmit(form: HTMLFormElement) {
	try {
		const [{ purgeOfflineContent }, { forgetPositions }] = await Promise.all([
			import('$lib/offline/content-cache'),
			import('$lib/reading/device')
		]);
		await Promise.allSettled([purgeOfflineContent(), forgetPositions()]);
	} finally {
		form.submit();
	}
}

export function enhanceForms() {
	document.addEventListener('submit', (event) => {
		const form = event.target;
		if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
		if (event.submitter instanceof HTMLButtonElement) markBusy(event.submitter);
		if (form.hasAttribute(LOGOUT)) {
			event.preventDefault();
			void purgeThenSubmit(form);
		}
	});
	window.addEventListener('pageshow', (event) => {
		if (event.persisted) resetBusy();
	});
}
