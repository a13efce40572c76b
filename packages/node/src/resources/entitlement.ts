/** A feature a customer may use, granted by an active or trialing subscription. */
export interface Entitlement {
  object: 'entitlement';
  featureKey: string;
  productId: string;
  subscriptionId: string;
}
