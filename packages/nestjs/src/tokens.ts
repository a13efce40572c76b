/** Injection tokens private to each module instance; strings keep Nest's error messages readable. */
export const BILLINGOS_MODULE_OPTIONS = 'BILLINGOS_MODULE_OPTIONS';
export const BILLINGOS_AUTH_PROVIDER = 'BILLINGOS_AUTH_PROVIDER';
export const BILLINGOS_SESSION_ROUTE_OPTIONS = 'BILLINGOS_SESSION_ROUTE_OPTIONS';
export const BILLINGOS_WEBHOOKS_OPTIONS = 'BILLINGOS_WEBHOOKS_OPTIONS';
