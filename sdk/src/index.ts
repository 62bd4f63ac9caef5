// @channel-center/sdk: a typed client for the Channel Center API.
export {
  ApiError,
  appTokenProvider,
  createClient,
  requestAppToken,
  retryAfterMs,
  retryingFetch,
  unwrap,
  type ChannelCenterClient,
  type ClientCredentials,
  type ClientOptions,
  type paths,
  type Problem,
  type RetryOptions,
  type TokenResponse,
} from './client.js';
export { pages, paginate, type CollectionPath, type ItemOf, type ListInit, type PageOf } from './paginate.js';
export { eventPages, events, type EventFeed, type EventsOptions, type FeedEvent } from './events.js';
export { signWebhook, verifyWebhook, WebhookVerificationError, type VerifyOptions, type WebhookFailure, type WebhookMessage } from './webhooks.js';
export type { components, operations } from './schema.js';
