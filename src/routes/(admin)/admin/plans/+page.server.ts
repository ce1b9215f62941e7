import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import { requireAdmin } from '$lib/server/admin';
import { readForm } from '$lib/server/form';
import { createPlan, retirePlan, studioPlans } from '$lib/server/studio/plans';
import { planForm } from '$lib/studio/plan-form';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(planForm);

export const load = (async (event) => {
	const user = await requireAdmin(event);
	return {
		plans: await studioPlans(user),
		form: await superValidate({ currency: 'eur' as const, trialDays: 0 }, adapter, {
			errors: false
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	create: async (event) => {
		const user = await requireAdmin(event);
		const body = await readForm(event.request);
		if (!(body instanceof FormData)) return body;
		const form = await superValidate(body, adapter);
		if (!form.valid) return fail(400, { form });
		const created = await createPlan(user, form.data);
		if (!created.ok) return setError(form, created.field, created.message);
		return message(form, `${form.data.name} is on offer.`);
	},
	retire: async (event) => {
		const user = await requireAdmin(event);
		const body = await readForm(event.request);
		if (!(body instanceof FormData)) return body;
		const id = z.uuid().safeParse(body.get('plan'));
		if (!id.success) return fail(400, { retired: 'No such plan.' });
		const done = await retirePlan(user, id.data);
		return {
			retired: done === 'archived' ? 'Archived: its members keep it; nobody new joins.' : 'Deleted.'
		};
	}
} satisfies Actions;
