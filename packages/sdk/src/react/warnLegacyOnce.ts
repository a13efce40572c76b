let warned = false;

/** A one-time development warning that the publishable-key mode exposes every customer's billing. */
export function warnLegacyOnce(): void {
  if (process.env.NODE_ENV === 'production' || warned) return;
  warned = true;
  console.warn(
    '[BillingOS] <BillingOSProvider apiKey="pk_…"> is the legacy mode: anyone holding the publishable key can read any customer\'s billing. ' +
      'Switch to session tokens: add a session route with @billingos/node (createSessionRoute) and pass sessionTokenUrl="/api/billingos-session".',
  );
}
