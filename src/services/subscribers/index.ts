export { confirmSubscription } from './confirm-subscription.js';
export { findSubscription, unsubscribe, updateSubscriptionComponents } from './manage-subscription.js';
export {
  countSubscribers,
  deleteSubscriber,
  getSubscriber,
  listSubscribers,
  resendConfirmation,
  type ListSubscribersOptions,
  type SubscriberList,
} from './operator-subscribers.js';
export { pruneUnconfirmedSubscribers } from './prune-unconfirmed-subscribers.js';
export { subscribe, type SubscribeInput, type SubscribeOptions, type SubscribeResult } from './subscribe.js';
export {
  CONFIRMATION_TTL_MS,
  type Subscriber,
  type SubscriberMode,
  type SubscriberState,
  type SubscriberStateFilter,
} from './subscriber.js';
