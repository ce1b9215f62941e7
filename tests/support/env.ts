import { stackSettings } from '@storefront/local-stack';

const settings = await stackSettings();

/** Where the running local stack answers and its keys, read from the same config.toml the stack reads. */
export const stackEnv = () => settings;
