import { Module } from '@nestjs/common';
import { LifecycleWorker } from './lifecycle-worker';
import { SubscriptionLifecycle } from './subscription-lifecycle';

/** Time's side of subscriptions: the transitions and the worker that runs them when due. */
@Module({ providers: [SubscriptionLifecycle, LifecycleWorker], exports: [SubscriptionLifecycle, LifecycleWorker] })
export class LifecycleModule {}
