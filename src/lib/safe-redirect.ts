// The rule lives with the Edge Functions' shared code, which builds emailed links with it too.
export { sameSitePath } from '$shared/safe-redirect.ts';
