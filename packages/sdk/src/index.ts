export { BillingOSClient } from './core/BillingOSClient';
export type { BillingOSClientOptions } from './core/BillingOSClient';
export { Subscribable } from './core/Subscribable';
export type { Listener } from './core/Subscribable';
export type {
  CancelSubscriptionParams,
  ChangePlanParams,
  BooleanEntitlement,
  BooleanFeature,
  CreateSubscriptionParams,
  Customer,
  Entitlement,
  EntitlementCheck,
  List,
  MeteredEntitlement,
  MeteredFeature,
  Price,
  Product,
  ProductFeature,
  ScheduledChange,
  Subscription,
  SubscriptionStatus,
  UpdateSubscriptionParams,
} from './core/types';

export { TokenManager } from './core/tokens/TokenManager';
export type { InitialToken, TokenManagerOptions, TokenState } from './core/tokens/TokenManager';
export type { TokenRequestOptions, TokenResult, TokenSource } from './core/tokens/TokenSource';
export { UrlTokenSource } from './core/tokens/UrlTokenSource';
export { StaticTokenSource } from './core/tokens/StaticTokenSource';
export { PublishableKeySource } from './core/tokens/PublishableKeySource';
export { FunctionTokenSource } from './core/tokens/FunctionTokenSource';
export type { GetToken } from './core/tokens/FunctionTokenSource';
export { browserResumeEvents } from './core/tokens/resumeEvents';
export type { ResumeEvents } from './core/tokens/resumeEvents';
export type { BroadcastChannelLike, CreateChannel, SharedToken } from './core/tokens/TabChannel';

export { Query } from './core/query/Query';
export type { QueryState } from './core/query/Query';
export { QueryCache } from './core/query/QueryCache';
export type { InitialState, ResourceData, ResourceKey } from './core/query/QueryCache';

export { BillingOSError } from './core/errors/BillingOSError';
export type { BillingOSErrorInit, BillingOSErrorType } from './core/errors/BillingOSError';
export { InvalidRequestError } from './core/errors/InvalidRequestError';
export { AuthenticationError } from './core/errors/AuthenticationError';
export { PermissionError } from './core/errors/PermissionError';
export { NotFoundError } from './core/errors/NotFoundError';
export { IdempotencyError } from './core/errors/IdempotencyError';
export { RateLimitError } from './core/errors/RateLimitError';
export { ApiError } from './core/errors/ApiError';
export { ConnectionError } from './core/errors/ConnectionError';
export { ConfigurationError } from './core/errors/ConfigurationError';
export { isBillingOSError } from './core/errors/isBillingOSError';

export { BillingOSProvider } from './react/BillingOSProvider';
export type { BillingOSProviderProps } from './react/BillingOSProvider';
export { useBillingOS } from './react/useBillingOS';
export { useSessionToken } from './react/useSessionToken';
export type { SessionTokenResult } from './react/useSessionToken';
export { useCustomer } from './react/useCustomer';
export { useSubscriptions } from './react/useSubscriptions';
export { useActiveSubscription } from './react/useActiveSubscription';
export { useEntitlements } from './react/useEntitlements';
export { useEntitlement } from './react/useEntitlement';
export type { EntitlementResult } from './react/useEntitlement';
export { useProducts } from './react/useProducts';
export type { ResourceResult } from './react/useResource';
export { useChangePlan } from './react/useChangePlan';
export { useUpdateSubscription } from './react/useUpdateSubscription';
export { useCancelSubscription } from './react/useCancelSubscription';
export { useCreateSubscription } from './react/useCreateSubscription';
export type { MutationState } from './react/useMutation';
