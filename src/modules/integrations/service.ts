// Integrations (EVT-1, EVT-2): the change feed, webhook endpoints, their deliveries and the delivery
// run. Binds the operations (operations/, one per file) to their dependencies, once.
import { sealer } from '../../platform/auth/sealing.js';
import { binder } from '../../platform/bind.js';
import type { Platform } from '../../platform/context.js';
import { outbound } from '../../platform/outbound.js';
import type { IdentityService } from '../identity/service.js';
import { createEndpoint } from './operations/create-endpoint.js';
import { deleteEndpoint } from './operations/delete-endpoint.js';
import { deliverWebhooks } from './operations/deliver-webhooks.js';
import type { IntegrationsDeps } from './operations/deps.js';
import { getDelivery } from './operations/get-delivery.js';
import { getEndpoint } from './operations/get-endpoint.js';
import { listDeliveries } from './operations/list-deliveries.js';
import { listEndpoints } from './operations/list-endpoints.js';
import { listEventTypes } from './operations/list-event-types.js';
import { readEvents } from './operations/read-events.js';
import { redeliver } from './operations/redeliver.js';
import { rotateSecret } from './operations/rotate-secret.js';
import { sendTestEvent } from './operations/send-test-event.js';
import { updateEndpoint } from './operations/update-endpoint.js';
import { deliveryTimeoutMs } from './rules.js';

export function integrationsService(platform: Platform, services: { identity: IdentityService }, options: { now?: () => Date } = {}) {
  const deps: IntegrationsDeps = {
    platform,
    db: platform.db,
    now: options.now ?? (() => new Date()),
    secrets: sealer(platform.config.sessionSecret, 'webhook-secrets'),
    net: outbound(platform.config, { timeoutMs: deliveryTimeoutMs, maxBytes: 1_048_576, keepAlive: true }),
    identity: services.identity,
  };
  const bind = binder(deps);
  return {
    listEventTypes,
    readEvents: bind(readEvents),
    createEndpoint: bind(createEndpoint),
    listEndpoints: bind(listEndpoints),
    getEndpoint: bind(getEndpoint),
    updateEndpoint: bind(updateEndpoint),
    deleteEndpoint: bind(deleteEndpoint),
    rotateSecret: bind(rotateSecret),
    sendTestEvent: bind(sendTestEvent),
    listDeliveries: bind(listDeliveries),
    getDelivery: bind(getDelivery),
    redeliver: bind(redeliver),
    deliverWebhooks: bind(deliverWebhooks),
  };
}


export type IntegrationsService = ReturnType<typeof integrationsService>;
