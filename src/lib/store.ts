import { env } from '$env/dynamic/public';

/** The store's public identity, set per deployment (PUBLIC_STORE_NAME). */
export const storeName = () => env.PUBLIC_STORE_NAME || 'Storefront';
