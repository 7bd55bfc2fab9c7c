/** The settings key holding the sha256 of the current first-run setup token. */
export const SETUP_TOKEN_SETTING = 'auth.setup_token_sha256';
