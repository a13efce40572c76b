/** A feature a customer may use, granted by an active or trialing subscription. */
export interface Entitlement {
  featureKey: string;
  productId: string;
  subscriptionId: string;
}
