import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A form's "in flight" state for `use:enhance`: true from submit until SvelteKit has applied the
 * result, so its button can say "Sending…" and refuse a second press.
 */
export function pendingForm() {
	let active = $state(false);
	const submit: SubmitFunction = () => {
		active = true;
		return async ({ update }) => {
			await update();
			active = false;
		};
	};
	return {
		get active() {
			return active;
		},
		submit
	};
}
