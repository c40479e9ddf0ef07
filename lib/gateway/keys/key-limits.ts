// Shared by the form schema (client-safe) and createApiKey.
export const API_KEY_NAME_MAX = 100;
export const API_KEY_RPM_MAX = 100_000;
